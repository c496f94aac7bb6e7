import type { AccreditationEvent } from '../events';
import type { TaskKind } from '../tasks';
import type { TimerKind } from '../timers';
import type { CaseFile, Procedure } from './schema';

/** Who looks at a case; whether they may see the case at all is decided before (the API). */
export interface CaseFileViewer {
  role: 'admin' | 'staff' | 'decision_maker' | 'auditor' | 'organisation';
  userId: string;
}

/**
 * What a part of a case concerns, for who may see it: the `procedure` (application, reviews,
 * audit, findings, decisions, certificates, self-assessments, suspensions) is the business of
 * everyone who may see the case; `auditor_reminders` DIM sends its auditors are not the
 * organisation's; DIM's `internal` deliberations (suspension proposals, escalations, the decision
 * queue, lapse proposals) are for staff and decision makers; a `complaint` for staff and whoever
 * investigates that complaint.
 */
export type Concern = 'procedure' | 'auditor_reminders' | 'internal' | 'complaint';

/** DIM's staff and administrators see the whole case. */
export const seesWholeCase = (viewer: CaseFileViewer) => viewer.role === 'admin' || viewer.role === 'staff';

/**
 * The one rule of who sees what: the case file (`caseFileFor`), the case's timeline and its open
 * tasks (`mayView`) all ask it. `investigates`: the viewer investigates the complaint in question.
 */
function sees(viewer: CaseFileViewer, concern: Concern, investigates = false): boolean {
  if (seesWholeCase(viewer)) return true;
  switch (concern) {
    case 'procedure':
      return true;
    case 'auditor_reminders':
      return viewer.role !== 'organisation';
    case 'internal':
      return viewer.role === 'decision_maker';
    case 'complaint':
      return investigates;
  }
}

/** What each event of a case concerns (its timeline entry is shown to whom `sees` the concern). */
const eventConcerns: Record<AccreditationEvent['type'], Concern> = {
  AccreditationOpened: 'procedure',
  CaseManagerAssigned: 'procedure',
  ApplicationSubmitted: 'procedure',
  InformationRequested: 'procedure',
  DocumentsRequested: 'procedure',
  InformationProvided: 'procedure',
  InformationRequestReminderSent: 'procedure',
  DocumentsRequestLapsed: 'procedure',
  ApplicationAccepted: 'procedure',
  ApplicationRejected: 'procedure',
  DocumentReviewerAssigned: 'procedure',
  DocumentReviewCompleted: 'procedure',
  ReviewGapsReferredToAudit: 'procedure',
  LeadAuditorAssigned: 'procedure',
  AuditDateSet: 'procedure',
  AuditorObjected: 'procedure',
  AuditorObjectionWindowClosed: 'procedure',
  AuditorDeadlineApproaching: 'auditor_reminders',
  AuditElementCompleted: 'procedure',
  ActionPlanSubmitted: 'procedure',
  ActionPlanAccepted: 'procedure',
  CorrectiveActionEvidenceSubmitted: 'procedure',
  CorrectiveActionVerified: 'procedure',
  DeadlineExtended: 'procedure',
  AccreditationGranted: 'procedure',
  DecisionMakerAssigned: 'internal',
  AccreditationRefused: 'procedure',
  LapseProposed: 'internal',
  SelfAssessmentReminderSent: 'procedure',
  SelfAssessmentEscalated: 'internal',
  SuspensionProposed: 'internal',
  SuspensionProposalRejected: 'internal',
  SpecialAuditScheduled: 'procedure',
  SpecialAuditClosed: 'procedure',
  SelfAssessmentSubmitted: 'procedure',
  SelfAssessmentAccepted: 'procedure',
  SelfAssessmentFollowUpRequested: 'procedure',
  RenewalWindowOpened: 'procedure',
  RenewalApplied: 'procedure',
  AccreditationSuspended: 'procedure',
  AccreditationReinstated: 'procedure',
  AccreditationWithdrawn: 'procedure',
  AccreditationExpired: 'procedure',
  CycleRenewed: 'procedure',
  ComplaintReceived: 'complaint',
  ComplaintAcknowledged: 'complaint',
  ComplaintAcknowledgementOverdue: 'complaint',
  ComplaintInvestigatorAssigned: 'complaint',
  ComplaintDecided: 'complaint',
  ComplaintClosed: 'complaint',
  OwedStepReminderSent: 'procedure',
  OwedStepEscalated: 'internal',
  AppealWindowOpened: 'procedure',
  AppealWindowClosed: 'procedure',
  AppealLodged: 'procedure',
  AppealHandlerAssigned: 'internal',
  AppealDecided: 'procedure',
};

/** What each open task concerns: the decision queue's tasks are internal (who holds them too). */
const taskConcerns: Record<TaskKind, Concern> = {
  submit_application: 'procedure',
  review_application: 'procedure',
  answer_request: 'procedure',
  assign_document_reviewer: 'procedure',
  complete_document_review: 'procedure',
  assign_lead_auditor: 'procedure',
  set_audit_date: 'procedure',
  complete_audit_element: 'procedure',
  verify_review_gap: 'procedure',
  submit_corrective_action_evidence: 'procedure',
  verify_corrective_action: 'procedure',
  submit_action_plan: 'procedure',
  accept_action_plan: 'procedure',
  decide_accreditation: 'internal',
  submit_self_assessment: 'procedure',
  review_self_assessment: 'procedure',
  decide_suspension_proposal: 'internal',
  apply_for_renewal: 'procedure',
  end_suspension: 'procedure',
  reinstate: 'procedure',
  decide_lapse: 'internal',
  acknowledge_complaint: 'complaint',
  assign_complaint_investigator: 'complaint',
  decide_complaint: 'complaint',
  close_complaint: 'complaint',
  decide_appeal: 'internal',
};

/**
 * What each timer of a case concerns, for who sees it as a deadline (the case's next deadline, the
 * calendar): escalations, proposals to decision makers, the appeal's decision and a complaint's
 * acknowledgement are DIM's own deadlines, not the organisation's. An owed step's reminder goes to
 * whoever owes it; the organisation's own owed steps show as its tasks' due dates.
 */
const timerConcerns: Record<TimerKind, Concern> = {
  information_request_reminder: 'procedure',
  information_request_deadline: 'procedure',
  objection_window_end: 'procedure',
  document_review_reminder: 'auditor_reminders',
  audit_report_reminder: 'auditor_reminders',
  verification_reminder: 'auditor_reminders',
  corrective_action_deadline: 'procedure',
  self_assessment_reminder: 'procedure',
  self_assessment_due: 'procedure',
  self_assessment_overdue: 'procedure',
  self_assessment_escalation: 'internal',
  self_assessment_suspension_proposal: 'internal',
  renewal_window: 'procedure',
  certificate_expiry: 'procedure',
  maximum_suspension_end: 'procedure',
  complaint_acknowledgement_deadline: 'complaint',
  owed_step_reminder: 'internal',
  owed_step_escalation: 'internal',
  appeal_window_end: 'procedure',
};

/** Whether the viewer sees DIM's internal deliberations (a lapse proposed to a decision maker, say). */
export const seesInternal = (viewer: CaseFileViewer) => sees(viewer, 'internal');

/** Whether the viewer sees a timer of the case as a deadline. Unknown kinds are internal. */
export function seesTimer(viewer: CaseFileViewer, kind: string): boolean {
  return sees(viewer, (timerConcerns as Record<string, Concern | undefined>)[kind] ?? 'internal');
}

const investigatorOf = (file: CaseFile, complaintId: string | null) =>
  (file.complaints ?? []).find((complaint) => complaint.complaintId === complaintId)?.investigation
    ?.investigatorId;

/**
 * Whether the viewer sees an event of the case (`{ event }`: its type and, for a complaint's, the
 * complaint) or an open task (`{ task }`: its kind and subject). Unknown types are internal.
 */
export function mayView(
  viewer: CaseFileViewer,
  file: CaseFile,
  item: { event: string; complaintId: string | null } | { task: string; subjectId: string },
): boolean {
  const concern =
    'event' in item
      ? (eventConcerns as Record<string, Concern | undefined>)[item.event]
      : (taskConcerns as Record<string, Concern | undefined>)[item.task];
  const complaintId = 'event' in item ? item.complaintId : item.subjectId;
  return sees(viewer, concern ?? 'internal', investigatorOf(file, complaintId) === viewer.userId);
}

/**
 * The case file as a viewer may see it (see `sees`): without the parts whose concern they do not
 * see; of the complaints those they investigate.
 */
export function caseFileFor(file: CaseFile, viewer: CaseFileViewer): CaseFile {
  if (seesWholeCase(viewer)) return file;
  const { complaints, suspensionProposals, decisionMakers, lapseProposals, ...rest } = file;
  const investigated = (complaints ?? []).filter((complaint) =>
    sees(viewer, 'complaint', complaint.investigation?.investigatorId === viewer.userId),
  );
  const internal = sees(viewer, 'internal');
  const owedSteps = file.owedSteps?.map(({ escalatedAt, ...step }) => step);
  const shown: CaseFile = {
    ...rest,
    ...(investigated.length > 0 ? { complaints: investigated } : {}),
    ...(internal && suspensionProposals ? { suspensionProposals } : {}),
    ...(internal && decisionMakers ? { decisionMakers } : {}),
    ...(internal && lapseProposals ? { lapseProposals } : {}),
    ...(!internal && owedSteps ? { owedSteps } : {}),
    selfAssessments: internal
      ? file.selfAssessments
      : file.selfAssessments.map(({ escalatedAt, ...selfAssessment }) => selfAssessment),
  };
  if (sees(viewer, 'auditor_reminders')) return shown;
  return { ...shown, procedures: file.procedures.map(withoutAuditorReminders) };
}

function withoutAuditorReminders(procedure: Procedure): Procedure {
  const { documentReview, auditPlanning } = procedure;
  return {
    ...procedure,
    documentReview: documentReview ? omit(documentReview, 'reviewerRemindedAt') : null,
    auditPlanning: auditPlanning ? omit(auditPlanning, 'auditorRemindedAt') : null,
    findings: procedure.findings.map((finding) => omit(finding, 'auditorRemindedAt')),
  };
}

function omit<T extends object, Key extends keyof T>(value: T, key: Key): Omit<T, Key> {
  const { [key]: _omitted, ...rest } = value;
  return rest;
}
