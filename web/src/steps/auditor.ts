import type { StepForms } from './types';

/** The forms of the steps auditors take (and an investigator's complaint decision), by step type. */
export const auditorStepForms: StepForms = {
  CompleteDocumentReview: () => import('./auditor/DocumentReviewForm'),
  RequestDocuments: () => import('./auditor/RequestDocumentsForm'),
  SetAuditDate: () => import('./auditor/AuditDateForm'),
  CompleteAuditElement: () => import('./auditor/AuditElementForm'),
  VerifyCorrectiveAction: () =>
    import('./auditor/FindingForms').then((forms) => ({ Component: forms.VerifyCorrectiveAction })),
  AcceptActionPlan: () =>
    import('./auditor/FindingForms').then((forms) => ({ Component: forms.AcceptActionPlan })),
  DecideComplaint: () => import('./auditor/ComplaintDecisionForm'),
  ReviewScopeChangeDocuments: () =>
    import('../scope-change/ScopeChangeSteps').then((module) => ({
      Component: module.ReviewScopeChangeDocumentsForm,
    })),
};
