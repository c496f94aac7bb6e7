import { z } from 'zod';
import {
  AppealDecidedSchema,
  AppealHandlerAssignedSchema,
  AppealLodgedSchema,
  AppealWindowClosedSchema,
  AppealWindowOpenedSchema,
} from './appeals';
import {
  AccreditationOpenedSchema,
  ApplicationAcceptedSchema,
  ApplicationRejectedSchema,
  ApplicationSubmittedSchema,
  CaseManagerAssignedSchema,
  DocumentsRequestedSchema,
  DocumentsRequestLapsedSchema,
  InformationProvidedSchema,
  InformationRequestedSchema,
  InformationRequestReminderSentSchema,
} from './application';
import {
  ActionPlanAcceptedSchema,
  ActionPlanSubmittedSchema,
  AuditDateSetSchema,
  AuditElementCompletedSchema,
  AuditorDeadlineApproachingSchema,
  AuditorObjectedSchema,
  AuditorObjectionWindowClosedSchema,
  CorrectiveActionEvidenceSubmittedSchema,
  CorrectiveActionVerifiedSchema,
  LeadAuditorAssignedSchema,
} from './audit';
import {
  AccreditationExpiredSchema,
  AccreditationReinstatedSchema,
  AccreditationSuspendedSchema,
  AccreditationWithdrawnSchema,
  CycleRenewedSchema,
  RenewalAppliedSchema,
  RenewalWindowOpenedSchema,
  SpecialAuditClosedSchema,
  SpecialAuditScheduledSchema,
  SuspensionProposalRejectedSchema,
  SuspensionProposedSchema,
} from './certificate';
import {
  ComplaintAcknowledgedSchema,
  ComplaintAcknowledgementOverdueSchema,
  ComplaintClosedSchema,
  ComplaintDecidedSchema,
  ComplaintInvestigatorAssignedSchema,
  ComplaintReceivedSchema,
} from './complaints';
import {
  DeadlineExtendedSchema,
  LapseProposedSchema,
  OwedStepEscalatedSchema,
  OwedStepReminderSentSchema,
} from './deadlines';
import {
  AccreditationGrantedSchema,
  AccreditationRefusedSchema,
  DecisionMakerAssignedSchema,
} from './decision';
import {
  DocumentReviewCompletedSchema,
  DocumentReviewerAssignedSchema,
  ReviewGapsReferredToAuditSchema,
} from './review';
import {
  SelfAssessmentAcceptedSchema,
  SelfAssessmentEscalatedSchema,
  SelfAssessmentFollowUpRequestedSchema,
  SelfAssessmentReminderSentSchema,
  SelfAssessmentSubmittedSchema,
} from './self-assessment';

export * from './appeals';
/** The event schemas live by stage in `events/`; this is their one list and the one place to import them from. */
export * from './application';
export * from './audit';
export * from './certificate';
export { type Recipient, RecipientSchema, RoleSchema } from './common';
export * from './complaints';
export * from './deadlines';
export * from './decision';
export * from './review';
export * from './self-assessment';

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
