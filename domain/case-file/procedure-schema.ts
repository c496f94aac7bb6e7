/** One assessment procedure of the case file (see `schema.ts`): from the Antrag to the decision. */
import { z } from 'zod';
import { DossierReferenceSchema } from '../events';
import { At, By, DeadlineExtensionSchema, DocumentIds, forDim, Text } from './schema-parts';

export const RequestSchema = z
  .object({
    requestId: z.string(),
    kind: z.enum(['information', 'documents']),
    items: z.array(Text).describe('The questions asked, or the documents requested'),
    at: At,
    by: By.describe('Who asked'),
    respondBy: At.describe('The deadline, after any extension'),
    extensions: z.array(DeadlineExtensionSchema),
    remindedAt: z.array(At),
    answer: z
      .object({ text: Text, documentIds: DocumentIds, at: At, by: By })
      .nullable()
      .describe('null while unanswered'),
    lapsedAt: At.nullable().describe('Documents not provided by the deadline: the request closed then'),
  })
  .describe('A request for information (application review) or documents (Dokumentenprüfung)');

export const ApplicationSchema = z
  .object({
    items: z.array(
      z.object({
        itemId: z.string().describe('A §5.1 item of the catalogue, e.g. APP-3 (GET /catalogue/{edition})'),
        statement: Text.nullable(),
        documentIds: DocumentIds,
      }),
    ),
    at: At,
    by: By,
  })
  .describe('The Antrag with its §5.1 items');

export const RenewalApplicationSchema = z.object({ documentIds: DocumentIds, at: At, by: By });

export const ApplicationReviewSchema = z.object({
  outcome: z.enum(['accepted', 'rejected']),
  reasons: z.array(Text).describe('Why it was rejected; empty when accepted'),
  at: At,
  by: By,
});

export const DocumentReviewSchema = z
  .object({
    reviewerId: z.string(),
    conflictOfInterestDeclaredFree: z.boolean(),
    assignedAt: At,
    assignedBy: By,
    dueBy: At.nullable().describe('null under a policy without auditor deadlines'),
    reviewerRemindedAt: z.array(At).optional().describe(forDim('Reminders the reviewer got.')),
    results: z
      .array(
        z.object({
          requirementId: z.string().describe('A requirement of the catalogue'),
          result: z.enum(['conforming', 'gap']),
          remark: Text.nullable(),
        }),
      )
      .describe('Per catalogue requirement; empty until completed'),
    completedAt: At.nullable(),
  })
  .describe('The Dokumentenprüfung');

export const ReviewGapSchema = z
  .object({
    requirementId: z.string().describe('The requirement the Dokumentenprüfung found a gap in'),
    comment: Text.describe('The reviewer’s gap: what the auditor must verify at the Vor-Ort-Audit'),
    referredAt: At,
    status: z
      .enum(['open', 'closed', 'finding'])
      .describe('open until an audit element’s report settles it: found closed, or taken over by a finding'),
    verification: z
      .object({
        element: z.string().describe('The audit element whose report settled it'),
        auditorId: z.string(),
        comment: Text.nullable().describe('Found closed: what the auditor saw'),
        findingId: z.string().nullable().describe('Taken over by this finding (on the same requirement)'),
        at: At,
      })
      .nullable()
      .describe('null while open'),
  })
  .describe('A gap of the Dokumentenprüfung referred to the audit; none may be open at a grant');

export const LeadAuditorAssignmentSchema = z.object({
  assignmentId: z.string(),
  auditorId: z.string(),
  conflictOfInterestDeclaredFree: z.boolean(),
  at: At,
  by: By,
  objectionWindowEndsAt: At,
  objection: z
    .object({ reason: Text, at: At, by: By })
    .nullable()
    .describe('The organisation’s objection: the assignment ended with it'),
  objectionWindowClosedAt: At.nullable().describe('The window ran out without objection'),
});

export const AuditPlanningSchema = z.object({
  assignments: z.array(LeadAuditorAssignmentSchema).describe('Every lead auditor assigned, in order'),
  auditDate: z.string().nullable().describe('YYYY-MM-DD'),
  auditDateSetAt: At.nullable(),
  auditDateSetBy: By,
  reportDueBy: At.nullable().describe('When all audit elements must be reported'),
  auditorRemindedAt: z.array(At).optional().describe(forDim('Reminders of the report falling due.')),
});

export const AuditElementReportSchema = z.object({
  element: z.string().describe('A §5.2 audit element of the catalogue'),
  auditorId: z.string(),
  findingIds: z.array(z.string()),
  at: At,
});

export const FindingSchema = z.object({
  findingId: z.string(),
  element: z.string(),
  requirementId: z.string(),
  severity: z.enum(['major', 'minor', 'observation']),
  text: Text,
  at: At,
  by: By,
  correctiveActionDueBy: At.nullable().describe('Major findings: evidence is due by then'),
  extensions: z.array(DeadlineExtensionSchema),
  actionPlans: z.array(z.object({ plan: Text, verifyBy: At.nullable(), at: At, by: By })),
  evidence: z.array(
    z.object({ description: Text, documentIds: DocumentIds, verifyBy: At.nullable(), at: At, by: By }),
  ),
  verifications: z
    .array(z.object({ effective: z.boolean(), comment: Text, at: At, by: By }))
    .describe('Of corrective-action evidence (major findings)'),
  actionPlanAcceptance: z.object({ at: At, by: By }).nullable().describe('Minor findings'),
  auditorRemindedAt: z.array(At).optional().describe(forDim('Reminders to verify.')),
  status: z.enum(['open', 'awaiting_verification', 'resolved']),
});

export const DecisionSchema = z.object({
  number: z
    .number()
    .int()
    .describe('1, 2, … across the case; GET /accreditations/{id}/decisions/{number}/dossier'),
  outcome: z.enum(['granted', 'refused']),
  reasons: z.array(Text).describe('The decision maker’s reasons for a refusal'),
  certificateNumber: z.string().nullable(),
  at: At,
  by: By,
  dossier: DossierReferenceSchema.nullable().describe(
    'The case file the decision maker saw: its SHA-256 and case version; null for decisions taken before dossiers existed',
  ),
});

export const ProcedureSchema = z
  .object({
    number: z.number().int().describe('1 for the first application, then one per renewal'),
    kind: z.enum(['initial', 'renewal', 'special_audit']),
    cycle: z.number().int().describe('The certification cycle it ran in'),
    specialAudit: z
      .object({
        specialAuditId: z.string(),
        reason: Text,
        complaintId: z.string().optional(),
        scopeChangeId: z.string().optional(),
        scheduledBy: z.string(),
        closedAt: At.nullable(),
      })
      .optional()
      .describe('With kind special_audit (rule set 5): why it was scheduled, by whom, when it closed'),
    application: ApplicationSchema.nullable().describe('The first application; null for a renewal'),
    renewalApplication: RenewalApplicationSchema.nullable(),
    review: ApplicationReviewSchema.nullable().describe('The case manager’s review of the application'),
    requests: z.array(RequestSchema),
    documentReview: DocumentReviewSchema.nullable(),
    reviewGaps: z
      .array(ReviewGapSchema)
      .describe('Gaps of the document review referred to the audit (cases on rule set 2); else empty'),
    auditPlanning: AuditPlanningSchema.nullable(),
    auditElements: z.array(AuditElementReportSchema).describe('§5.2 elements reported, in order'),
    findings: z.array(FindingSchema),
    decision: DecisionSchema.nullable(),
  })
  .describe('One assessment procedure: the first application, a renewal, or a special audit');

export type Procedure = z.infer<typeof ProcedureSchema>;
export type AuditPlanning = z.infer<typeof AuditPlanningSchema>;
export type Request = z.infer<typeof RequestSchema>;
export type ReviewGap = z.infer<typeof ReviewGapSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
