import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pipelineStatuses } from '../../cases/status';
import { currentLanguage } from '../../i18n';
import { type Column, ResponsiveTable } from '../../lists/ResponsiveTable';

export interface StageMonth {
  month: string;
  cases: Readonly<Record<string, number>>;
}

const colours: Record<string, string> = {
  opened: 'gray.6',
  application_review: 'blue.6',
  awaiting_applicant: 'cyan.6',
  document_review: 'teal.6',
  audit_planning: 'green.6',
  audit: 'lime.7',
  corrective_actions: 'orange.6',
  awaiting_decision: 'grape.6',
};

function monthLabel(month: string): string {
  const language = currentLanguage();
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The cases in the procedure at each month's end, stacked by stage; the same as a table. */
export function StageChart({ months }: { months: readonly StageMonth[] }) {
  const { t } = useTranslation('dashboard');
  const { t: words } = useTranslation('cases');
  const data = months.map(({ month, cases }) => ({
    month: monthLabel(month),
    ...Object.fromEntries(pipelineStatuses.map((status) => [status, cases[status] ?? 0])),
  }));
  const series = pipelineStatuses.map((status) => ({
    name: status,
    label: words(`status.${status}`),
    color: colours[status] ?? 'blue.6',
  }));
  // Only while opened: a closed <details> still lays out its content.
  const [tableShown, setTableShown] = useState(false);
  const columns: Column<StageMonth>[] = [
    { label: t('chart.month'), cell: ({ month }) => monthLabel(month) },
    ...series.map((entry) => ({
      label: entry.label,
      cell: ({ cases }: StageMonth) => cases[entry.name] ?? 0,
    })),
  ];
  return (
    <Stack gap="sm" component="figure" m={0}>
      <Title order={2} size="h3">
        {t('chart.title')}
      </Title>
      <Text component="figcaption" size="sm">
        {t('chart.caption')}
      </Text>
      {/* Seen, not read or used: the table below says the same to a screen reader and keyboard. */}
      <div inert>
        <BarChart
          h={300}
          data={data}
          dataKey="month"
          type="stacked"
          series={series}
          withLegend
          withTooltip={false}
          tickLine="y"
        />
      </div>
      <details onToggle={(event) => setTableShown(event.currentTarget.open)}>
        <summary>{t('chart.table')}</summary>
        {tableShown && (
          <ResponsiveTable
            caption={t('chart.caption')}
            columns={columns}
            rows={months}
            rowKey={({ month }) => month}
            fixed
          />
        )}
      </details>
    </Stack>
  );
}
