import type { StepForms } from './types';

/** The forms of the steps decision makers take, by step type: each shows the decision dossier. */
export const decisionStepForms: StepForms = {
  Grant: () => import('./decision/GrantForm'),
  Refuse: () => import('./decision/RefuseForm'),
  TakeDecision: () => import('./decision/TakeDecisionForm'),
  ConfirmLapse: () =>
    import('./decision/LapseForms').then((module) => ({ Component: module.ConfirmLapseForm })),
  ExtendLapsedDeadline: () =>
    import('./decision/LapseForms').then((module) => ({ Component: module.ExtendLapsedDeadlineForm })),
};
