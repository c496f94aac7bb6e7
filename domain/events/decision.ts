import { z } from 'zod';
import { boundedList } from '../text-limits';
import { At, event, Id, Text } from './common';
import { ScheduledSelfAssessmentSchema } from './self-assessment';

/**
 * The case file as the decision maker saw it when deciding: the SHA-256 of its frozen text (kept
 * by the API, GET /accreditations/{id}/decisions/{n}/dossier) and the case version it shows.
 * Absent in decisions taken before dossiers existed.
 */
export const DossierReferenceSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  version: z.number().int().positive(),
});
export type DossierReference = z.infer<typeof DossierReferenceSchema>;

export const AccreditationGrantedSchema = event('AccreditationGranted', {
  certificateNumber: Id,
  decidedBy: Id,
  decidedAt: At,
  validFrom: At,
  validUntil: At,
  /** The certificate belongs to this cycle: the current one at first grant, the next one on renewal. */
  cycle: z.number().int().positive(),
  renewal: z.boolean(),
  selfAssessments: boundedList(ScheduledSelfAssessmentSchema),
  dossier: DossierReferenceSchema.optional(),
});
/** The decision maker who decides the case's pending decisions, taken from the queue or given by staff. */
export const DecisionMakerAssignedSchema = event('DecisionMakerAssigned', {
  decisionMakerId: Id,
  assignedBy: Id,
});
export const AccreditationRefusedSchema = event('AccreditationRefused', {
  reasons: boundedList(Text).min(1),
  decidedBy: Id,
  renewal: z.boolean(),
  timerId: Id.optional(),
  /** The proposal of a lapsed deadline the decision maker confirmed (rule set 3). */
  proposalId: Id.optional(),
  /** The policy's rule that decided it without a person (`automaticLapse`, rule set 3). */
  rule: Text.optional(),
  dossier: DossierReferenceSchema.optional(),
});
