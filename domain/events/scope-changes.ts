import { z } from 'zod';
import { At, DocumentIds, event, Id, RecipientSchema, Text } from './common';

export const ScopeChangeKindSchema = z.enum(['extension', 'reduction']);
/** Issue 20 item 9 (rule set 6): an application to change the scope of a valid certificate. */
export const ScopeChangeAppliedSchema = event('ScopeChangeApplied', {
  scopeChangeId: Id,
  kind: ScopeChangeKindSchema,
  scope: Text,
  previousScope: Text,
  reason: Text,
  documentIds: DocumentIds,
  appliedBy: Id,
  appliedAt: At,
  recipient: RecipientSchema,
});
export const ScopeChangeAssessedSchema = event('ScopeChangeAssessed', {
  scopeChangeId: Id,
  method: z.enum(['approve', 'document_review', 'special_audit']),
  reviewerId: Id.optional(),
  assessedBy: Id,
});
export const ScopeChangeDocumentsReviewedSchema = event('ScopeChangeDocumentsReviewed', {
  scopeChangeId: Id,
  conforming: z.boolean(),
  comment: Text,
  reviewedBy: Id,
});
export const ScopeChangeDecidedSchema = event('ScopeChangeDecided', {
  scopeChangeId: Id,
  kind: ScopeChangeKindSchema,
  granted: z.boolean(),
  scope: Text,
  previousScope: Text,
  reason: Text,
  decidedBy: Id,
  decidedAt: At,
  recipient: RecipientSchema,
});
