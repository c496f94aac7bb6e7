import type { FormValidateInput } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiForm } from '../forms/use-api-form';

interface StepFormOptions<Values, Answer> {
  initialValues: Values;
  validate?: FormValidateInput<Values>;
  /**
   * Sends the step, typed by the generated client, e.g.
   * `api.POST('/accreditations/{id}/grant', { params: { path: { id }, header: { 'idempotency-key': key } }, body })`.
   * `idempotencyKey` stays the same for every try of this form, so a repeated submission after a
   * timeout (503) records the step at most once.
   */
  submit: (values: Values, idempotencyKey: string) => Promise<Answer>;
  onDone?: (answer: Answer) => void;
}

/**
 * A form for one step of a case: `useApiForm` (errors at their fields, refusals at the top) plus
 * an idempotency key per form and, once recorded, every cached read refreshed (the case, its file,
 * the tasks and lists all change with a step).
 */
export function useStepForm<Values extends Record<string, unknown>, Answer>(
  options: StepFormOptions<Values, Answer>,
) {
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  return useApiForm({
    initialValues: options.initialValues,
    validate: options.validate,
    submit: (values) => options.submit(values, idempotencyKey),
    onSuccess: (answer) => {
      void queryClient.invalidateQueries();
      options.onDone?.(answer);
    },
  });
}
