import type { StepForms } from './types';

/** The forms of the steps an organisation takes, by step type. */
export const organisationStepForms: StepForms = {};
