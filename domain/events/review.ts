import { z } from 'zod';
import { boundedList } from '../text-limits';
import { At, event, Id, Text } from './common';

export const DocumentReviewResultSchema = z.discriminatedUnion('result', [
  z.object({ requirementId: Id, result: z.literal('conforming'), comment: Text.optional() }),
  z.object({ requirementId: Id, result: z.literal('gap'), comment: Text }),
]);

/** A gap of the document review, to be verified at the audit. */
export const ReviewGapSchema = z.object({ requirementId: Id, comment: Text });
/** The audit's word on a gap: closed (the requirement is now met), with what the auditor saw. */
export const ClosedReviewGapSchema = z.object({ requirementId: Id, comment: Text });

export const DocumentReviewerAssignedSchema = event('DocumentReviewerAssigned', {
  auditorId: Id,
  conflictOfInterestDeclaredFree: z.literal(true),
  /** Absent when the case's policy has no auditor deadlines. */
  reviewDueBy: At.optional(),
});
export const DocumentReviewCompletedSchema = event('DocumentReviewCompleted', {
  reviewerId: Id,
  results: boundedList(DocumentReviewResultSchema).min(1),
});
/**
 * The gaps of a completed document review are referred to the audit (ISO/IEC 17021-1 practice for
 * stage-1 findings): each must be found closed there or taken over by a finding before a grant.
 */
export const ReviewGapsReferredToAuditSchema = event('ReviewGapsReferredToAudit', {
  gaps: boundedList(ReviewGapSchema).min(1),
});

export type DocumentReviewResult = z.infer<typeof DocumentReviewResultSchema>;
export type ReviewGap = z.infer<typeof ReviewGapSchema>;
