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

/** `CompleteDocumentReview` ↔ `complete-document-review`. */
export const stepSlug = (stepType: string) => stepType.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase();
export const stepTypeOfSlug = (slug: string) =>
  slug.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase());

export const stepPagePath = (accreditationId: string, stepType: string, subjectId?: string) =>
  `/accreditations/${accreditationId}/steps/${stepSlug(stepType)}${
    subjectId ? `?subject=${encodeURIComponent(subjectId)}` : ''
  }`;
