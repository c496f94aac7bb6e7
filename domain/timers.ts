import { addDuration, type Duration, durationLabel, subtractDuration, toEpochMs } from './duration';
import type { OwedStep } from './events';
import { defaultPolicy } from './policy';
import {
  type AccreditationCase,
  type AccreditationState,
  auditPhase,
  holdsCertificate,
  isInGoodStanding,
} from './state';

export type TimerKind =
  | 'information_request_reminder'
  | 'information_request_deadline'
  | 'objection_window_end'
  | 'document_review_reminder'
  | 'audit_report_reminder'
  | 'verification_reminder'
  | 'corrective_action_deadline'
  | 'self_assessment_reminder'
  | 'self_assessment_due'
  | 'self_assessment_overdue'
  | 'self_assessment_escalation'
  | 'self_assessment_suspension_proposal'
  | 'renewal_window'
  | 'certificate_expiry'
  | 'maximum_suspension_end'
  | 'complaint_acknowledgement_deadline'
  | 'owed_step_reminder'
  | 'owed_step_escalation'
  | 'appeal_window_end';

export interface Timer {
  /** Deterministic and unique within the case, e.g. `cycle-1:self-assessment-1:reminder-30d`. */
  id: string;
  kind: TimerKind;
  at: string;
  /** The request, auditor assignment, finding, self-assessment, certificate, suspension or complaint. */
  subjectId: string;
}

/**
 * The timers the workflow must wait on, earliest first. When one runs out the workflow sends
 * `ElapseTimer { timerId }`; the resulting events carry the timer id, so it is not listed again.
 */
export function dueTimers(state: AccreditationState): Timer[] {
  if (state.status === 'none') return [];
  const { policy } = state;
  const timers: Timer[] = [];
  const add = (id: string, kind: TimerKind, at: string, subjectId: string) =>
    timers.push({ id, kind, at, subjectId });
  // A deadline extended after it lapsed runs out again under a new id.
  const deadlineId = (id: string, at: string) =>
    state.extendedAfterLapse?.includes(id) ? `${id}@${at}` : id;

  const request = state.openRequest;
  if (request && (state.status === 'awaiting_applicant' || state.status === 'document_review')) {
    const reminderAt = subtractDuration(request.respondBy, policy.informationRequestReminderLeadTime);
    add(`${request.requestId}:reminder`, 'information_request_reminder', reminderAt, request.requestId);
    add(
      deadlineId(`${request.requestId}:deadline`, request.respondBy),
      'information_request_deadline',
      request.respondBy,
      request.requestId,
    );
  }

  const reminderLeadTime = policy.auditorDeadlines?.reminderLeadTime;
  const remindAuditor = (kind: TimerKind, dueBy: string | undefined) => {
    if (!reminderLeadTime || !dueBy) return;
    const id = `cycle-${state.cycle}:${kind.replaceAll('_', '-')}-${dueBy}`;
    add(id, kind, subtractDuration(dueBy, reminderLeadTime), state.accreditationId);
  };
  if (state.status === 'document_review' && state.documentReviewerId) {
    remindAuditor('document_review_reminder', state.documentReviewDueBy);
  }
  const phase = auditPhase(state);
  if (phase === 'audit' && state.leadAuditor) {
    remindAuditor('audit_report_reminder', state.auditReportDueBy);
  }

  const leadAuditor = state.leadAuditor;
  if (phase === 'audit_planning' && leadAuditor && !leadAuditor.objectionWindowClosed) {
    const { assignmentId, objectionWindowEndsAt } = leadAuditor;
    add(`${assignmentId}:objection-window-end`, 'objection_window_end', objectionWindowEndsAt, assignmentId);
  }

  if (phase === 'audit' || phase === 'corrective_actions') {
    for (const { findingId, status, verifyBy } of state.findings) {
      if (status !== 'awaiting_verification' || !verifyBy || !reminderLeadTime || !state.leadAuditor)
        continue;
      const at = subtractDuration(verifyBy, reminderLeadTime);
      add(`${findingId}:verification-reminder-${verifyBy}`, 'verification_reminder', at, findingId);
    }
    // A special audit's major finding leads to a suspension proposal, not to a lapse into a refusal.
    for (const finding of state.specialAudit ? [] : state.findings) {
      if (finding.status !== 'open' || !finding.correctiveActionDueBy) continue;
      const { findingId, correctiveActionDueBy } = finding;
      add(
        deadlineId(`${findingId}:corrective-action-deadline`, correctiveActionDueBy),
        'corrective_action_deadline',
        correctiveActionDueBy,
        findingId,
      );
    }
  }

  if (isInGoodStanding(state)) {
    for (const { selfAssessmentId: id, dueAt, status } of state.selfAssessments) {
      if (status !== 'pending') continue;
      for (const leadTime of policy.selfAssessmentReminderLeadTimes) {
        const at = subtractDuration(dueAt, leadTime);
        add(`${id}:reminder-${durationLabel(leadTime)}`, 'self_assessment_reminder', at, id);
      }
      add(`${id}:due`, 'self_assessment_due', dueAt, id);
      const overdueAt = addDuration(dueAt, policy.selfAssessmentOverdueReminderAfter);
      add(`${id}:overdue`, 'self_assessment_overdue', overdueAt, id);
      const escalationAt = addDuration(dueAt, policy.selfAssessmentEscalationAfter);
      add(`${id}:escalation`, 'self_assessment_escalation', escalationAt, id);
      const proposalAt = addDuration(dueAt, policy.selfAssessmentSuspensionProposalAfter);
      add(`${id}:suspension-proposal`, 'self_assessment_suspension_proposal', proposalAt, id);
    }
  }

  const certificate = state.certificate;
  if (certificate && holdsCertificate(state)) {
    const prefix = `cycle-${certificate.cycle}`;
    if (isInGoodStanding(state) && state.renewal === null) {
      const opensAt = subtractDuration(certificate.validUntil, policy.renewalWindow);
      add(`${prefix}:renewal-window`, 'renewal_window', opensAt, certificate.certificateNumber);
    }
    add(
      `${prefix}:certificate-expiry`,
      'certificate_expiry',
      certificate.validUntil,
      certificate.certificateNumber,
    );
  }

  if (state.status === 'suspended' && state.suspension) {
    const { suspensionId, reinstateBy } = state.suspension;
    add(`${suspensionId}:maximum-suspension-end`, 'maximum_suspension_end', reinstateBy, suspensionId);
  }

  for (const owed of owedSteps(state)) {
    const reminderAt = subtractDuration(owed.dueAt, owed.reminderLeadTime);
    add(
      `${owed.subjectId}:${owed.prefix}-reminder-${owed.dueAt}`,
      'owed_step_reminder',
      reminderAt,
      owed.subjectId,
    );
    add(
      `${owed.subjectId}:${owed.prefix}-escalation-${owed.dueAt}`,
      'owed_step_escalation',
      owed.dueAt,
      owed.subjectId,
    );
  }

  for (const window of state.appealWindows ?? []) {
    if (window.status !== 'open') continue;
    add(`${window.decisionId}:appeal-window-end`, 'appeal_window_end', window.until, window.decisionId);
  }

  for (const complaint of state.complaints) {
    if (complaint.status !== 'received') continue;
    const { complaintId, acknowledgeBy } = complaint;
    add(
      `${complaintId}:acknowledgement-deadline`,
      'complaint_acknowledgement_deadline',
      acknowledgeBy,
      complaintId,
    );
  }

  return timers
    .filter((timer) => !state.firedTimerIds.includes(timer.id))
    .sort((a, b) => toEpochMs(a.at) - toEpochMs(b.at) || compareIds(a.id, b.id));
}

export interface OwedStepDue {
  owed: OwedStep;
  /** The finding, the lead auditor's assignment or the self-assessment. */
  subjectId: string;
  dueAt: string;
  reminderLeadTime: Duration;
  /** Of the timer ids. */
  prefix: string;
}

/** What is owed with a due date (rule set 4) and not yet done: a timer reminds, another escalates. */
export function owedSteps(state: AccreditationCase): OwedStepDue[] {
  const owed: OwedStepDue[] = [];
  // An appeal is decided by its deadline whatever the policy's age (the window opens under rule set 4 only).
  const appealLeadTime =
    state.policy.owedDeadlines?.reminderLeadTime ?? defaultPolicy.owedDeadlines.reminderLeadTime;
  for (const appeal of state.appeals ?? []) {
    const { appealId: subjectId, decideBy: dueAt } = appeal;
    owed.push({
      owed: 'appeal_decision',
      subjectId,
      dueAt,
      reminderLeadTime: appealLeadTime,
      prefix: 'decision',
    });
  }
  const reminderLeadTime = state.policy.owedDeadlines?.reminderLeadTime;
  if (!reminderLeadTime) return owed;
  const add = (kind: OwedStep, subjectId: string, dueAt: string | undefined, prefix: string) => {
    if (dueAt) owed.push({ owed: kind, subjectId, dueAt, reminderLeadTime, prefix });
  };
  const leadAuditor = state.leadAuditor;
  const phase = auditPhase(state);
  if (phase === 'audit_planning' && leadAuditor && !state.auditDate) {
    add('audit_date', leadAuditor.assignmentId, leadAuditor.auditDateDueBy, 'audit-date');
  }
  if (phase === 'audit' || phase === 'corrective_actions') {
    for (const finding of state.findings) {
      if (finding.severity !== 'minor' || finding.status !== 'open') continue;
      add('action_plan', finding.findingId, finding.actionPlanDueBy, 'action-plan');
    }
  }
  if (isInGoodStanding(state)) {
    for (const selfAssessment of state.selfAssessments) {
      if (selfAssessment.status !== 'follow_up_requested') continue;
      add(
        'self_assessment_follow_up',
        selfAssessment.selfAssessmentId,
        selfAssessment.followUpDueBy,
        'follow-up',
      );
    }
  }
  return owed;
}

// Not localeCompare: its result may depend on the ICU data of the machine, and workflows must replay identically.
function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
