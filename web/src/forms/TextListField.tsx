import { ActionIcon, Button, Group, Stack, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';

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
  maxLength = 4000,
}: {
  form: UseFormReturnType<Values>;
  field: string;
  /** The label of item `number` (from 1). */
  label: (number: number) => string;
  add: string;
  remove: (number: number) => string;
  maxLength?: number;
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
            maxLength={maxLength}
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
