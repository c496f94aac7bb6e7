import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../domain/policy';
import { type PolicyInput, PolicySchema } from '../../domain/policy-schema';

const pilotPolicy: PolicyInput = {
  version: 'pilot-seconds',
  certificateValidity: { seconds: 90 },
  selfAssessmentInterval: { seconds: 30 },
  selfAssessmentReminderLeadTimes: [{ seconds: 10 }, { seconds: 5 }],
  selfAssessmentOverdueReminderAfter: { seconds: 2 },
  selfAssessmentEscalationAfter: { seconds: 4 },
  selfAssessmentSuspensionProposalAfter: { seconds: 8 },
  renewalWindow: { seconds: 20 },
  correctiveActionDeadline: { seconds: 15 },
  informationRequestResponseDeadline: { seconds: 10 },
  informationRequestReminderLeadTime: { seconds: 3 },
  auditorObjectionWindow: { seconds: 5 },
  complaintAcknowledgementDeadline: { seconds: 5 },
  maximumSuspension: { seconds: 30 },
};

function issuesOf(input: PolicyInput) {
  const result = PolicySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => String(issue.path[0]));
}

describe('policy', () => {
  it('defaults to the periods of the standard', () => {
    expect(defaultPolicy).toMatchObject({
      certificateValidity: { years: 3 },
      selfAssessmentInterval: { months: 12 },
      selfAssessmentReminderLeadTimes: [{ days: 30 }, { days: 7 }],
      renewalWindow: { months: 6 },
      correctiveActionDeadline: { days: 90 },
      maximumSuspension: { months: 6 },
    });
    expect(defaultPolicy.version).toBeTruthy();
  });

  it('accepts a pilot policy in seconds', () => {
    expect(issuesOf(pilotPolicy)).toEqual([]);
  });

  it('fills in what a partial policy leaves out', () => {
    const policy = PolicySchema.parse({ correctiveActionDeadline: { days: 60 } });
    expect(policy.correctiveActionDeadline).toEqual({ days: 60 });
    expect(policy.certificateValidity).toEqual({ years: 3 });
  });

  it.each<[string, PolicyInput, string]>([
    [
      'a reminder lead time not shorter than the interval',
      { selfAssessmentReminderLeadTimes: [{ months: 12 }] },
      'selfAssessmentReminderLeadTimes',
    ],
    [
      'an interval as long as the validity',
      { selfAssessmentInterval: { years: 3 } },
      'selfAssessmentInterval',
    ],
    ['a renewal window as long as the validity', { renewalWindow: { months: 36 } }, 'renewalWindow'],
    [
      'escalation before the overdue reminder',
      { selfAssessmentEscalationAfter: { days: 5 } },
      'selfAssessmentOverdueReminderAfter',
    ],
    [
      'a suspension proposal after the next due date',
      { selfAssessmentSuspensionProposalAfter: { months: 13 } },
      'selfAssessmentSuspensionProposalAfter',
    ],
    [
      'a reminder lead time as long as the response deadline',
      { informationRequestReminderLeadTime: { days: 30 } },
      'informationRequestReminderLeadTime',
    ],
    [
      'an auditor reminder as long as the audit report deadline',
      {
        auditorDeadlines: {
          documentReview: { days: 30 },
          auditReport: { days: 3 },
          reminderLeadTime: { days: 3 },
        },
      },
      'auditorDeadlines',
    ],
    [
      'repeated lead times',
      { selfAssessmentReminderLeadTimes: [{ days: 7 }, { days: 7 }] },
      'selfAssessmentReminderLeadTimes',
    ],
    ['a zero period', { auditorObjectionWindow: { days: 0 } }, 'auditorObjectionWindow'],
    ['a negative period', { correctiveActionDeadline: { days: -90 } }, 'correctiveActionDeadline'],
    ['an empty duration', { maximumSuspension: {} }, 'maximumSuspension'],
    ['an empty version', { version: '' }, 'version'],
  ])('rejects %s', (_, input, path) => {
    expect(issuesOf(input)).toContain(path);
  });
});
