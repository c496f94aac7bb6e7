import type { StepForms } from './types';

/** The forms of the steps decision makers take, by step type. */
export const decisionStepForms: StepForms = {};
