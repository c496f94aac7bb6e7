import { matchPath } from 'react-router';
import { stepPageRoute, stepTypeOfSlug } from '../../domain/step-pages';

/** The case and step a link opens on the web router's step page, if it is one. */
export function stepTypeOfPath(path: string): { id: string; stepType: string } | undefined {
  const match = matchPath(`/${stepPageRoute}`, new URL(path, 'http://web.test').pathname);
  if (!match?.params.id || !match.params.step) return undefined;
  return { id: match.params.id, stepType: stepTypeOfSlug(match.params.step) };
}
