import type { StepForms } from './types';

/** The forms of the steps DIM staff take (case managers and administrators), by step type. */
export const staffStepForms: StepForms = {};
