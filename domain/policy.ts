import type { PolicyLimit } from './catalogue';
import { type Duration, durationLabel, isNeverLonger } from './duration';

/**
 * Every period of the life cycle. A policy is stored with the case when it is opened, so a case
 * keeps its policy for its whole life. Validated (with the rules between its periods) by
 * `PolicySchema` in `policy-schema.ts`.
 */
export interface Policy {
  version: string;
  certificateValidity: Duration;
  /** Self-assessments fall due every interval after the certificate's start, strictly before its expiry. */
  selfAssessmentInterval: Duration;
  selfAssessmentReminderLeadTimes: Duration[];
  selfAssessmentOverdueReminderAfter: Duration;
  selfAssessmentEscalationAfter: Duration;
  selfAssessmentSuspensionProposalAfter: Duration;
  /** The renewal reminder goes out this long before expiry; renewal can be applied for from then on. */
  renewalWindow: Duration;
  correctiveActionDeadline: Duration;
  informationRequestResponseDeadline: Duration;
  informationRequestReminderLeadTime: Duration;
  auditorObjectionWindow: Duration;
  complaintAcknowledgementDeadline: Duration;
  maximumSuspension: Duration;
  /** Absent in cases opened before auditors had deadlines: their tasks have no due date. */
  auditorDeadlines?: AuditorDeadlines;
  /**
   * Auditors are assigned only in the technical areas staff have recorded them competent in (every
   * area of the case). Absent in policies stored before it existed: not required.
   */
  requireAuditorCompetence?: boolean;
  /**
   * A lapsed deadline (information request, corrective action) rejects or refuses at once, decided
   * by this rule, instead of being proposed to a decision maker (rule set 3). Absent: proposed.
   */
  automaticLapse?: boolean;
  /**
   * What the organisation or the lead auditor owes outside the auditors' own deadlines (rule set 4):
   * due dates, reminders and an escalation to the case manager. Absent in policies stored before it
   * existed: nothing of it has a due date.
   */
  owedDeadlines?: OwedDeadlines;
  /**
   * ISO/IEC 17021-1 §9.7: the organisation may appeal a refusal, a rejection of the Antrag, a
   * suspension or a withdrawal this long after it (rule set 4). Absent in policies stored before:
   * the default.
   */
  appealWindow?: Duration;
  /** An appeal is decided this long after it was lodged (reminder and escalation as `owedDeadlines`). */
  appealDecisionDeadline?: Duration;
}

/** Due dates of what is owed, each counted from the step that makes it owed. */
export interface OwedDeadlines {
  /** From the audit report naming a minor finding to the organisation's action plan. */
  actionPlan: Duration;
  /** From the lead auditor's assignment to the audit date set. */
  auditDate: Duration;
  /** From the follow-up requested on a Selbstbewertung to the organisation's answer. */
  selfAssessmentFollowUp: Duration;
  /** The one who owes it is reminded this long before it falls due. */
  reminderLeadTime: Duration;
}

/** What an auditor owes, and when they are reminded. */
export interface AuditorDeadlines {
  /** From the document reviewer's assignment to the completed Dokumentenprüfung. */
  documentReview: Duration;
  /** From the audit date to the last completed audit element (the audit report). */
  auditReport: Duration;
  /**
   * From the organisation's corrective-action evidence or action plan to the auditor's
   * verification; absent in policies stored before it existed.
   */
  verification?: Duration;
  /** The auditor is reminded this long before each falls due. */
  reminderLeadTime: Duration;
}

/**
 * The defaults follow DIM 1002:2024 (§5.3: three years' validity, a yearly self-assessment) and the
 * institute's practice; tests and pilots pass durations of seconds.
 */
export const defaultPolicy: Required<Policy> = {
  version: '2024.1',
  certificateValidity: { years: 3 },
  selfAssessmentInterval: { months: 12 },
  selfAssessmentReminderLeadTimes: [{ days: 30 }, { days: 7 }],
  selfAssessmentOverdueReminderAfter: { days: 7 },
  selfAssessmentEscalationAfter: { days: 14 },
  selfAssessmentSuspensionProposalAfter: { days: 60 },
  renewalWindow: { months: 6 },
  correctiveActionDeadline: { days: 90 },
  informationRequestResponseDeadline: { days: 30 },
  informationRequestReminderLeadTime: { days: 7 },
  auditorObjectionWindow: { days: 14 },
  complaintAcknowledgementDeadline: { days: 14 },
  maximumSuspension: { months: 6 },
  auditorDeadlines: {
    documentReview: { days: 30 },
    auditReport: { days: 14 },
    verification: { days: 14 },
    reminderLeadTime: { days: 3 },
  },
  requireAuditorCompetence: false,
  automaticLapse: false,
  owedDeadlines: {
    actionPlan: { days: 30 },
    auditDate: { days: 30 },
    selfAssessmentFollowUp: { days: 30 },
    reminderLeadTime: { days: 7 },
  },
  appealWindow: { days: 30 },
  appealDecisionDeadline: { days: 60 },
};

/** The periods of `policy` longer than the edition's limits allow, each with why. */
export function periodsBeyondLimits(
  policy: Policy,
  limits: readonly PolicyLimit[],
): { field: PolicyLimit['field']; message: string }[] {
  return limits.flatMap((limit) => {
    const period = policy[limit.field];
    if (!period || isNeverLonger(period, limit.atMost)) return [];
    const source = limit.section === 'practice' ? 'certification practice' : `§${limit.section}`;
    const message = `${limit.field} may be at most ${durationLabel(limit.atMost)} (${source}), not ${durationLabel(period)}`;
    return [{ field: limit.field, message }];
  });
}
