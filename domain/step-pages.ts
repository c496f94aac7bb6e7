/**
 * Where each step of a case is taken in the web application: `/accreditations/{id}/steps/{step}`,
 * the step type in kebab case (`SubmitActionPlan` ↔ `submit-action-plan`), `?subject=` what the
 * step is about (a request, finding, self-assessment). The web application's step page and the
 * deep links of e-mails (notifications/) both follow it.
 */
export const stepSlug = (stepType: string) => stepType.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase();

export const stepTypeOfSlug = (slug: string) =>
  slug.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase());

export const stepPagePath = (accreditationId: string, stepType: string, subjectId?: string) =>
  `/accreditations/${encodeURIComponent(accreditationId)}/steps/${stepSlug(stepType)}${
    subjectId ? `?subject=${encodeURIComponent(subjectId)}` : ''
  }`;

/** The web router's pattern of the step page, which `stepPagePath` fills in (React Router syntax). */
export const stepPageRoute = 'accreditations/:id/steps/:step';
