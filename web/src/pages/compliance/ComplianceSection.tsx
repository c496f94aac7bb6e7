import { List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { paths } from '../../api/schema';
import { formatDateTime, formatMoment } from '../../app/format';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { type Column, ResponsiveTable } from '../../lists/ResponsiveTable';
import { eventLabel } from '../accreditation/labels';
import { ComplianceBadge, useDetailText } from './ComplianceBadge';

type RuleResult =
  paths['/accreditations/{id}/compliance']['get']['responses'][200]['content']['application/json']['rules'][number];

function useColumns(): Column<RuleResult>[] {
  const { t } = useTranslation('compliance');
  const { t: tEvents } = useTranslation('caseEvents');
  const detailText = useDetailText();
  const language = currentLanguage();
  return [
    {
      label: t('rule'),
      cell: (result) => (
        <>
          {t(`rules.${result.rule}`)}
          <Text size="xs" c="dimmed">
            {result.source}
          </Text>
        </>
      ),
    },
    { label: t('state'), cell: (result) => <ComplianceBadge status={result.status} /> },
    {
      label: t('details'),
      cell: (result) =>
        result.instances.length === 0 ? (
          t('none')
        ) : (
          <List size="sm" spacing={4}>
            {result.instances.map((instance) => (
              <List.Item key={`${instance.subjectId}:${instance.detail}`}>
                {detailText(instance.detail)}
                {instance.dueAt && ` · ${t('due', { date: formatMoment(instance.dueAt, language) })}`}
                {instance.evidence.map((event) => (
                  <Text key={event.version} size="xs" c="dimmed">
                    {t('event', {
                      version: event.version,
                      type: eventLabel(tEvents, event.type),
                      date: formatDateTime(event.at, language),
                    })}
                  </Text>
                ))}
              </List.Item>
            ))}
          </List>
        ),
    },
  ];
}

/** The case's timing rules (staff, decision makers, the organisation): each rule, its state, and why. */
export function ComplianceSection({ accreditationId }: { accreditationId: string }) {
  const { t } = useTranslation('compliance');
  const columns = useColumns();
  const compliance = $api.useQuery('get', '/accreditations/{id}/compliance', {
    params: { path: { id: accreditationId } },
  });
  const data = compliance.data;
  return (
    <Stack gap="sm" component="section" aria-labelledby="compliance-title" data-compliance-section>
      <Title order={2} size="h3" id="compliance-title">
        {t('title')}
      </Title>
      <Text size="sm">{t('intro')}</Text>
      {compliance.error && <ProblemAlert problem={asProblem(compliance.error)} />}
      {data && (
        <>
          <Text size="sm" c="dimmed" component="div">
            {t('asOf', { date: formatDateTime(data.asOf, currentLanguage()) })} · {t('overall')}:{' '}
            <ComplianceBadge status={data.overall} />
          </Text>
          <ResponsiveTable
            caption={t('caption')}
            columns={columns}
            rows={data.rules}
            rowKey={(result) => result.rule}
          />
        </>
      )}
    </Stack>
  );
}
