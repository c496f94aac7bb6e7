import type { FieldError } from '../api/problem';

/** Whether `path` (`organisation.address.city`, `items.0.text`) names a value in `values`. */
export function hasPath(values: unknown, path: string): boolean {
  let current: unknown = values;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null || !(segment in current)) return false;
    current = (current as Record<string, unknown>)[segment];
  }
  return true;
}

/**
 * Puts the API's field errors where a form can show them: `body.organisation.name` is the form's
 * `organisation.name` (Mantine's dotted paths, array items by index). Errors outside the body
 * (query, params) or on a field the form does not have stay for the top of the form.
 */
export function placeFieldErrors(
  errors: readonly FieldError[],
  isField: (path: string) => boolean,
): { atFields: Record<string, string>; atTop: FieldError[] } {
  const atFields: Record<string, string> = {};
  const atTop: FieldError[] = [];
  for (const error of errors) {
    const path = error.field.startsWith('body.') ? error.field.slice('body.'.length) : undefined;
    if (path && isField(path)) {
      atFields[path] = atFields[path] ? `${atFields[path]} ${error.message}` : error.message;
    } else {
      atTop.push(error);
    }
  }
  return { atFields, atTop };
}
