import type { StepForms } from './types';

/** The forms of the steps auditors take, by step type. */
export const auditorStepForms: StepForms = {};
