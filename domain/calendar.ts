/**
 * The calendar of a case: every deadline someone must meet (an open task's due date, and the
 * self-assessments still to come over the certificate's validity) and every timer the workflow
 * waits on (reminders, escalations, the renewal window, expiry), from the decider's state.
 */
import { seesTimer } from './case-file/visibility';
import type { LocalisedText } from './catalogue';
import type { Role, UserRole } from './roles';
import { type AccreditationState, holdsCertificate } from './state';
import { openTasks, type TaskKind } from './tasks';
import { dueTimers, type TimerKind } from './timers';

export interface CalendarItem {
  /** Unique within the case. */
  id: string;
  /** `deadline`: someone must act by then; `timer`: the workflow acts then. */
  category: 'deadline' | 'timer';
  kind: TaskKind | TimerKind;
  at: string;
  subjectId: string;
  /** Who must act (deadlines); null for timers. */
  assigneeRole: Role | null;
  /** The user or organisation; null when anyone with the role may act. */
  assigneeId: string | null;
}

export function caseCalendar(state: AccreditationState): CalendarItem[] {
  if (state.status === 'none') return [];
  const items: CalendarItem[] = [];
  for (const task of openTasks(state)) {
    if (!task.dueAt) continue;
    const { kind, subjectId, assigneeRole, assigneeId } = task;
    items.push({
      id: `task:${task.id}`,
      category: 'deadline',
      kind,
      at: task.dueAt,
      subjectId,
      assigneeRole,
      assigneeId,
    });
  }
  // Self-assessments further ahead are not tasks yet, but their due dates are set.
  const scheduled = holdsCertificate(state)
    ? [
        ...state.selfAssessments.filter((selfAssessment) => selfAssessment.status === 'pending'),
        ...(state.nextCertificate?.selfAssessments ?? []),
      ]
    : [];
  for (const { selfAssessmentId, dueAt } of scheduled) {
    const id = `task:submit_self_assessment:${selfAssessmentId}`;
    if (items.some((item) => item.id === id)) continue;
    items.push({
      id,
      category: 'deadline',
      kind: 'submit_self_assessment',
      at: dueAt,
      subjectId: selfAssessmentId,
      assigneeRole: 'organisation',
      assigneeId: state.organisationId,
    });
  }
  for (const timer of dueTimers(state)) {
    const { kind, at, subjectId } = timer;
    items.push({
      id: `timer:${timer.id}`,
      category: 'timer',
      kind,
      at,
      subjectId,
      assigneeRole: null,
      assigneeId: null,
    });
  }
  return items.sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * What a viewer of the case sees of its calendar: DIM's staff and decision makers everything;
 * auditors their own and the organisation's deadlines and the timers but DIM's internal ones; the
 * organisation its own deadlines and the timers that concern it (`seesTimer`, the case file's rule).
 */
export function calendarFor(items: readonly CalendarItem[], role: UserRole): CalendarItem[] {
  if (role === 'admin' || role === 'staff' || role === 'decision_maker') return [...items];
  const roles: readonly Role[] = role === 'auditor' ? ['auditor', 'organisation'] : ['organisation'];
  return items.filter((item) =>
    item.category === 'deadline'
      ? item.assigneeRole !== null && roles.includes(item.assigneeRole)
      : seesTimer({ role, userId: '' }, item.kind),
  );
}

/** What is due, for calendar entries: "Frist: …" / "Due: …". */
export const deadlineLabels: Record<TaskKind, LocalisedText> = {
  submit_application: { de: 'Antrag einreichen', en: 'Submit the application' },
  review_application: { de: 'Antrag prüfen', en: 'Review the application' },
  answer_request: { de: 'Nachforderung beantworten', en: 'Answer the request' },
  assign_document_reviewer: { de: 'Dokumentenprüfer zuweisen', en: 'Assign the document reviewer' },
  complete_document_review: { de: 'Dokumentenprüfung abschließen', en: 'Complete the document review' },
  assign_lead_auditor: { de: 'Leitenden Auditor zuweisen', en: 'Assign the lead auditor' },
  set_audit_date: { de: 'Audittermin festlegen', en: 'Set the audit date' },
  complete_audit_element: { de: 'Auditelement abschließen', en: 'Report the audit element' },
  verify_review_gap: {
    de: 'Lücke der Dokumentenprüfung im Audit verifizieren',
    en: 'Verify the document review’s gap at the audit',
  },
  submit_corrective_action_evidence: {
    de: 'Nachweis der Korrekturmaßnahme einreichen',
    en: 'Submit corrective-action evidence',
  },
  verify_corrective_action: { de: 'Korrekturmaßnahme verifizieren', en: 'Verify the corrective action' },
  submit_action_plan: { de: 'Maßnahmenplan einreichen', en: 'Submit the action plan' },
  accept_action_plan: { de: 'Maßnahmenplan prüfen', en: 'Review the action plan' },
  decide_accreditation: { de: 'Über die Akkreditierung entscheiden', en: 'Decide on the accreditation' },
  decide_lapse: { de: 'Über die abgelaufene Frist entscheiden', en: 'Decide on the lapsed deadline' },
  reinstate: { de: 'Über die Wiederinkraftsetzung entscheiden', en: 'Decide on the reinstatement' },
  submit_self_assessment: { de: 'Selbstbewertung einreichen', en: 'Submit the self-assessment' },
  review_self_assessment: { de: 'Selbstbewertung prüfen', en: 'Review the self-assessment' },
  decide_suspension_proposal: {
    de: 'Über den Aussetzungsvorschlag entscheiden',
    en: 'Decide the suspension proposal',
  },
  apply_for_renewal: { de: 'Verlängerung beantragen', en: 'Apply for renewal' },
  end_suspension: { de: 'Aussetzung beenden', en: 'End the suspension' },
  acknowledge_complaint: { de: 'Eingang der Beschwerde bestätigen', en: 'Acknowledge the complaint' },
  assign_complaint_investigator: { de: 'Untersuchung zuweisen', en: 'Assign the investigation' },
  decide_complaint: { de: 'Über die Beschwerde entscheiden', en: 'Decide the complaint' },
  close_complaint: { de: 'Beschwerde abschließen', en: 'Close the complaint' },
  decide_appeal: { de: 'Über den Einspruch entscheiden', en: 'Decide the appeal' },
  assess_scope_change: {
    de: 'Prüfweg der Änderung des Geltungsbereichs festlegen',
    en: 'Decide how the scope change is assessed',
  },
  review_scope_change_documents: {
    de: 'Dokumente zur Änderung des Geltungsbereichs prüfen',
    en: 'Review the documents of the scope change',
  },
  decide_scope_change: {
    de: 'Über die Änderung des Geltungsbereichs entscheiden',
    en: 'Decide the scope change',
  },
};
