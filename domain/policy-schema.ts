import { z } from 'zod';
import { durationLabel, isCertainlyShorter, isZeroDuration } from './duration';
import { defaultPolicy, type Policy } from './policy';
import { DurationSchema } from './time-schemas';

const PeriodSchema = DurationSchema.refine((duration) => !isZeroDuration(duration), {
  message: 'A policy period must be longer than zero',
});

const d = defaultPolicy;

/** A policy as given when a case is opened: every period may be left out for the default. */
export const PolicySchema = z
  .object({
    version: z.string().min(1).default(d.version),
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
  }) satisfies z.ZodType<Policy>;

export type PolicyInput = z.input<typeof PolicySchema>;
