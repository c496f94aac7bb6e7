import type { StepForms } from './registry';

/** The forms of the steps DIM staff take (case managers and administrators), by step type. */
export const staffStepForms: StepForms = {};
