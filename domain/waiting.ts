/**
 * What a case waits for when it waits for time (or, after a lapsed deadline, for a decision maker),
 * and until when: the one answer the case page, the case list and the dashboard show. Pure: a
 * function of the state and its timers, so the projection stores it with each change.
 */
import type { AccreditationState } from './state';
import { dueTimers, type Timer, type TimerKind } from './timers';

export const waitingReasons = [
  'objection_window',
  'audit_date',
  'information_request',
  'corrective_action',
  'self_assessment_due',
  'self_assessment_overdue',
  'renewal_window',
  'certificate_expiry',
  'suspension_end',
  'lapse_decision',
  'appeal_window',
] as const;
export type WaitingReason = (typeof waitingReasons)[number];

export interface Waiting {
  reason: WaitingReason;
  /** When the wait ends (ISO); null for a lapse waiting for a decision maker, which has no end of its own. */
  until: string | null;
  /** The request, assignment, finding, self-assessment, certificate, suspension or proposal. */
  subjectId: string;
}

/**
 * The deadlines a case waits out, by the timer that ends them. Reminders are left out: they end no
 * wait; so is a complaint's acknowledgement, which is staff's task, not the case's wait. A timer
 * kind not listed here (a new one) shows no wait until it is added.
 */
const reasonOfTimer: Partial<Record<TimerKind, WaitingReason>> = {
  objection_window_end: 'objection_window',
  information_request_deadline: 'information_request',
  corrective_action_deadline: 'corrective_action',
  self_assessment_due: 'self_assessment_due',
  self_assessment_overdue: 'self_assessment_overdue',
  self_assessment_escalation: 'self_assessment_overdue',
  self_assessment_suspension_proposal: 'self_assessment_overdue',
  renewal_window: 'renewal_window',
  certificate_expiry: 'certificate_expiry',
  maximum_suspension_end: 'suspension_end',
  appeal_window_end: 'appeal_window',
};

/**
 * The case's wait: a lapse proposed to a decision maker first (the case stands still until someone
 * decides), then an audit date not yet reached by any report, then the earliest deadline among its
 * timers, the appeal window last. Null when the case waits only for people's tasks or nothing at all.
 */
export function waitingFor(
  state: AccreditationState,
  timers: readonly Timer[] = dueTimers(state),
): Waiting | null {
  if (state.status === 'none') return null;
  if (state.lapseProposal) {
    return { reason: 'lapse_decision', until: null, subjectId: state.lapseProposal.proposalId };
  }
  // A window to appeal runs beside the case's own course (a suspension's end, say): it is the wait
  // only of a case that has nothing else to wait for (refused, withdrawn).
  const timer =
    timers.find(
      (candidate) => reasonOfTimer[candidate.kind] !== undefined && candidate.kind !== 'appeal_window_end',
    ) ?? timers.find((candidate) => candidate.kind === 'appeal_window_end');
  // The objection window runs before the audit; once it is closed, the case waits for the audit day.
  if (state.status === 'audit' && state.auditDate && state.completedAuditElements.length === 0) {
    const auditDay = `${state.auditDate}T00:00:00.000Z`;
    if (!timer || auditDay <= timer.at) {
      return { reason: 'audit_date', until: auditDay, subjectId: state.accreditationId };
    }
  }
  if (!timer) return null;
  return { reason: reasonOfTimer[timer.kind] as WaitingReason, until: timer.at, subjectId: timer.subjectId };
}
