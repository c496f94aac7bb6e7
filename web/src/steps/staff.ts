import type { StepForms } from './types';

/** The forms of the steps DIM staff take (case managers and administrators), by step type. */
export const staffStepForms: StepForms = {
  AssignCaseManager: () =>
    import('./staff/AssignmentForms').then((module) => ({ Component: module.AssignCaseManagerForm })),
  AssignDocumentReviewer: () =>
    import('./staff/AssignmentForms').then((module) => ({ Component: module.AssignDocumentReviewerForm })),
  AssignLeadAuditor: () =>
    import('./staff/AssignmentForms').then((module) => ({ Component: module.AssignLeadAuditorForm })),
  AcceptApplication: () => import('./staff/AcceptApplicationForm'),
  AssignDecisionMaker: () =>
    import('./staff/AssignmentForms').then((module) => ({ Component: module.AssignDecisionMakerForm })),
  AssignAppealHandler: () =>
    import('./staff/AssignmentForms').then((module) => ({ Component: module.AssignAppealHandlerForm })),
  ExtendDeadline: () => import('./staff/ExtendDeadlineForm'),
  Suspend: () => import('./staff/StandingForms').then((module) => ({ Component: module.SuspendForm })),
  Reinstate: () => import('./staff/StandingForms').then((module) => ({ Component: module.ReinstateForm })),
  Withdraw: () => import('./staff/StandingForms').then((module) => ({ Component: module.WithdrawForm })),
  ScheduleSpecialAudit: () =>
    import('./staff/StandingForms').then((module) => ({ Component: module.ScheduleSpecialAuditForm })),
  ReceiveComplaint: () => import('./staff/ComplaintForm'),
  AssessScopeChange: () =>
    import('../scope-change/ScopeChangeSteps').then((module) => ({
      Component: module.AssessScopeChangeForm,
    })),
  RejectApplication: () =>
    import('./staff/ApplicationReviewForms').then((module) => ({ Component: module.RejectApplicationForm })),
  RequestInformation: () =>
    import('./staff/ApplicationReviewForms').then((module) => ({ Component: module.RequestInformationForm })),
  ReviewSelfAssessment: () => import('./staff/SelfAssessmentReviewForm'),
  AcknowledgeComplaint: () =>
    import('./staff/ComplaintStepForms').then((module) => ({ Component: module.AcknowledgeComplaintForm })),
  AssignComplaintInvestigator: () =>
    import('./staff/ComplaintStepForms').then((module) => ({
      Component: module.AssignComplaintInvestigatorForm,
    })),
  CloseComplaint: () =>
    import('./staff/ComplaintStepForms').then((module) => ({ Component: module.CloseComplaintForm })),
};
