import { Select, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';

/** A required text: not blank. */
export const requiredText = (message: string) => (value: unknown) =>
  typeof value === 'string' && value.trim() ? null : message;

/** The people of a role to choose from (GET /users: admin and staff). */
export function PersonSelect<Values extends Record<string, unknown>>({
  form,
  field,
  userRole,
  label,
}: {
  form: UseFormReturnType<Values>;
  field: string;
  userRole: 'staff' | 'auditor' | 'decision_maker';
  label: string;
}) {
  const people = $api.useQuery('get', '/users', { params: { query: { role: userRole, limit: 500 } } });
  return (
    <Select
      label={label}
      required
      searchable
      data={(people.data?.items ?? []).map((person) => ({
        value: person.id,
        label: `${person.name} (${person.email})`,
      }))}
      {...form.getInputProps(field)}
      key={form.key(field)}
    />
  );
}

/** The reason every step that changes a case's standing needs. */
export function ReasonField<Values extends Record<string, unknown>>({
  form,
  field = 'reason',
}: {
  form: UseFormReturnType<Values>;
  field?: string;
}) {
  const { t } = useTranslation('staffSteps');
  return (
    <Textarea
      label={t('reason')}
      description={t('reasonHint')}
      required
      autosize
      minRows={3}
      {...form.getInputProps(field)}
      key={form.key(field)}
    />
  );
}

/** A new deadline, picked in the browser's local time; `instantOf` gives it as the API takes it. */
export function NewDueAtField<Values extends Record<string, unknown>>({
  form,
  field = 'newDueAt',
}: {
  form: UseFormReturnType<Values>;
  field?: string;
}) {
  const { t } = useTranslation('staffSteps');
  return (
    <TextInput
      label={t('newDueAt')}
      type="datetime-local"
      required
      {...form.getInputProps(field)}
      key={form.key(field)}
    />
  );
}

/** The picker's local time (the browser's zone) as an instant. */
export const instantOf = (localDateTime: string) => new Date(localDateTime).toISOString();
