import { Anchor, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import { formatDate, formatMoment } from '../../app/format';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { type Column, ResponsiveTable } from '../../lists/ResponsiveTable';
import { mayActOnComplaints } from './access';
import {
  type ComplaintStatus,
  type ComplaintSummary,
  complaintStatuses,
  isComplaintStatus,
  usePeople,
} from './model';

function useColumns(): Column<ComplaintSummary>[] {
  const { t } = useTranslation('complaints');
  const language = currentLanguage();
  const people = usePeople();
  return [
    {
      label: t('list.columns.organisation'),
      cell: (complaint) => (
        <Anchor component={Link} to={`/complaints/${complaint.id}`} fw={600}>
          {complaint.organisationName ?? t('list.unknownOrganisation')}
        </Anchor>
      ),
    },
    { label: t('list.columns.status'), cell: (complaint) => t(`status.${complaint.status}`) },
    { label: t('list.columns.received'), cell: (complaint) => formatDate(complaint.receivedAt, language) },
    {
      label: t('list.columns.acknowledgeBy'),
      cell: (complaint) => {
        if (complaint.acknowledgedAt) {
          return t('list.acknowledged', { date: formatDate(complaint.acknowledgedAt, language) });
        }
        const due = formatMoment(complaint.acknowledgeBy, language);
        return complaint.acknowledgementMissed ? `${due} – ${t('list.missed')}` : due;
      },
    },
    {
      label: t('list.columns.investigator'),
      cell: (complaint) =>
        complaint.investigatorId
          ? (people.get(complaint.investigatorId) ?? complaint.investigatorId)
          : t('list.noInvestigator'),
    },
  ];
}

/** `/complaints[?status=…]` (admin, staff): every complaint, the newest first, each linking to its page. */
export function Component() {
  const { t } = useTranslation('complaints');
  usePageTitle(t('list.title'));
  const [params, setParams] = useSearchParams();
  const requested = params.get('status') ?? '';
  const status: ComplaintStatus | undefined = isComplaintStatus(requested) ? requested : undefined;
  const staff = mayActOnComplaints(useSession().data?.user);
  const list = $api.useQuery('get', '/complaints', { params: { query: { status, limit: 200 } } });
  const columns = useColumns();
  const items = list.data?.items ?? [];
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={1}>{t('list.title')}</Title>
        {staff && (
          <Button component={Link} to="/complaints/new">
            {t('list.record')}
          </Button>
        )}
      </Group>
      <Text maw="70ch">{t('list.intro')}</Text>
      <Select
        label={t('list.status')}
        maw="20rem"
        data={[
          { value: '', label: t('list.anyStatus') },
          ...complaintStatuses.map((value) => ({ value, label: t(`status.${value}`) })),
        ]}
        value={status ?? ''}
        allowDeselect={false}
        onChange={(value) => setParams(value ? { status: value } : {})}
      />
      {list.error && <ProblemAlert problem={asProblem(list.error)} />}
      {list.isPending && <PageLoader />}
      {list.data && (
        <Text role="status" fw={600}>
          {items.length === 0 ? t('list.none') : t('list.count', { count: items.length })}
        </Text>
      )}
      {items.length > 0 && (
        <ResponsiveTable
          caption={t('list.caption')}
          columns={columns}
          rows={items}
          rowKey={(complaint) => complaint.id}
        />
      )}
    </Stack>
  );
}
