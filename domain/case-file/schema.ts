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
  type EventOf,
  OwedStepSchema,
} from '../events';
import { StoredPolicySchema } from '../policy-schema';
import { ProcedureSchema } from './procedure-schema';
import { At, By, DeadlineExtensionSchema, DocumentIds, internal, Text } from './schema-parts';

export * from './procedure-schema';
export { type DeadlineExtension, DeadlineExtensionSchema } from './schema-parts';

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
export type Certificate = z.infer<typeof CertificateSchema>;
export type SelfAssessment = z.infer<typeof SelfAssessmentSchema>;
export type SuspensionProposal = z.infer<typeof SuspensionProposalSchema>;
export type Suspension = z.infer<typeof SuspensionSchema>;
export type Complaint = z.infer<typeof ComplaintSchema>;
export type AppealableDecisionFile = z.infer<typeof AppealableDecisionFileSchema>;

/** An event with its business time and the user who caused it (null: the workflow's clock). */
export type StampedEvent = AccreditationEvent & { at: string; by: string | null };
/** One type of event, stamped. */
export type Stamped<Type extends AccreditationEvent['type']> = EventOf<Type> & {
  at: string;
  by: string | null;
};
