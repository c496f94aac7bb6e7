import type { TFunction } from 'i18next';
import type { FieldError, ProblemError } from '../api/problem';

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

/** Which text says what is wrong with a value of the wrong form (`regex`: the text patterns' characters). */
const formatMessages = {
  email: 'problems.field.format.email',
  date: 'problems.field.format.date',
  datetime: 'problems.field.format.date',
  regex: 'problems.field.format.characters',
} as const;

/**
 * A field error in the page's language where its terms say what is wrong (a text too long, a list
 * with too many entries, a required value left empty, a value of the wrong form, a choice not
 * offered); else the API's own words.
 */
export function fieldErrorMessage(t: TFunction<'common'>, error: FieldError): string {
  const { code, limit, origin, format } = error;
  // A form always sends its values with their types: a value of the wrong type is one left out.
  if (code === 'invalid_type') return t('problems.field.required');
  if (code === 'invalid_value') return t('problems.field.choose');
  if (code === 'invalid_format') {
    const key = format ? formatMessages[format as keyof typeof formatMessages] : undefined;
    return key ? t(key) : error.message;
  }
  if (limit === undefined || (origin !== 'string' && origin !== 'array')) return error.message;
  if (code === 'too_big') return t(`problems.field.tooBig.${origin}`, { count: limit });
  if (code === 'too_small' && origin === 'string' && limit === 1) return t('problems.field.required');
  if (code === 'too_small') return t(`problems.field.tooSmall.${origin}`, { count: limit });
  return error.message;
}
