/**
 * Which form takes which step. A task's `actions` name step types (`CompleteDocumentReview`, …);
 * the step page `/accreditations/{id}/steps/{step}` (step in kebab case: `complete-document-review`)
 * shows the form registered here. Each audience keeps its forms in a file of its own.
 */
import { auditorStepForms } from './auditor';
import { decisionStepForms } from './decision';
import { organisationStepForms } from './organisation';
import { staffStepForms } from './staff';
import type { StepForms } from './types';

export type { StepFormProps } from './types';

export const stepForms: StepForms = {
  ...staffStepForms,
  ...auditorStepForms,
  ...decisionStepForms,
  ...organisationStepForms,
};

/** The step page's path (`/accreditations/{id}/steps/{kebab-step}?subject=…`), shared with the e-mails. */
export { stepPagePath, stepSlug, stepTypeOfSlug } from '@domain/step-pages';
