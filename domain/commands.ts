import { z } from 'zod';
import { currentEdition } from './catalogue';
import {
  ApplicationItemEvidenceSchema,
  ClosedReviewGapSchema,
  ComplaintFollowUpSchema,
  ComplaintOutcomeSchema,
  DeadlineTargetSchema,
  DocumentReviewResultSchema,
  DossierReferenceSchema,
  FindingEvidenceSchema,
  FindingSeveritySchema,
  RoleSchema,
} from './events';
import { openingIssues } from './opening-checks';
import { PolicySchema } from './policy-schema';
import { type RuleSet, ruleSets } from './rule-sets';
import { boundedList, FreeTextSchema, IdSchema, PersonalNameSchema, ScopeSchema } from './text-limits';
import { IsoDateSchema, IsoDateTimeSchema } from './time-schemas';

const Id = IdSchema;
const Text = FreeTextSchema;
const DocumentIds = boundedList(Id).default([]);

export const ActorSchema = z.object({
  id: Id,
  role: RoleSchema,
  /** Set for people acting for an organisation; they may act only on that organisation's case. */
  organisationId: Id.optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

/**
 * Passed next to every command: who acts, the business time the workflow supplies and the rules
 * its run decides by (`rule-sets.ts`; absent: the current ones).
 */
export const CommandContextSchema = z.object({
  now: IsoDateTimeSchema,
  actor: ActorSchema,
  ruleSet: z.custom<RuleSet>((value) => ruleSets.includes(value as RuleSet)).optional(),
});
export type CommandContext = z.infer<typeof CommandContextSchema>;

function command<Type extends string, Data extends z.ZodRawShape>(type: Type, data: Data) {
  return z.object({ type: z.literal(type), data: z.object(data) });
}

export const OpenAccreditationSchema = z.object({
  type: z.literal('OpenAccreditation'),
  data: z
    .object({
      accreditationId: Id,
      organisationId: Id,
      organisationName: PersonalNameSchema,
      /** The services and sites the accreditation covers, as the certificate will state them. */
      scope: ScopeSchema,
      /** The edition's fields of application (§2) the case covers; auditors' competences refer to them. */
      technicalAreas: boundedList(Id).optional(),
      caseManagerId: Id,
      edition: Text.default(currentEdition),
      /** Omitted: the default policy of the standard. */
      policy: PolicySchema.optional(),
    })
    .superRefine((data, context) => {
      // An unknown edition is the decider's to reject (`unknown_edition`), as it always was.
      for (const issue of openingIssues(data).filter((found) => found.code !== 'unknown_edition')) {
        context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      }
    }),
});
export const AssignCaseManagerSchema = command('AssignCaseManager', { caseManagerId: Id });

export const SubmitApplicationSchema = command('SubmitApplication', {
  items: boundedList(ApplicationItemEvidenceSchema).min(1),
});
export const RequestInformationSchema = command('RequestInformation', {
  questions: boundedList(Text).min(1),
});
export const ProvideInformationSchema = command('ProvideInformation', {
  requestId: Id,
  answer: Text,
  documentIds: DocumentIds,
});
export const AcceptApplicationSchema = command('AcceptApplication', {});
export const RejectApplicationSchema = command('RejectApplication', { reasons: boundedList(Text).min(1) });

// The conflict-of-interest declaration is a plain boolean here so that `false` earns a clear rejection.
export const AssignDocumentReviewerSchema = command('AssignDocumentReviewer', {
  auditorId: Id,
  conflictOfInterestDeclaredFree: z.boolean(),
});
export const RequestDocumentsSchema = command('RequestDocuments', { documents: boundedList(Text).min(1) });
export const CompleteDocumentReviewSchema = command('CompleteDocumentReview', {
  results: boundedList(DocumentReviewResultSchema).min(1),
});

export const AssignLeadAuditorSchema = command('AssignLeadAuditor', {
  auditorId: Id,
  conflictOfInterestDeclaredFree: z.boolean(),
});
export const SetAuditDateSchema = command('SetAuditDate', { auditDate: IsoDateSchema });
export const ObjectToAuditorSchema = command('ObjectToAuditor', { reason: Text });

export const CompleteAuditElementSchema = command('CompleteAuditElement', {
  element: Id,
  findings: boundedList(z.object({ requirementId: Id, severity: FindingSeveritySchema, description: Text })),
  /** Gaps of the document review this element found closed; a finding on a gap's requirement takes it over. */
  reviewGapsClosed: boundedList(ClosedReviewGapSchema).optional(),
});
export const SubmitActionPlanSchema = command('SubmitActionPlan', { findingId: Id, plan: Text });
export const AcceptActionPlanSchema = command('AcceptActionPlan', { findingId: Id });
export const SubmitCorrectiveActionEvidenceSchema = command('SubmitCorrectiveActionEvidence', {
  findingId: Id,
  description: Text,
  documentIds: DocumentIds,
});
export const VerifyCorrectiveActionSchema = command('VerifyCorrectiveAction', {
  findingId: Id,
  effective: z.boolean(),
  comment: Text,
});
export const ExtendDeadlineSchema = command('ExtendDeadline', {
  target: DeadlineTargetSchema,
  newDueAt: IsoDateTimeSchema,
  reason: Text,
});

/** Set by the API, never by the caller: the case file the decision maker decided on (the dossier). */
const decidedOn = { dossier: DossierReferenceSchema.optional() };

export const GrantSchema = command('Grant', {
  /** Derived by the workflow; see `isValidCertificateNumber` for the format. */
  certificateNumber: Id,
  ...decidedOn,
});
export const RefuseSchema = command('Refuse', { reasons: boundedList(Text).min(1), ...decidedOn });
/** A decision maker takes the case's pending decision from the queue; only they are asked. */
export const TakeDecisionSchema = command('TakeDecision', {});
/** The decision maker confirms the refusal or rejection a lapsed deadline proposed. */
export const ConfirmLapseSchema = command('ConfirmLapse', { proposalId: Id });
/** The decision maker gives the organisation more time instead. */
export const ExtendLapsedDeadlineSchema = command('ExtendLapsedDeadline', {
  proposalId: Id,
  newDueAt: IsoDateTimeSchema,
  reason: Text,
});
/** Staff give the case's pending decision to a decision maker. */
export const AssignDecisionMakerSchema = command('AssignDecisionMaker', { decisionMakerId: Id });

export const SubmitSelfAssessmentSchema = command('SubmitSelfAssessment', {
  selfAssessmentId: Id,
  statement: Text,
  documentIds: DocumentIds,
  /** Required for each minor finding the Selbstbewertung is to evidence. */
  findingEvidence: boundedList(FindingEvidenceSchema.extend({ documentIds: DocumentIds })).optional(),
});
export const ReviewSelfAssessmentSchema = command('ReviewSelfAssessment', {
  selfAssessmentId: Id,
  review: z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('accepted'), comment: Text.optional() }),
    z.object({ outcome: z.literal('follow_up_requested'), comment: Text }),
  ]),
});
export const ConfirmSuspensionProposalSchema = command('ConfirmSuspensionProposal', { proposalId: Id });
export const RejectSuspensionProposalSchema = command('RejectSuspensionProposal', {
  proposalId: Id,
  reason: Text,
});

export const ApplyForRenewalSchema = command('ApplyForRenewal', { documentIds: DocumentIds });
export const SuspendSchema = command('Suspend', { reason: Text, complaintId: Id.optional() });
export const ReinstateSchema = command('Reinstate', { reason: Text });
export const WithdrawSchema = command('Withdraw', { reason: Text });

/** ISO/IEC 17021-1 §9.6.4 (rule set 5): a short-notice audit while the certificate is valid or suspended. */
export const ScheduleSpecialAuditSchema = command('ScheduleSpecialAudit', {
  reason: Text,
  complaintId: Id.optional(),
  scopeChangeId: Id.optional(),
});

/** Issue 20 item 9 (rule set 6): the organisation applies to extend or reduce its scope while its certificate is valid. */
export const ApplyScopeChangeSchema = command('ApplyScopeChange', {
  kind: z.enum(['extension', 'reduction']),
  /** The whole scope as the certificate is to state it after the change. */
  scope: ScopeSchema.min(1),
  reason: Text,
  documentIds: DocumentIds,
});
/** Staff decide how the change is assessed: no more needed, the documents reviewed, or a special audit. */
export const AssessScopeChangeSchema = command('AssessScopeChange', {
  scopeChangeId: Id,
  assessment: z.discriminatedUnion('method', [
    z.object({ method: z.literal('approve') }),
    z.object({ method: z.literal('document_review'), reviewerId: Id }),
    z.object({ method: z.literal('special_audit'), reason: Text }),
  ]),
});
export const ReviewScopeChangeDocumentsSchema = command('ReviewScopeChangeDocuments', {
  scopeChangeId: Id,
  conforming: z.boolean(),
  comment: Text,
});
export const DecideScopeChangeSchema = command('DecideScopeChange', {
  scopeChangeId: Id,
  granted: z.boolean(),
  reason: Text,
});

export const ReceiveComplaintSchema = command('ReceiveComplaint', { complainant: Text, summary: Text });
/** Rule set 6: a complaint decided with a suspension proposes it (its own workflow sends this). */
export const ProposeSuspensionSchema = command('ProposeSuspension', { complaintId: Id, reason: Text });
export const AcknowledgeComplaintSchema = command('AcknowledgeComplaint', { complaintId: Id });
export const AssignComplaintInvestigatorSchema = command('AssignComplaintInvestigator', {
  complaintId: Id,
  investigatorId: Id,
});
export const DecideComplaintSchema = command('DecideComplaint', {
  complaintId: Id,
  outcome: ComplaintOutcomeSchema,
  reasoning: Text,
  followUp: ComplaintFollowUpSchema,
});
export const CloseComplaintSchema = command('CloseComplaint', { complaintId: Id });

/** ISO/IEC 17021-1 §9.7 (rule set 4): the organisation appeals a decision within the policy's window. */
export const LodgeAppealSchema = command('LodgeAppeal', {
  decisionId: Id,
  reasons: boundedList(Text).min(1),
  documentIds: DocumentIds,
});
/** A decision maker not involved in the decision appealed takes the appeal. */
export const TakeAppealSchema = command('TakeAppeal', { appealId: Id });
/** Staff give the appeal to a decision maker not involved in the decision appealed. */
export const AssignAppealHandlerSchema = command('AssignAppealHandler', {
  appealId: Id,
  decisionMakerId: Id,
});
export const DecideAppealSchema = command('DecideAppeal', {
  appealId: Id,
  outcome: z.enum(['upheld', 'dismissed']),
  reasons: boundedList(Text).min(1),
});

/** Sent by the workflow when a timer listed by `dueTimers` has run out. */
export const ElapseTimerSchema = command('ElapseTimer', { timerId: Id });

/** The commands people give, apart from the grant. */
const humanCommandSchemas = [
  OpenAccreditationSchema,
  AssignCaseManagerSchema,
  SubmitApplicationSchema,
  RequestInformationSchema,
  ProvideInformationSchema,
  AcceptApplicationSchema,
  RejectApplicationSchema,
  AssignDocumentReviewerSchema,
  RequestDocumentsSchema,
  CompleteDocumentReviewSchema,
  AssignLeadAuditorSchema,
  SetAuditDateSchema,
  ObjectToAuditorSchema,
  CompleteAuditElementSchema,
  SubmitActionPlanSchema,
  AcceptActionPlanSchema,
  SubmitCorrectiveActionEvidenceSchema,
  VerifyCorrectiveActionSchema,
  ExtendDeadlineSchema,
  RefuseSchema,
  TakeDecisionSchema,
  AssignDecisionMakerSchema,
  ConfirmLapseSchema,
  ExtendLapsedDeadlineSchema,
  SubmitSelfAssessmentSchema,
  ReviewSelfAssessmentSchema,
  ConfirmSuspensionProposalSchema,
  RejectSuspensionProposalSchema,
  ApplyForRenewalSchema,
  SuspendSchema,
  ReinstateSchema,
  WithdrawSchema,
  ScheduleSpecialAuditSchema,
  ApplyScopeChangeSchema,
  AssessScopeChangeSchema,
  ReviewScopeChangeDocumentsSchema,
  DecideScopeChangeSchema,
  ReceiveComplaintSchema,
  ProposeSuspensionSchema,
  AcknowledgeComplaintSchema,
  AssignComplaintInvestigatorSchema,
  DecideComplaintSchema,
  CloseComplaintSchema,
  LodgeAppealSchema,
  TakeAppealSchema,
  AssignAppealHandlerSchema,
  DecideAppealSchema,
] as const;

export const CommandSchema = z.discriminatedUnion('type', [
  ...humanCommandSchemas,
  GrantSchema,
  ElapseTimerSchema,
]);

/**
 * A step as the workflow's `command` update carries it: any human command, parsed (defaults
 * applied) by its sender; timers are the workflow's own. A grant carries the certificate number the
 * API drew (free in the register when drawn); from a sender that draws none, the workflow derives one.
 */
export const StepCommandSchema = z.discriminatedUnion('type', [
  ...humanCommandSchemas,
  command('Grant', { certificateNumber: Id.optional(), ...decidedOn }),
]);
export type StepCommand = z.output<typeof StepCommandSchema>;
export type StepCommandInput = z.input<typeof StepCommandSchema>;

export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandOf<Type extends CommandType> = Extract<Command, { type: Type }>;
