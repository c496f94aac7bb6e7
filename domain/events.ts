import { z } from 'zod';
import { StoredPolicySchema } from './policy-schema';
import { roles } from './roles';
import { appealResumeStatuses } from './statuses';
import { boundedList, FreeTextSchema, IdSchema } from './text-limits';
import { IsoDateSchema, IsoDateTimeSchema } from './time-schemas';

export const RoleSchema = z.enum(roles);

const Id = IdSchema;
const Text = FreeTextSchema;
const At = IsoDateTimeSchema;
const DocumentIds = boundedList(Id);

function event<Type extends string, Data extends z.ZodRawShape>(type: Type, data: Data) {
  return z.object({ type: z.literal(type), data: z.object(data) });
}

/** Whom a notification caused by the event goes to. */
export const RecipientSchema = z.object({
  role: RoleSchema,
  userId: Id.optional(),
  organisationId: Id.optional(),
});
export type Recipient = z.infer<typeof RecipientSchema>;

export const ApplicationItemEvidenceSchema = z
  .object({ itemId: Id, documentIds: DocumentIds.default([]), statement: Text.optional() })
  .refine((item) => item.documentIds.length > 0 || item.statement !== undefined, {
    message: 'An application item needs documents or a statement',
  });

export const DocumentReviewResultSchema = z.discriminatedUnion('result', [
  z.object({ requirementId: Id, result: z.literal('conforming'), comment: Text.optional() }),
  z.object({ requirementId: Id, result: z.literal('gap'), comment: Text }),
]);

/** A gap of the document review, to be verified at the audit. */
export const ReviewGapSchema = z.object({ requirementId: Id, comment: Text });
/** The audit's word on a gap: closed (the requirement is now met), with what the auditor saw. */
export const ClosedReviewGapSchema = z.object({ requirementId: Id, comment: Text });

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

export const DeadlineTargetSchema = z.object({
  kind: z.enum(['information_request', 'corrective_action', 'self_assessment']),
  /** The request, finding or self-assessment id. */
  id: Id,
});
export type DeadlineTarget = z.infer<typeof DeadlineTargetSchema>;

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

export const ComplaintOutcomeSchema = z.enum(['upheld', 'not_upheld']);
export const ComplaintFollowUpSchema = z.enum(['special_audit', 'suspension', 'none']);

const caused = { timerId: Id };

export const AccreditationOpenedSchema = event('AccreditationOpened', {
  accreditationId: Id,
  organisationId: Id,
  organisationName: Text,
  scope: Text,
  /** Absent in cases opened before technical areas were named. */
  technicalAreas: boundedList(Id).optional(),
  caseManagerId: Id,
  edition: Text,
  policy: StoredPolicySchema,
  openedAt: At,
});
export const CaseManagerAssignedSchema = event('CaseManagerAssigned', { caseManagerId: Id });

export const ApplicationSubmittedSchema = event('ApplicationSubmitted', {
  items: boundedList(ApplicationItemEvidenceSchema),
  submittedAt: At,
});
export const InformationRequestedSchema = event('InformationRequested', {
  requestId: Id,
  questions: boundedList(Text).min(1),
  respondBy: At,
});
export const DocumentsRequestedSchema = event('DocumentsRequested', {
  requestId: Id,
  documents: boundedList(Text).min(1),
  respondBy: At,
});
export const InformationProvidedSchema = event('InformationProvided', {
  requestId: Id,
  answer: Text,
  documentIds: DocumentIds,
});
export const InformationRequestReminderSentSchema = event('InformationRequestReminderSent', {
  ...caused,
  requestId: Id,
  respondBy: At,
  recipient: RecipientSchema,
});
/** The documents were not provided in time; the request closes and the reviewer decides without them. */
export const DocumentsRequestLapsedSchema = event('DocumentsRequestLapsed', {
  ...caused,
  requestId: Id,
  recipient: RecipientSchema,
});
export const ApplicationAcceptedSchema = event('ApplicationAccepted', { acceptedBy: Id });
export const ApplicationRejectedSchema = event('ApplicationRejected', {
  reasons: boundedList(Text).min(1),
  rejectedBy: Id,
  timerId: Id.optional(),
  /** The proposal of a lapsed deadline the decision maker confirmed (rule set 3). */
  proposalId: Id.optional(),
  /** The policy's rule that decided it without a person (`automaticLapse`, rule set 3). */
  rule: Text.optional(),
});

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
export const DeadlineExtendedSchema = event('DeadlineExtended', {
  target: DeadlineTargetSchema,
  previousDueAt: At,
  newDueAt: At,
  reason: Text,
});

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
/**
 * A deadline lapsed (rule set 3): its consequence, the application's rejection or the
 * accreditation's refusal, is proposed to the decision makers' queue; one confirms it or extends
 * the deadline.
 */
export const LapseProposedSchema = event('LapseProposed', {
  ...caused,
  proposalId: Id,
  outcome: z.enum(['rejection', 'refusal']),
  target: DeadlineTargetSchema,
  dueAt: At,
  reasons: z.array(Text).min(1),
  recipient: RecipientSchema,
});

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
export const SuspensionProposedSchema = event('SuspensionProposed', {
  /** Set when an overdue self-assessment's timer proposed it; a special audit's finding has none. */
  timerId: Id.optional(),
  proposalId: Id,
  /** The cause: an overdue self-assessment, or (rule set 5) a special audit's major finding. */
  selfAssessmentId: Id.optional(),
  specialAuditId: Id.optional(),
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

/** What is owed outside the auditors' own deadlines (rule set 4). */
export const OwedStepSchema = z.enum([
  'action_plan',
  'audit_date',
  'self_assessment_follow_up',
  'appeal_decision',
]);
const owedStep = {
  ...caused,
  owed: OwedStepSchema,
  /** The finding, the lead auditor's assignment, the self-assessment or the appeal. */
  subjectId: Id,
  dueAt: At,
  recipient: RecipientSchema,
};
/** Whoever owes it is reminded before it falls due. */
export const OwedStepReminderSentSchema = event('OwedStepReminderSent', owedStep);
/** It fell due unfulfilled: the case manager is told. */
export const OwedStepEscalatedSchema = event('OwedStepEscalated', owedStep);

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

export const ComplaintReceivedSchema = event('ComplaintReceived', {
  complaintId: Id,
  complainant: Text,
  summary: Text,
  receivedAt: At,
  acknowledgeBy: At,
});
export const ComplaintAcknowledgedSchema = event('ComplaintAcknowledged', { complaintId: Id });
export const ComplaintAcknowledgementOverdueSchema = event('ComplaintAcknowledgementOverdue', {
  ...caused,
  complaintId: Id,
  recipient: RecipientSchema,
});
export const ComplaintInvestigatorAssignedSchema = event('ComplaintInvestigatorAssigned', {
  complaintId: Id,
  investigatorId: Id,
});
export const ComplaintDecidedSchema = event('ComplaintDecided', {
  complaintId: Id,
  outcome: ComplaintOutcomeSchema,
  reasoning: Text,
  followUp: ComplaintFollowUpSchema,
  decidedBy: Id,
});
export const ComplaintClosedSchema = event('ComplaintClosed', { complaintId: Id });

/** ISO/IEC 17021-1 §9.7: the decisions an organisation may appeal against (rule set 4). */
export const AppealableDecisionSchema = z.enum(['refusal', 'rejection', 'suspension', 'withdrawal']);
/** Where an upheld appeal against a refusal or rejection takes the case back to. */
export const AppealResumeStatusSchema = z.enum(appealResumeStatuses);
/** What an appeal's outcome did to the case. */
export const AppealEffectSchema = z.enum([
  'new_decision',
  'application_reopened',
  'suspension_lifted',
  'certificate_restored',
  'none',
]);

/** Recorded with the decision: it may be appealed until `until`. */
export const AppealWindowOpenedSchema = event('AppealWindowOpened', {
  decisionId: Id,
  against: AppealableDecisionSchema,
  /** Who decided it; absent when a deadline did (they may not decide the appeal). */
  decidedBy: Id.optional(),
  until: At,
  /** With a refusal or rejection: where an upheld appeal takes the case back to. */
  resumeStatus: AppealResumeStatusSchema.optional(),
});
export const AppealWindowClosedSchema = event('AppealWindowClosed', { ...caused, decisionId: Id });
export const AppealLodgedSchema = event('AppealLodged', {
  appealId: Id,
  decisionId: Id,
  against: AppealableDecisionSchema,
  reasons: boundedList(Text).min(1),
  documentIds: DocumentIds,
  lodgedAt: At,
  decideBy: At,
  /** Decision makers who may not handle it: who decided what is appealed, and the case's auditors. */
  excludedUserIds: boundedList(Id),
});
export const AppealHandlerAssignedSchema = event('AppealHandlerAssigned', {
  appealId: Id,
  decisionMakerId: Id,
  assignedBy: Id,
});
export const AppealDecidedSchema = event('AppealDecided', {
  appealId: Id,
  against: AppealableDecisionSchema,
  outcome: z.enum(['upheld', 'dismissed']),
  reasons: boundedList(Text).min(1),
  decidedBy: Id,
  effect: AppealEffectSchema,
});

export const AccreditationEventSchema = z.discriminatedUnion('type', [
  AccreditationOpenedSchema,
  CaseManagerAssignedSchema,
  ApplicationSubmittedSchema,
  InformationRequestedSchema,
  DocumentsRequestedSchema,
  InformationProvidedSchema,
  InformationRequestReminderSentSchema,
  DocumentsRequestLapsedSchema,
  ApplicationAcceptedSchema,
  ApplicationRejectedSchema,
  DocumentReviewerAssignedSchema,
  DocumentReviewCompletedSchema,
  ReviewGapsReferredToAuditSchema,
  LeadAuditorAssignedSchema,
  AuditDateSetSchema,
  AuditorObjectedSchema,
  AuditorObjectionWindowClosedSchema,
  AuditorDeadlineApproachingSchema,
  AuditElementCompletedSchema,
  ActionPlanSubmittedSchema,
  ActionPlanAcceptedSchema,
  CorrectiveActionEvidenceSubmittedSchema,
  CorrectiveActionVerifiedSchema,
  DeadlineExtendedSchema,
  AccreditationGrantedSchema,
  AccreditationRefusedSchema,
  DecisionMakerAssignedSchema,
  LapseProposedSchema,
  SelfAssessmentReminderSentSchema,
  SelfAssessmentEscalatedSchema,
  SuspensionProposedSchema,
  SuspensionProposalRejectedSchema,
  SpecialAuditScheduledSchema,
  SpecialAuditClosedSchema,
  SelfAssessmentSubmittedSchema,
  SelfAssessmentAcceptedSchema,
  SelfAssessmentFollowUpRequestedSchema,
  OwedStepReminderSentSchema,
  OwedStepEscalatedSchema,
  RenewalWindowOpenedSchema,
  RenewalAppliedSchema,
  AccreditationSuspendedSchema,
  AccreditationReinstatedSchema,
  AccreditationWithdrawnSchema,
  AccreditationExpiredSchema,
  CycleRenewedSchema,
  ComplaintReceivedSchema,
  ComplaintAcknowledgedSchema,
  ComplaintAcknowledgementOverdueSchema,
  ComplaintInvestigatorAssignedSchema,
  ComplaintDecidedSchema,
  ComplaintClosedSchema,
  AppealWindowOpenedSchema,
  AppealWindowClosedSchema,
  AppealLodgedSchema,
  AppealHandlerAssignedSchema,
  AppealDecidedSchema,
]);

export type AccreditationEvent = z.infer<typeof AccreditationEventSchema>;
export type EventOf<Type extends AccreditationEvent['type']> = Extract<AccreditationEvent, { type: Type }>;
export type ReportedFinding = z.infer<typeof ReportedFindingSchema>;
export type ScheduledSelfAssessment = z.infer<typeof ScheduledSelfAssessmentSchema>;
export type FindingToEvidence = z.infer<typeof FindingToEvidenceSchema>;
export type DocumentReviewResult = z.infer<typeof DocumentReviewResultSchema>;
export type ReviewGap = z.infer<typeof ReviewGapSchema>;
export type ComplaintFollowUp = z.infer<typeof ComplaintFollowUpSchema>;
export type ComplaintOutcome = z.infer<typeof ComplaintOutcomeSchema>;
export type OwedStep = z.infer<typeof OwedStepSchema>;
export type AppealableDecision = z.infer<typeof AppealableDecisionSchema>;
export type AppealResumeStatus = z.infer<typeof AppealResumeStatusSchema>;
export type AppealEffect = z.infer<typeof AppealEffectSchema>;
