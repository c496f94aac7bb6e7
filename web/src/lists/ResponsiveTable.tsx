import { Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';

export interface Column<Row> {
  label: string;
  cell: (row: Row) => ReactNode;
}

interface ResponsiveTableProps<Row> {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Columns of equal width, long words broken: for many narrow columns of numbers. */
  fixed?: boolean;
}

/** Below Mantine's `sm` (as the navigation): one card per row instead of a table. */
const narrowScreen = '(max-width: 47.99em)';

/**
 * A table on a laptop; on a phone, where a table would scroll sideways, each row is a card with
 * its cells as a list of terms and values. The caption names the table for screen readers.
 */
export function ResponsiveTable<Row>({ caption, columns, rows, rowKey, fixed }: ResponsiveTableProps<Row>) {
  const narrow = useMediaQuery(narrowScreen, undefined, { getInitialValueInEffect: false });
  if (narrow) {
    return (
      <Stack component="ul" gap="sm" p={0} m={0} aria-label={caption}>
        {rows.map((row) => (
          <Paper component="li" key={rowKey(row)} withBorder p="sm" style={{ listStyle: 'none' }}>
            <Stack component="dl" gap={6} m={0}>
              {columns.map((column) => (
                <div key={column.label}>
                  <Text component="dt" size="sm" c="dimmed">
                    {column.label}
                  </Text>
                  <Text component="dd" m={0}>
                    {column.cell(row)}
                  </Text>
                </div>
              ))}
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table
      striped
      highlightOnHover
      verticalSpacing="sm"
      layout={fixed ? 'fixed' : undefined}
      style={fixed ? { hyphens: 'auto', overflowWrap: 'anywhere' } : undefined}
    >
      <Table.Caption>
        <VisuallyHidden>{caption}</VisuallyHidden>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column.label} scope="col">
              {column.label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={rowKey(row)}>
            {columns.map((column) => (
              <Table.Td key={column.label}>{column.cell(row)}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
