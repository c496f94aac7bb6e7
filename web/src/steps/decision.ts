import type { StepForms } from './types';

/** The forms of the steps decision makers take, by step type: each shows what is decided on. */
export const decisionStepForms: StepForms = {
  Grant: () => import('./decision/GrantForm'),
  Refuse: () => import('./decision/RefuseForm'),
  TakeDecision: () => import('./decision/TakeDecisionForm'),
  ConfirmLapse: () =>
    import('./decision/LapseForms').then((module) => ({ Component: module.ConfirmLapseForm })),
  ExtendLapsedDeadline: () =>
    import('./decision/LapseForms').then((module) => ({ Component: module.ExtendLapsedDeadlineForm })),
  TakeAppeal: () => import('./decision/TakeAppealForm'),
  DecideScopeChange: () =>
    import('../scope-change/ScopeChangeSteps').then((module) => ({
      Component: module.DecideScopeChangeForm,
    })),
  DecideAppeal: () => import('./decision/AppealDecisionForm'),
  ConfirmSuspensionProposal: () =>
    import('./decision/SuspensionProposalForms').then((module) => ({
      Component: module.ConfirmSuspensionProposalForm,
    })),
  RejectSuspensionProposal: () =>
    import('./decision/SuspensionProposalForms').then((module) => ({
      Component: module.RejectSuspensionProposalForm,
    })),
};
