import type { StepForms } from './registry';

/** The forms of the steps an organisation takes, by step type. */
export const organisationStepForms: StepForms = {};
