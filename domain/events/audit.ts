import { z } from 'zod';
import { boundedList } from '../text-limits';
import { IsoDateSchema } from '../time-schemas';
import { At, caused, DocumentIds, event, Id, RecipientSchema, Text } from './common';
import { ClosedReviewGapSchema } from './review';

export const FindingSeveritySchema = z.enum(['major', 'minor', 'observation']);

export const ReportedFindingSchema = z.object({
  findingId: Id,
  requirementId: Id,
  severity: FindingSeveritySchema,
  description: Text,
  /** Set for major findings only: evidence of the corrective action is due by then. */
  correctiveActionDueBy: At.optional(),
  /** Set for minor findings under rule set 4 (policy `owedDeadlines`): the action plan is due by then. */
  actionPlanDueBy: At.optional(),
});

export const LeadAuditorAssignedSchema = event('LeadAuditorAssigned', {
  assignmentId: Id,
  auditorId: Id,
  conflictOfInterestDeclaredFree: z.literal(true),
  objectionWindowEndsAt: At,
  /** Rule set 4 (policy `owedDeadlines`): the audit date must be set by then. */
  auditDateDueBy: At.optional(),
});
export const AuditDateSetSchema = event('AuditDateSet', {
  auditDate: IsoDateSchema,
  /** When the audit elements must all be completed; absent when the policy has no auditor deadlines. */
  reportDueBy: At.optional(),
});
export const AuditorObjectedSchema = event('AuditorObjected', {
  assignmentId: Id,
  auditorId: Id,
  reason: Text,
});
export const AuditorObjectionWindowClosedSchema = event('AuditorObjectionWindowClosed', {
  ...caused,
  assignmentId: Id,
  auditorId: Id,
});

/** The auditor is reminded of the Dokumentenprüfung or the audit report falling due. */
export const AuditorDeadlineApproachingSchema = event('AuditorDeadlineApproaching', {
  ...caused,
  task: z.enum(['complete_document_review', 'complete_audit_elements', 'verify_finding']),
  dueAt: At,
  /** With `verify_finding`: the finding whose corrective action or action plan awaits verification. */
  findingId: Id.optional(),
  recipient: RecipientSchema,
});

export const AuditElementCompletedSchema = event('AuditElementCompleted', {
  element: Id,
  auditorId: Id,
  findings: boundedList(ReportedFindingSchema),
  /** Gaps of the document review found closed (absent: none, as in every report before gaps were referred). */
  reviewGapsClosed: boundedList(ClosedReviewGapSchema).optional(),
});
/** `verifyBy`: when the auditor must have verified it; absent when the policy has no such deadline. */
export const ActionPlanSubmittedSchema = event('ActionPlanSubmitted', {
  findingId: Id,
  plan: Text,
  verifyBy: At.optional(),
});
export const ActionPlanAcceptedSchema = event('ActionPlanAccepted', { findingId: Id, acceptedBy: Id });
export const CorrectiveActionEvidenceSubmittedSchema = event('CorrectiveActionEvidenceSubmitted', {
  findingId: Id,
  description: Text,
  documentIds: DocumentIds,
  verifyBy: At.optional(),
});
export const CorrectiveActionVerifiedSchema = event('CorrectiveActionVerified', {
  findingId: Id,
  effective: z.boolean(),
  comment: Text,
  verifiedBy: Id,
});

export type ReportedFinding = z.infer<typeof ReportedFindingSchema>;
