/**
 * The case file: everything established about one accreditation, kept by folding its events
 * (`evolveCaseFile`). Unlike the decider's state, which keeps only what the next decision needs,
 * it forgets nothing: every procedure, request, finding, decision, certificate, self-assessment,
 * suspension and complaint, with who did what and when. The schema is the API's response schema
 * as well, so its descriptions are the reference documentation.
 *
 * Times are the business times of the events (ISO 8601). `by` is the user who gave the step, or
 * null for what the workflow's clock did. Documents are referenced by their SHA-256.
 */
import { z } from 'zod';
import {
  type AccreditationEvent,
  AppealableDecisionSchema,
  AppealEffectSchema,
  DossierReferenceSchema,
  type EventOf,
  OwedStepSchema,
} from '../events';
import { StoredPolicySchema } from '../policy-schema';

const At = z.string().describe('ISO 8601 instant');
const By = z.string().nullable().describe('User id of whoever did it; null when the clock did it');
const DocumentIds = z
  .array(z.string())
  .describe('Documents by SHA-256; their names and sizes are in the response’s `documents`');
const Text = z.string();

/** Visible to DIM's staff, decision makers and the case's auditors; absent for the organisation. */
const forDim = (description: string) => `${description} Absent for organisations.`;
/** Visible to DIM's staff and decision makers only. */
const internal = (description: string) => `${description} Internal: staff and decision makers only.`;

export const DeadlineExtensionSchema = z.object({
  previousDueAt: At,
  newDueAt: At,
  reason: Text,
  at: At,
  by: By,
});

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

export const CertificateSchema = z.object({
  certificateNumber: z.string(),
  cycle: z.number().int(),
  renewal: z.boolean(),
  validFrom: At,
  validUntil: At,
  grantedAt: At,
  inForceSince: At.nullable().describe('A renewed certificate takes over when its predecessor ends'),
  renewalWindowOpenedAt: At.nullable(),
  expiredAt: At.nullable(),
});

export const SelfAssessmentSchema = z
  .object({
    selfAssessmentId: z.string(),
    certificateNumber: z.string(),
    opensAt: At,
    dueAt: At.describe('After any extension'),
    extensions: z.array(DeadlineExtensionSchema),
    reminders: z.array(z.object({ kind: z.enum(['upcoming', 'due', 'overdue']), at: At })),
    escalatedAt: At.optional().nullable().describe(internal('Escalated to the case manager.')),
    findingsToEvidence: z
      .array(z.object({ findingId: z.string(), requirementId: z.string(), description: Text }))
      .optional()
      .describe('Minor findings of the procedure before whose implementation this Selbstbewertung shows'),
    submissions: z
      .array(
        z.object({
          statement: Text,
          documentIds: DocumentIds,
          findingEvidence: z
            .array(z.object({ findingId: z.string(), description: Text, documentIds: DocumentIds }))
            .optional()
            .describe('What was done about each finding to evidence'),
          at: At,
          by: By,
        }),
      )
      .describe('What the organisation submitted (the form asks for a statement and documents)'),
    reviews: z.array(
      z.object({
        outcome: z.enum(['accepted', 'follow_up_requested']),
        comment: Text.nullable(),
        at: At,
        by: By,
      }),
    ),
  })
  .describe('A yearly Selbstbewertung');

export const SuspensionProposalSchema = z.object({
  proposalId: z.string(),
  /** The cause: an overdue self-assessment, or a special audit's major finding (rule set 5). */
  selfAssessmentId: z.string().optional(),
  specialAuditId: z.string().optional(),
  reason: Text,
  at: At,
  closed: z
    .object({
      how: z.enum(['confirmed', 'rejected', 'self_assessment_submitted', 'case_ended']),
      reason: Text.nullable(),
      at: At,
      by: By,
    })
    .nullable(),
});

export const SuspensionSchema = z.object({
  suspensionId: z.string(),
  reason: Text,
  at: At,
  by: By,
  reinstateBy: At,
  proposalId: z.string().nullable(),
  complaintId: z.string().nullable(),
  reinstatement: z.object({ reason: Text, at: At, by: By }).nullable(),
  endedAt: At.nullable().describe('When it ended: reinstated, withdrawn or expired'),
});

export const WithdrawalSchema = z.object({ reason: Text, at: At, by: By });

export const ComplaintSchema = z.object({
  complaintId: z.string(),
  complainant: Text,
  summary: Text,
  at: At,
  by: By.describe('Who recorded it'),
  acknowledgeBy: At,
  acknowledgedAt: At.nullable(),
  acknowledgementOverdueAt: At.nullable(),
  investigation: z.object({ investigatorId: z.string(), at: At, by: By }).nullable(),
  decision: z
    .object({
      outcome: z.enum(['upheld', 'not_upheld']),
      reasoning: Text,
      followUp: z.enum(['special_audit', 'suspension', 'none']),
      at: At,
      by: By,
    })
    .nullable(),
  closedAt: At.nullable(),
});

/** ISO/IEC 17021-1 §9.7 (rule set 4): a decision open to appeal, and the appeal if one was lodged. */
const AppealableDecisionFileSchema = z.object({
  decisionId: z.string().describe('Named in POST /accreditations/{id}/appeals'),
  against: AppealableDecisionSchema,
  decidedBy: z.string().optional().describe('Who decided it; absent when a deadline did'),
  at: At,
  until: At.describe('It may be appealed until then'),
  windowClosedAt: At.optional(),
  appeal: z
    .object({
      appealId: z.string(),
      reasons: z.array(Text),
      documentIds: DocumentIds,
      lodgedAt: At,
      by: By,
      decideBy: At,
      handlerId: z.string().nullable().describe('The decision maker who took it or was given it'),
      decision: z
        .object({
          outcome: z.enum(['upheld', 'dismissed']),
          reasons: z.array(Text),
          effect: AppealEffectSchema,
          decidedBy: z.string(),
          at: At,
        })
        .nullable(),
    })
    .nullable(),
});

export const CaseFileSchema = z.object({
  accreditationId: z.string(),
  organisationId: z.string(),
  organisationName: Text,
  scope: Text,
  technicalAreas: z
    .array(z.string())
    .describe(
      'The edition’s fields of application (§2) the case covers (GET /catalogue/{edition}); empty for cases opened before they were named. Which areas an auditor is competent in is master data (GET /users/{id}/competences), not part of the case',
    ),
  edition: z.string().describe('The catalogue edition, e.g. DIM 1002:2024 (GET /catalogue/{edition})'),
  policy: StoredPolicySchema,
  opened: z.object({ at: At, by: By }),
  caseManagers: z
    .array(z.object({ userId: z.string(), at: At, by: By }))
    .describe('In order; the last is current'),
  decisionMakers: z
    .array(z.object({ userId: z.string(), at: At, by: By }))
    .optional()
    .describe(
      internal(
        'Who took the case’s pending decision from the queue, or was given it (rule set 3); in order.',
      ),
    ),
  lapseProposals: z
    .array(
      z.object({
        proposalId: z.string(),
        outcome: z.enum(['rejection', 'refusal']),
        dueAt: At,
        reasons: z.array(z.string()),
        at: At,
      }),
    )
    .optional()
    .describe(
      internal('Lapsed deadlines whose refusal or rejection was proposed to a decision maker (rule set 3).'),
    ),
  owedSteps: z
    .array(
      z.object({
        owed: OwedStepSchema,
        subjectId: z.string().describe('The finding, the lead auditor’s assignment or the self-assessment'),
        dueAt: At,
        remindedAt: At.optional(),
        escalatedAt: At.optional().describe(internal('Escalated to the case manager.')),
      }),
    )
    .optional()
    .describe(
      'What was owed with a due date (an action plan, the audit date, the answer to a Selbstbewertung’s follow-up; rule set 4) and was reminded of or escalated',
    ),
  procedures: z.array(ProcedureSchema),
  certificates: z.array(CertificateSchema),
  selfAssessments: z.array(SelfAssessmentSchema),
  suspensionProposals: z
    .array(SuspensionProposalSchema)
    .optional()
    .describe(
      internal('Suspensions proposed for overdue self-assessments or special audits’ major findings.'),
    ),
  suspensions: z.array(SuspensionSchema),
  withdrawal: WithdrawalSchema.nullable(),
  appeals: z
    .array(AppealableDecisionFileSchema)
    .optional()
    .describe('Decisions open to appeal and the appeals lodged against them (rule set 4), in order'),
  complaints: z
    .array(ComplaintSchema)
    .optional()
    .describe(
      'Complaints about the organisation: for staff all, for an investigator theirs; absent for everyone else.',
    ),
});

export type CaseFile = z.infer<typeof CaseFileSchema>;
export type Procedure = z.infer<typeof ProcedureSchema>;
export type AuditPlanning = z.infer<typeof AuditPlanningSchema>;
export type Request = z.infer<typeof RequestSchema>;
export type ReviewGap = z.infer<typeof ReviewGapSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
export type Certificate = z.infer<typeof CertificateSchema>;
export type SelfAssessment = z.infer<typeof SelfAssessmentSchema>;
export type SuspensionProposal = z.infer<typeof SuspensionProposalSchema>;
export type Suspension = z.infer<typeof SuspensionSchema>;
export type Complaint = z.infer<typeof ComplaintSchema>;
export type AppealableDecisionFile = z.infer<typeof AppealableDecisionFileSchema>;
export type DeadlineExtension = z.infer<typeof DeadlineExtensionSchema>;

/** An event with its business time and the user who caused it (null: the workflow's clock). */
export type StampedEvent = AccreditationEvent & { at: string; by: string | null };
/** One type of event, stamped. */
export type Stamped<Type extends AccreditationEvent['type']> = EventOf<Type> & {
  at: string;
  by: string | null;
};
