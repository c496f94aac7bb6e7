import { Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { useCaseLookup } from '../../case-file/lookup';
import type { Accreditation } from '../../case-file/types';
import { currentLanguage } from '../../i18n';
import { eventLabel, roleLabel } from './labels';

type TimelineEntry = Accreditation['timeline'][number];

/** Every event: when, what (in words), who; the newest first. */
export function TimelineSection({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t } = useTranslation('accreditation');
  const { t: tEvents } = useTranslation('caseEvents');
  const lookup = useCaseLookup();
  const language = currentLanguage();
  const who = (entry: TimelineEntry) => {
    if (entry.actorId === null) return t('roles.system');
    const name = lookup.person(entry.actorId);
    const role = entry.actorRole ? roleLabel(t, entry.actorRole) : null;
    return role ? `${name} (${role})` : name;
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="timeline">
      <Title order={2} id="timeline">
        {t('sections.timeline')}
      </Title>
      <Table
        striped
        withTableBorder
        layout="fixed"
        style={{ overflowWrap: 'anywhere' }}
        data-testid="timeline"
      >
        <Table.Caption>{t('timeline.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="3.5rem">{t('timeline.number')}</Table.Th>
            <Table.Th>{t('timeline.when')}</Table.Th>
            <Table.Th>{t('timeline.what')}</Table.Th>
            <Table.Th>{t('timeline.who')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...entries].reverse().map((entry) => (
            <Table.Tr key={entry.version} data-event-type={entry.type}>
              <Table.Td>{entry.version}</Table.Td>
              <Table.Td>{formatDateTime(entry.at, language)}</Table.Td>
              <Table.Td>{eventLabel(tEvents, entry.type)}</Table.Td>
              <Table.Td>{who(entry)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
