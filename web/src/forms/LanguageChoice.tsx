import { SegmentedControl, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';

/** The language someone is written to in (German or English), as a form's field. */
export function LanguageChoice<Values extends Record<string, unknown>>({
  form,
  field,
  id,
  label,
}: {
  form: UseFormReturnType<Values>;
  field: string;
  /** The label's id, unique on the page. */
  id: string;
  label: string;
}) {
  return (
    <Stack gap={4}>
      <Text component="span" size="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        data={[
          { value: 'de', label: 'Deutsch' },
          { value: 'en', label: 'English' },
        ]}
        {...form.getInputProps(field)}
        key={form.key(field)}
        style={{ alignSelf: 'flex-start' }}
      />
    </Stack>
  );
}
