/** Policies of the integration tests: durations of seconds and minutes instead of the standard's years. */
import type { PolicyInput } from '../../domain/policy-schema';

/**
 * A policy of seconds for whole cycles (the API and CLI tests; in days, the workflow's lifecycle
 * test): self-assessments fall due at +12 s and +24 s, the renewal window opens at +27 s, expiry at
 * +36 s.
 */
export const pilotPolicy: PolicyInput = {
  version: 'test-seconds',
  certificateValidity: { seconds: 36 },
  selfAssessmentInterval: { seconds: 12 },
  selfAssessmentReminderLeadTimes: [{ seconds: 3 }],
  selfAssessmentOverdueReminderAfter: { seconds: 1 },
  selfAssessmentEscalationAfter: { seconds: 2 },
  selfAssessmentSuspensionProposalAfter: { seconds: 5 },
  renewalWindow: { seconds: 9 },
  auditorObjectionWindow: { seconds: 1 },
  correctiveActionDeadline: { minutes: 5 },
  informationRequestResponseDeadline: { minutes: 5 },
  informationRequestReminderLeadTime: { minutes: 1 },
};

/**
 * `policy` with every duration of seconds or minutes read as days, for the time-skipping server:
 * there the clock runs at wall-clock pace while a test works and jumps when it waits, so with days
 * no deadline falls between two steps of a test however slow the machine, and the same sequence
 * of events follows as with seconds.
 */
export function inDays(policy: PolicyInput): PolicyInput {
  return JSON.parse(JSON.stringify(policy).replace(/"(seconds|minutes)":/g, '"days":'));
}

/**
 * Long enough that nothing fires during a scenario unless it waits for it (seconds for the
 * objection window, which most scenarios wait out).
 */
export const quietPolicy: PolicyInput = {
  version: 'test-scenarios',
  certificateValidity: { minutes: 30 },
  selfAssessmentInterval: { minutes: 10 },
  selfAssessmentReminderLeadTimes: [{ minutes: 1 }],
  selfAssessmentOverdueReminderAfter: { minutes: 1 },
  selfAssessmentEscalationAfter: { minutes: 2 },
  selfAssessmentSuspensionProposalAfter: { minutes: 3 },
  renewalWindow: { minutes: 5 },
  auditorObjectionWindow: { seconds: 1 },
  correctiveActionDeadline: { minutes: 5 },
  informationRequestResponseDeadline: { minutes: 5 },
  informationRequestReminderLeadTime: { minutes: 1 },
  complaintAcknowledgementDeadline: { minutes: 5 },
  maximumSuspension: { minutes: 5 },
  // A refused or withdrawn case's run ends once its decision can no longer be appealed (rule set 4).
  appealWindow: { seconds: 2 },
};

/**
 * The case file's test (test/api/case-file.test.ts): self-assessments every 8 s, so that one is
 * escalated and proposed for suspension within seconds.
 */
export const caseFilePolicy: PolicyInput = {
  version: 'test-case-file',
  certificateValidity: { seconds: 120 },
  selfAssessmentInterval: { seconds: 8 },
  selfAssessmentReminderLeadTimes: [{ seconds: 2 }],
  selfAssessmentOverdueReminderAfter: { seconds: 1 },
  selfAssessmentEscalationAfter: { seconds: 2 },
  selfAssessmentSuspensionProposalAfter: { seconds: 3 },
  renewalWindow: { seconds: 30 },
  auditorObjectionWindow: { seconds: 1 },
  correctiveActionDeadline: { minutes: 5 },
  informationRequestResponseDeadline: { minutes: 5 },
  informationRequestReminderLeadTime: { minutes: 1 },
};
