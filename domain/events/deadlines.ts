import { z } from 'zod';
import { At, caused, event, Id, RecipientSchema, Text } from './common';

export const DeadlineTargetSchema = z.object({
  kind: z.enum(['information_request', 'corrective_action', 'self_assessment']),
  /** The request, finding or self-assessment id. */
  id: Id,
});
export type DeadlineTarget = z.infer<typeof DeadlineTargetSchema>;

export const DeadlineExtendedSchema = event('DeadlineExtended', {
  target: DeadlineTargetSchema,
  previousDueAt: At,
  newDueAt: At,
  reason: Text,
});

/**
 * A deadline lapsed (rule set 3): its consequence, the application's rejection or the
 * accreditation's refusal, is proposed to the decision makers' queue; one confirms it or extends
 * the deadline.
 */
export const LapseProposedSchema = event('LapseProposed', {
  ...caused,
  proposalId: Id,
  outcome: z.enum(['rejection', 'refusal']),
  target: DeadlineTargetSchema,
  dueAt: At,
  reasons: z.array(Text).min(1),
  recipient: RecipientSchema,
});

/** What is owed outside the auditors' own deadlines (rule set 4). */
export const OwedStepSchema = z.enum([
  'action_plan',
  'audit_date',
  'self_assessment_follow_up',
  'appeal_decision',
]);
const owedStep = {
  ...caused,
  owed: OwedStepSchema,
  /** The finding, the lead auditor's assignment, the self-assessment or the appeal. */
  subjectId: Id,
  dueAt: At,
  recipient: RecipientSchema,
};
/** Whoever owes it is reminded before it falls due. */
export const OwedStepReminderSentSchema = event('OwedStepReminderSent', owedStep);
/** It fell due unfulfilled: the case manager is told. */
export const OwedStepEscalatedSchema = event('OwedStepEscalated', owedStep);

export type OwedStep = z.infer<typeof OwedStepSchema>;
