import { z } from 'zod';
import { DurationSchema, durationLabel, isCertainlyShorter, isZeroDuration } from './duration';

const PeriodSchema = DurationSchema.refine((duration) => !isZeroDuration(duration), {
  message: 'A policy period must be longer than zero',
});

/**
 * Every period of the life cycle. The defaults follow DIM 1002:2024 (§5.3: three years' validity,
 * a yearly self-assessment) and the institute's practice; tests and pilots pass durations of seconds.
 * A policy is stored with the case when it is opened, so a case keeps its policy for its whole life.
 */
export const PolicySchema = z
  .object({
    version: z.string().min(1).default('2024.1'),
    certificateValidity: PeriodSchema.default({ years: 3 }),
    /** Self-assessments fall due every interval after the certificate's start, strictly before its expiry. */
    selfAssessmentInterval: PeriodSchema.default({ months: 12 }),
    selfAssessmentReminderLeadTimes: z.array(PeriodSchema).default([{ days: 30 }, { days: 7 }]),
    selfAssessmentOverdueReminderAfter: PeriodSchema.default({ days: 7 }),
    selfAssessmentEscalationAfter: PeriodSchema.default({ days: 14 }),
    selfAssessmentSuspensionProposalAfter: PeriodSchema.default({ days: 60 }),
    /** The renewal reminder goes out this long before expiry; renewal can be applied for from then on. */
    renewalWindow: PeriodSchema.default({ months: 6 }),
    correctiveActionDeadline: PeriodSchema.default({ days: 90 }),
    informationRequestResponseDeadline: PeriodSchema.default({ days: 30 }),
    informationRequestReminderLeadTime: PeriodSchema.default({ days: 7 }),
    auditorObjectionWindow: PeriodSchema.default({ days: 14 }),
    complaintAcknowledgementDeadline: PeriodSchema.default({ days: 14 }),
    maximumSuspension: PeriodSchema.default({ months: 6 }),
  })
  .superRefine((policy, context) => {
    type Period = Exclude<keyof typeof policy, 'version' | 'selfAssessmentReminderLeadTimes'>;
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
  });

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

export const defaultPolicy: Policy = PolicySchema.parse({});
