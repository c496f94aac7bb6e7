import { stepPageRoute, stepTypeOfSlug } from '../../domain/step-pages';

/** The router's pattern as a regular expression: each `:name` one path segment. */
const stepPagePattern = new RegExp(`^/${stepPageRoute.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);

/** The case and step a link opens on the web router's step page, if it is one. */
export function stepTypeOfPath(path: string): { id: string; stepType: string } | undefined {
  const groups = stepPagePattern.exec(new URL(path, 'http://web.test').pathname)?.groups;
  if (!groups?.id || !groups.step) return undefined;
  return { id: decodeURIComponent(groups.id), stepType: stepTypeOfSlug(groups.step) };
}

/**
 * The step types the web application has an organisation's form for, from its registry (loaded at
 * run time: the web application's sources belong to its own TypeScript project, not the server's).
 */
export async function organisationFormStepTypes(): Promise<string[]> {
  const registry = '../../web/src/steps/organisation';
  const { organisationStepForms } = (await import(registry)) as { organisationStepForms: object };
  return Object.keys(organisationStepForms);
}
