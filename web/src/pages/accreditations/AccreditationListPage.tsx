import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { paths } from '../../api/schema';
import { formatDate, formatDateTime } from '../../app/format';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../auth/session';
import { isCaseStatus } from '../../cases/status';
import { useWaitingText } from '../../cases/WaitingFor';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { type Column, ResponsiveTable } from '../../lists/ResponsiveTable';
import { type ListFilter, ListFilters } from './ListFilters';

type Query = NonNullable<paths['/accreditations']['get']['parameters']['query']>;
type Summary =
  paths['/accreditations']['get']['responses'][200]['content']['application/json']['items'][number];

/** Rows per page unless the address says `limit` (as the API's own parameter). */
const defaultPageSize = 25;

function readFilter(params: URLSearchParams): ListFilter {
  return {
    organisationName: (params.get('organisationName') ?? '').trim(),
    status: params.get('status') ?? '',
    overdue: params.get('overdue') === 'true',
    expiringWithinDays: params.get('expiringWithinDays') ?? '',
  };
}

function toQuery(filter: ListFilter, cursor: string | null, limit: number): Query {
  return {
    limit,
    ...(filter.organisationName ? { organisationName: filter.organisationName } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.overdue ? { overdue: 'true' as const } : {}),
    ...(filter.expiringWithinDays ? { expiringWithinDays: Number(filter.expiringWithinDays) } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

function useColumns(): Column<Summary>[] {
  const { t } = useTranslation('accreditations');
  const { t: words } = useTranslation('cases');
  const language = currentLanguage();
  const waitingText = useWaitingText();
  return [
    {
      label: t('list.columns.organisation'),
      cell: (row) => (
        <Anchor
          component={Link}
          to={`/accreditations/${row.id}`}
          fw={600}
          style={{ overflowWrap: 'anywhere' }}
        >
          {row.organisation.name}
        </Anchor>
      ),
    },
    {
      label: t('list.columns.status'),
      cell: (row) => (
        <Stack gap={2} align="flex-start">
          <Badge variant="light" style={{ textTransform: 'none' }}>
            {isCaseStatus(row.status) ? words(`status.${row.status}`) : row.status}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('list.cycle', { cycle: row.cycle })}
          </Text>
        </Stack>
      ),
    },
    {
      label: t('list.columns.certificate'),
      cell: (row) =>
        row.certificate ? (
          <>
            {row.certificate.number}
            {row.certificate.validUntil && (
              <Text size="xs" c="dimmed">
                {t('list.validUntil', { date: formatDate(row.certificate.validUntil, language) })}
              </Text>
            )}
          </>
        ) : (
          t('list.noCertificate')
        ),
    },
    {
      label: t('list.columns.nextDeadline'),
      cell: (row) =>
        row.nextDeadline ? (
          <>
            {formatDate(row.nextDeadline.at, language)}
            <Text size="xs" c="dimmed">
              {words(`deadline.${row.nextDeadline.kind}`, { defaultValue: row.nextDeadline.kind })}
            </Text>
          </>
        ) : (
          t('list.noDeadline')
        ),
    },
    {
      label: t('list.columns.waiting'),
      cell: (row) => <span data-waiting-for={row.waitingFor?.reason}>{waitingText(row.waitingFor)}</span>,
    },
    { label: t('list.columns.updated'), cell: (row) => formatDateTime(row.updatedAt, language) },
  ];
}

/**
 * `/accreditations`: every case staff may see, most recently changed first, filtered and paged as
 * the API pages (keyset: the next page starts after the last row shown, by its cursor).
 */
export function Component() {
  const { t } = useTranslation('accreditations');
  usePageTitle(t('list.title'));
  const [params] = useSearchParams();
  const filter = readFilter(params);
  const cursor = params.get('cursor');
  const limit = Math.min(200, Math.max(1, Number(params.get('limit')) || defaultPageSize));
  const role = useSession().data?.user.role;
  const columns = useColumns();
  const list = $api.useQuery('get', '/accreditations', { params: { query: toQuery(filter, cursor, limit) } });

  const nextPage = () => {
    const next = new URLSearchParams(params);
    next.set('cursor', list.data?.nextCursor ?? '');
    return `/accreditations?${next.toString()}`;
  };
  const firstPage = () => {
    const first = new URLSearchParams(params);
    first.delete('cursor');
    return `/accreditations?${first.toString()}`;
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1}>{t('list.title')}</Title>
        {(role === 'admin' || role === 'staff') && (
          <Button component={Link} to="/accreditations/new">
            {t('list.open')}
          </Button>
        )}
      </Group>
      <ListFilters filter={filter} limit={params.has('limit') ? limit : undefined} />
      <div aria-live="polite" aria-busy={list.isFetching}>
        {list.isPending && <PageLoader />}
        {list.error && <ProblemAlert problem={asProblem(list.error)} />}
        {list.data && (
          <Stack gap="sm">
            <Text role="status" size="sm">
              {list.data.items.length === 0
                ? t('list.none')
                : t('list.shown', { count: list.data.items.length })}
            </Text>
            {list.data.items.length > 0 && (
              <ResponsiveTable
                caption={t('list.caption')}
                columns={columns}
                rows={list.data.items}
                rowKey={(row) => row.id}
              />
            )}
          </Stack>
        )}
      </div>
      <Group gap="md">
        {cursor && (
          <Button component={Link} to={firstPage()} variant="default">
            {t('list.first')}
          </Button>
        )}
        {list.data?.nextCursor && (
          <Button component={Link} to={nextPage()} variant="light">
            {t('list.next')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
