import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

type Row = readonly [string, ReactNode];

/** Terms and their values as a description list; a row given as a falsy value is left out. */
export function Facts({ rows }: { rows: readonly (Row | false | null | undefined | '')[] }) {
  const shown = rows.filter((row): row is Row => !!row && row[1] != null);
  if (shown.length === 0) return null;
  return (
    <Stack component="dl" gap={4} m={0}>
      {shown.map(([term, value], index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a term may repeat (two action plans); the rows never reorder.
        <Group key={`${term}:${index}`} component="div" gap="xs" wrap="wrap" align="baseline">
          <Text component="dt" fw={600} w="14rem" maw="100%">
            {term}
          </Text>
          <Text component="dd" m={0} style={{ flex: '1 1 16rem', minWidth: 0 }}>
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
