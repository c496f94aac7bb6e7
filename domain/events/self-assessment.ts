import { z } from 'zod';
import { boundedList } from '../text-limits';
import { At, caused, DocumentIds, event, Id, RecipientSchema, Text } from './common';

/** A minor finding with an accepted action plan: its implementation is shown with a Selbstbewertung (rule set 5). */
export const FindingToEvidenceSchema = z.object({ findingId: Id, requirementId: Id, description: Text });
export const ScheduledSelfAssessmentSchema = z.object({
  selfAssessmentId: Id,
  opensAt: At,
  dueAt: At,
  /** The minor findings of the procedure before whose implementation this Selbstbewertung shows. */
  findingsToEvidence: boundedList(FindingToEvidenceSchema).optional(),
});
/** What the organisation did about a minor finding, submitted with the Selbstbewertung. */
export const FindingEvidenceSchema = z.object({ findingId: Id, description: Text, documentIds: DocumentIds });

export const SelfAssessmentReminderSentSchema = event('SelfAssessmentReminderSent', {
  ...caused,
  selfAssessmentId: Id,
  reminder: z.enum(['upcoming', 'due', 'overdue']),
  dueAt: At,
  recipient: RecipientSchema,
});
export const SelfAssessmentEscalatedSchema = event('SelfAssessmentEscalated', {
  ...caused,
  selfAssessmentId: Id,
  dueAt: At,
  recipient: RecipientSchema,
});
export const SelfAssessmentSubmittedSchema = event('SelfAssessmentSubmitted', {
  selfAssessmentId: Id,
  statement: Text,
  documentIds: DocumentIds,
  /** One for each finding the Selbstbewertung is to evidence (absent: none was due). */
  findingEvidence: boundedList(FindingEvidenceSchema).optional(),
  submittedAt: At,
});
export const SelfAssessmentAcceptedSchema = event('SelfAssessmentAccepted', {
  selfAssessmentId: Id,
  reviewedBy: Id,
  comment: Text.optional(),
});
export const SelfAssessmentFollowUpRequestedSchema = event('SelfAssessmentFollowUpRequested', {
  selfAssessmentId: Id,
  reviewedBy: Id,
  comment: Text,
  /** Rule set 4 (policy `owedDeadlines`): the organisation's answer is due by then. */
  respondBy: At.optional(),
});

export type ScheduledSelfAssessment = z.infer<typeof ScheduledSelfAssessmentSchema>;
export type FindingToEvidence = z.infer<typeof FindingToEvidenceSchema>;
