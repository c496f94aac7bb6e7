import type { StepForms } from './types';

/** The forms of the steps an organisation takes, by step type. */
export const organisationStepForms: StepForms = {
  SubmitApplication: () => import('./organisation/ApplicationForm'),
  ProvideInformation: () => import('./organisation/RequestAnswerForm'),
  ObjectToAuditor: () => import('./organisation/AuditorObjectionForm'),
  LodgeAppeal: () => import('./organisation/AppealForm'),
  SubmitActionPlan: () => import('./organisation/ActionPlanForm'),
  SubmitCorrectiveActionEvidence: () => import('./organisation/CorrectiveActionForm'),
  SubmitSelfAssessment: () => import('./organisation/SelfAssessmentForm'),
  ApplyForRenewal: () => import('./organisation/RenewalForm'),
  ApplyScopeChange: () => import('../scope-change/ApplyScopeChangeForm'),
};
