import { type ComplianceStatus, complianceRules } from '@domain/compliance';
import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { paths } from '../../api/schema';
import { formatDateTime } from '../../app/format';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import { isCaseStatus } from '../../cases/status';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { type Column, ResponsiveTable } from '../../lists/ResponsiveTable';
import { ComplianceBadge } from './ComplianceBadge';

type Report = paths['/compliance']['get']['responses'][200]['content']['application/json'];
type Item = Report['items'][number];

function useColumns(): Column<Item>[] {
  const { t } = useTranslation('compliance');
  const { t: words } = useTranslation('cases');
  return [
    {
      label: t('organisation'),
      cell: (item) => (
        <Anchor component={Link} to={`/accreditations/${item.accreditationId}`} fw={600}>
          {item.organisationName}
        </Anchor>
      ),
    },
    {
      label: t('caseStatus'),
      cell: (item) => (isCaseStatus(item.status) ? words(`status.${item.status}`) : item.status),
    },
    { label: t('overall'), cell: (item) => <ComplianceBadge status={item.overall} /> },
    ...complianceRules.map(
      (rule): Column<Item> => ({
        label: t(`rules.${rule}`),
        cell: (item) => <RuleState status={item.rules[rule] ?? 'pending'} />,
      }),
    ),
  ];
}

/** A rule's state in a narrow column: its word, a violation in bold. */
function RuleState({ status }: { status: ComplianceStatus }) {
  const { t } = useTranslation('compliance');
  return (
    <Text span size="sm" fw={status === 'violated' ? 700 : undefined} data-compliance={status}>
      {t(`status.${status}`)}
    </Text>
  );
}

/** The page's totals: per rule, how many cases held, violated or are pending. */
function Totals({ totals }: { totals: Report['totals'] }) {
  const { t } = useTranslation('compliance');
  return (
    <Stack gap={4} component="section" aria-label={t('totals')}>
      <Title order={2} size="h4">
        {t('totals')}
      </Title>
      {complianceRules.map((rule) => {
        const { held = 0, violated = 0, pending = 0 } = totals[rule] ?? {};
        return (
          <Text key={rule} size="sm" data-total={rule}>
            {t(`rules.${rule}`)}: {t('status.held')} {held} · {t('status.violated')} {violated} ·{' '}
            {t('status.pending')} {pending}
          </Text>
        );
      })}
    </Stack>
  );
}

/** `/compliance` for staff: every accreditation and each timing rule's state, page by page. */
export function Component() {
  const { t } = useTranslation('compliance');
  usePageTitle(t('pageTitle'));
  const [params] = useSearchParams();
  const cursor = params.get('cursor');
  const columns = useColumns();
  const report = $api.useQuery('get', '/compliance', { params: { query: cursor ? { cursor } : {} } });
  const data = report.data;
  return (
    <Stack gap="lg">
      <Title order={1}>{t('pageTitle')}</Title>
      <Text size="sm">{t('pageIntro')}</Text>
      {report.isPending && <PageLoader />}
      {report.error && <ProblemAlert problem={asProblem(report.error)} />}
      {data && (
        <>
          <Text size="sm" c="dimmed">
            {t('asOf', { date: formatDateTime(data.asOf, currentLanguage()) })}
          </Text>
          <Totals totals={data.totals} />
          {data.items.length === 0 ? (
            <Text role="status">{t('noCases')}</Text>
          ) : (
            <ResponsiveTable
              caption={t('pageCaption')}
              columns={columns}
              rows={data.items}
              rowKey={(item) => item.accreditationId}
              fixed
            />
          )}
          <Group gap="md">
            {cursor && (
              <Button component={Link} to="/compliance" variant="default">
                {t('first')}
              </Button>
            )}
            {data.nextCursor && (
              <Button component={Link} to={`/compliance?cursor=${encodeURIComponent(data.nextCursor)}`}>
                {t('next')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
