import type { TFunction } from 'i18next';
import type { ProblemError } from '../api/problem';

/**
 * What to tell a person about a problem: the page's own text for the problem's `code` if it has
 * one, the shared texts for what any call may meet, else the API's own detail.
 */
export function problemMessage(
  t: TFunction<'common'>,
  problem: ProblemError,
  byCode: Readonly<Record<string, string>> = {},
): string {
  const own = problem.code ? byCode[problem.code] : undefined;
  if (own) return own;
  if (problem.code === 'network_error') return t('problems.network_error');
  if (problem.code === 'csrf_token_invalid') return t('problems.csrf_token_invalid');
  if (problem.status === 429) return t('problems.rateLimited', { seconds: problem.retryAfter ?? 60 });
  if (problem.status === 401) return t('problems.unauthorised');
  if (problem.status === 403 && !problem.detail) return t('problems.forbidden');
  return problem.detail ?? t('problems.unexpected', { status: problem.status });
}
