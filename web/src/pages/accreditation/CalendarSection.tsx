import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { paths } from '../../api/schema';
import { formatMoment } from '../../app/format';
import { useCaseLookup } from '../../case-file/lookup';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { taskLabel } from '../tasks/labels';
import { roleLabel, timerLabel } from './labels';

type CalendarItem =
  paths['/accreditations/{id}/calendar']['get']['responses'][200]['content']['application/json']['items'][number];

const yearOf = (iso: string) =>
  new Intl.DateTimeFormat('de-DE', { year: 'numeric', timeZone: 'Europe/Berlin' }).format(new Date(iso));

function CalendarTable({ year, items }: { year: string; items: CalendarItem[] }) {
  const { t } = useTranslation('accreditation');
  const { t: tEvents } = useTranslation('caseEvents');
  const lookup = useCaseLookup();
  const language = currentLanguage();
  const what = (item: CalendarItem) =>
    item.category === 'timer' ? timerLabel(tEvents, item.kind) : taskLabel(item.kind, language);
  const who = (item: CalendarItem) => {
    if (item.category === 'timer' || !item.assigneeRole) return t('calendar.system');
    if (item.assigneeRole === 'organisation' || !item.assigneeId) {
      return roleLabel(t, item.assigneeRole);
    }
    return lookup.person(item.assigneeId);
  };
  return (
    <Stack gap={4}>
      <Title order={3}>{year}</Title>
      <Table striped withTableBorder layout="fixed" style={{ overflowWrap: 'anywhere' }}>
        <Table.Caption>{t('calendar.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('calendar.when')}</Table.Th>
            <Table.Th>{t('calendar.what')}</Table.Th>
            <Table.Th>{t('calendar.who')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-calendar-kind={item.kind}>
              <Table.Td>
                {formatMoment(item.at, language)}
                {item.overdue && (
                  <Badge ml={4} color="red" variant="filled" tt="none" size="sm">
                    {t('calendar.overdue')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Text span size="xs" c="dimmed" display="block">
                  {item.category === 'deadline' ? t('calendar.deadline') : t('calendar.timer')}
                </Text>
                {what(item)}
              </Table.Td>
              <Table.Td>{who(item)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The case's deadlines and the workflow's timers over the validity (three years), by year. */
export function CalendarSection({
  accreditationId,
  pastView,
}: {
  accreditationId: string;
  pastView: boolean;
}) {
  const { t } = useTranslation('accreditation');
  const calendar = $api.useQuery('get', '/accreditations/{id}/calendar', {
    params: { path: { id: accreditationId } },
  });
  const byYear = new Map<string, CalendarItem[]>();
  for (const item of calendar.data?.items ?? []) {
    const year = yearOf(item.at);
    byYear.set(year, [...(byYear.get(year) ?? []), item]);
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby="calendar">
      <Title order={2} id="calendar">
        {t('sections.calendar')}
      </Title>
      <Text size="sm">{pastView ? t('calendar.now') : t('calendar.intro')}</Text>
      {calendar.error && <ProblemAlert problem={asProblem(calendar.error)} />}
      {calendar.data && byYear.size === 0 && <Text>{t('calendar.none')}</Text>}
      {[...byYear].map(([year, items]) => (
        <CalendarTable key={year} year={year} items={items} />
      ))}
    </Stack>
  );
}
