import type { StepForms } from './registry';

/** The forms of the steps auditors take, by step type. */
export const auditorStepForms: StepForms = {};
