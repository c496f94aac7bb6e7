import { ActionIcon, Button, Group, Select, Stack, Textarea } from '@mantine/core';
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

/** Texts entered one per field (reasons, questions), as the API takes them: a list of at least one. */
export type TextList = { text: string }[];

export const textsOf = (list: TextList) => list.map(({ text }) => text.trim());

/** A list of texts: one field each, another added or one removed by button. */
export function TextListField<Values extends Record<string, unknown>>({
  form,
  field,
  label,
  add,
  remove,
}: {
  form: UseFormReturnType<Values>;
  field: string;
  /** The label of item `number` (from 1). */
  label: (number: number) => string;
  add: string;
  remove: (number: number) => string;
}) {
  const items = (form.useWatchValue as (path: string) => TextList)(field);
  return (
    <Stack gap="sm">
      {items.map((_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: Mantine's list fields are addressed by index.
        <Group key={index} align="flex-end" gap="xs" wrap="nowrap">
          <Textarea
            key={form.key(`${field}.${index}.text`)}
            {...form.getInputProps(`${field}.${index}.text`)}
            label={label(index + 1)}
            withAsterisk
            autosize
            minRows={2}
            maxLength={4000}
            style={{ flex: 1, minWidth: 0 }}
          />
          {items.length > 1 && (
            <ActionIcon
              variant="default"
              size="lg"
              mb={2}
              aria-label={remove(index + 1)}
              onClick={() => form.removeListItem(field, index)}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      <Group>
        <Button variant="default" onClick={() => form.insertListItem(field, { text: '' } as never)}>
          {add}
        </Button>
      </Group>
    </Stack>
  );
}
