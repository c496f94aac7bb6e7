import { z } from 'zod';
import { durationLabel, durationUnits, isCertainlyShorter, isZeroDuration } from './duration';
import { defaultPolicy, type Policy } from './policy';
import { IdSchema } from './text-limits';
import { DurationSchema } from './time-schemas';

const PeriodSchema = DurationSchema.refine((duration) => !isZeroDuration(duration), {
  message: 'A policy period must be longer than zero',
})
  // As JSON Schema: one unit at least 1 (which also names one unit at least).
  .meta({
    anyOf: durationUnits.map((unit) => ({ required: [unit], properties: { [unit]: { minimum: 1 } } })),
  });

const d = defaultPolicy;

const AuditorDeadlinesSchema = z.object({
  documentReview: PeriodSchema,
  auditReport: PeriodSchema,
  verification: PeriodSchema.optional(),
  reminderLeadTime: PeriodSchema,
});

const OwedDeadlinesSchema = z.object({
  actionPlan: PeriodSchema,
  auditDate: PeriodSchema,
  selfAssessmentFollowUp: PeriodSchema,
  reminderLeadTime: PeriodSchema,
});

const PolicyFields = z.object({
  version: IdSchema.default(d.version),
  certificateValidity: PeriodSchema.default(d.certificateValidity),
  selfAssessmentInterval: PeriodSchema.default(d.selfAssessmentInterval),
  selfAssessmentReminderLeadTimes: z.array(PeriodSchema).default(d.selfAssessmentReminderLeadTimes),
  selfAssessmentOverdueReminderAfter: PeriodSchema.default(d.selfAssessmentOverdueReminderAfter),
  selfAssessmentEscalationAfter: PeriodSchema.default(d.selfAssessmentEscalationAfter),
  selfAssessmentSuspensionProposalAfter: PeriodSchema.default(d.selfAssessmentSuspensionProposalAfter),
  renewalWindow: PeriodSchema.default(d.renewalWindow),
  correctiveActionDeadline: PeriodSchema.default(d.correctiveActionDeadline),
  informationRequestResponseDeadline: PeriodSchema.default(d.informationRequestResponseDeadline),
  informationRequestReminderLeadTime: PeriodSchema.default(d.informationRequestReminderLeadTime),
  auditorObjectionWindow: PeriodSchema.default(d.auditorObjectionWindow),
  complaintAcknowledgementDeadline: PeriodSchema.default(d.complaintAcknowledgementDeadline),
  maximumSuspension: PeriodSchema.default(d.maximumSuspension),
});

function checkPolicy(policy: Policy, context: z.RefinementCtx) {
  type Period = Exclude<
    keyof Policy,
    | 'version'
    | 'selfAssessmentReminderLeadTimes'
    | 'auditorDeadlines'
    | 'requireAuditorCompetence'
    | 'automaticLapse'
    | 'owedDeadlines'
    | 'appealWindow'
    | 'appealDecisionDeadline'
  >;
  const problem = (path: string, message: string) =>
    context.addIssue({ code: 'custom', path: [path], message });
  const mustBeShorter = (shorter: Period, longer: Period) => {
    if (!isCertainlyShorter(policy[shorter], policy[longer])) {
      problem(shorter, `${shorter} must be shorter than ${longer}`);
    }
  };

  mustBeShorter('selfAssessmentInterval', 'certificateValidity');
  mustBeShorter('renewalWindow', 'certificateValidity');
  mustBeShorter('informationRequestReminderLeadTime', 'informationRequestResponseDeadline');
  // The overdue steps must come in order and end before the next self-assessment falls due.
  mustBeShorter('selfAssessmentOverdueReminderAfter', 'selfAssessmentEscalationAfter');
  mustBeShorter('selfAssessmentEscalationAfter', 'selfAssessmentSuspensionProposalAfter');
  mustBeShorter('selfAssessmentSuspensionProposalAfter', 'selfAssessmentInterval');

  const auditor = policy.auditorDeadlines;
  if (
    auditor &&
    [auditor.documentReview, auditor.auditReport, auditor.verification].some(
      (deadline) => deadline && !isCertainlyShorter(auditor.reminderLeadTime, deadline),
    )
  ) {
    problem('auditorDeadlines', 'auditorDeadlines.reminderLeadTime must be shorter than each deadline');
  }

  const owed = policy.owedDeadlines;
  if (
    owed &&
    [owed.actionPlan, owed.auditDate, owed.selfAssessmentFollowUp].some(
      (deadline) => !isCertainlyShorter(owed.reminderLeadTime, deadline),
    )
  ) {
    problem('owedDeadlines', 'owedDeadlines.reminderLeadTime must be shorter than each deadline');
  }

  const leadTimes = policy.selfAssessmentReminderLeadTimes;
  if (leadTimes.some((leadTime) => !isCertainlyShorter(leadTime, policy.selfAssessmentInterval))) {
    problem(
      'selfAssessmentReminderLeadTimes',
      'selfAssessmentReminderLeadTimes must be shorter than selfAssessmentInterval',
    );
  }
  // Timer ids are built from the labels, so two lead times must not share one.
  if (new Set(leadTimes.map(durationLabel)).size !== leadTimes.length) {
    problem('selfAssessmentReminderLeadTimes', 'selfAssessmentReminderLeadTimes must not repeat');
  }
}

/** A policy as given when a case is opened: every period may be left out for the default. */
export const PolicySchema = PolicyFields.extend({
  auditorDeadlines: AuditorDeadlinesSchema.default(d.auditorDeadlines),
  requireAuditorCompetence: z.boolean().default(d.requireAuditorCompetence),
  automaticLapse: z.boolean().default(d.automaticLapse),
  owedDeadlines: OwedDeadlinesSchema.default(d.owedDeadlines),
  appealWindow: PeriodSchema.default(d.appealWindow),
  appealDecisionDeadline: PeriodSchema.default(d.appealDecisionDeadline),
}).superRefine(checkPolicy) satisfies z.ZodType<Policy>;

/**
 * A policy as stored with a case: one opened before auditors had deadlines has none, one opened
 * before competences were recorded does not require them. The edition's limits apply when a case is
 * opened (`OpenAccreditationSchema`), not to what is stored.
 */
export const StoredPolicySchema = PolicyFields.extend({
  auditorDeadlines: AuditorDeadlinesSchema.optional(),
  requireAuditorCompetence: z.boolean().optional(),
  automaticLapse: z.boolean().optional(),
  owedDeadlines: OwedDeadlinesSchema.optional(),
  appealWindow: PeriodSchema.optional(),
  appealDecisionDeadline: PeriodSchema.optional(),
}).superRefine(checkPolicy) satisfies z.ZodType<Policy>;

export type PolicyInput = z.input<typeof PolicySchema>;
