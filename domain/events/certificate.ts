import { z } from 'zod';
import { At, caused, DocumentIds, event, Id, RecipientSchema, Text } from './common';

export const SuspensionProposedSchema = event('SuspensionProposed', {
  /** Set when an overdue self-assessment's timer proposed it; a special audit's finding has none. */
  timerId: Id.optional(),
  proposalId: Id,
  /** The cause: an overdue self-assessment, or (rule set 5) a special audit's major finding. */
  selfAssessmentId: Id.optional(),
  specialAuditId: Id.optional(),
  /** Rule set 6: a complaint decided with a suspension (its own stream, `complaint-<id>`). */
  complaintId: Id.optional(),
  reason: Text,
  recipient: RecipientSchema,
});
export const SpecialAuditScheduledSchema = event('SpecialAuditScheduled', {
  specialAuditId: Id,
  reason: Text,
  complaintId: Id.optional(),
  scopeChangeId: Id.optional(),
  scheduledBy: Id,
  scheduledAt: At,
  recipient: RecipientSchema,
});
export const SpecialAuditClosedSchema = event('SpecialAuditClosed', {
  specialAuditId: Id,
  auditElements: z.array(Id),
  findingIds: z.array(Id),
  recipient: RecipientSchema,
});
export const SuspensionProposalRejectedSchema = event('SuspensionProposalRejected', {
  proposalId: Id,
  reason: Text,
  rejectedBy: Id,
});

export const RenewalWindowOpenedSchema = event('RenewalWindowOpened', {
  ...caused,
  certificateNumber: Id,
  expiresAt: At,
  recipient: RecipientSchema,
});
export const RenewalAppliedSchema = event('RenewalApplied', { documentIds: DocumentIds, appliedAt: At });

export const AccreditationSuspendedSchema = event('AccreditationSuspended', {
  suspensionId: Id,
  reason: Text,
  suspendedAt: At,
  /** Reinstate by then, or the accreditation is withdrawn. */
  reinstateBy: At,
  proposalId: Id.optional(),
  complaintId: Id.optional(),
  /** Who decided it (rule set 3): after a proposal, the decision maker who also decides the reinstatement. */
  decidedBy: Id.optional(),
});
export const AccreditationReinstatedSchema = event('AccreditationReinstated', {
  suspensionId: Id,
  reason: Text,
});
export const AccreditationWithdrawnSchema = event('AccreditationWithdrawn', {
  reason: Text,
  withdrawnAt: At,
  timerId: Id.optional(),
});
export const AccreditationExpiredSchema = event('AccreditationExpired', {
  ...caused,
  certificateNumber: Id,
  expiredAt: At,
});
export const CycleRenewedSchema = event('CycleRenewed', {
  ...caused,
  cycle: z.number().int().positive(),
  certificateNumber: Id,
  validFrom: At,
  validUntil: At,
});
