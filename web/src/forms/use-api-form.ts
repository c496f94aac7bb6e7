import { type FormValidateInput, useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asProblem, type FieldError, type ProblemError } from '../api/problem';
import { hasPath, placeFieldErrors } from './field-errors';
import { fieldErrorMessage } from './problem-message';

interface ApiFormOptions<Values, Answer> {
  initialValues: Values;
  /**
   * Checks before sending: Mantine rules, or the API's own zod schema from domain/ through
   * `schemaResolver(Schema, { sync: true })` from @mantine/form.
   */
  validate?: FormValidateInput<Values>;
  submit: (values: Values) => Promise<Answer>;
  onSuccess?: (answer: Answer, values: Values) => void;
}

/**
 * A Mantine form whose submission goes to the API. When the API refuses, each field error is shown
 * at its field and focus goes to the first; anything else (a refused step, a rate limit, errors on
 * no field) is `problem`, for a `ProblemAlert` at the top, which takes focus. Nothing is kept of a
 * refused submission but the entered values.
 */
export function useApiForm<Values extends Record<string, unknown>, Answer>(
  options: ApiFormOptions<Values, Answer>,
) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: options.initialValues,
    validate: options.validate,
  });
  const [problem, setProblem] = useState<{ problem: ProblemError; unplaced: FieldError[] } | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const focusFirstError = (errors: Record<string, unknown>) => {
    const [first] = Object.keys(errors);
    if (first) form.getInputNode(first)?.focus();
  };

  const mutation = useMutation({
    mutationFn: options.submit,
    onSuccess: (answer, values) => options.onSuccess?.(answer, values),
    onError: (error) => {
      const refused = asProblem(error);
      const inWords = refused.errors.map((fieldError) => ({
        ...fieldError,
        message: fieldErrorMessage(t, fieldError),
      }));
      const { atFields, atTop } = placeFieldErrors(inWords, (path) => hasPath(form.getValues(), path));
      form.setErrors(atFields);
      const placedAll = refused.errors.length > 0 && atTop.length === 0;
      setProblem(placedAll ? null : { problem: refused, unplaced: atTop });
      if (placedAll) focusFirstError(atFields);
      else requestAnimationFrame(() => alertRef.current?.focus());
    },
  });

  const onSubmit = form.onSubmit(
    (values) => {
      setProblem(null);
      mutation.mutate(values);
    },
    (errors) => focusFirstError(errors),
  );

  return { form, onSubmit, problem, alertRef, pending: mutation.isPending, done: mutation.isSuccess };
}
