import { Anchor, Button, Checkbox, Group, Paper, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Form, Link } from 'react-router';
import { caseStatuses } from '../../cases/status';

export interface ListFilter {
  organisationName: string;
  status: string;
  overdue: boolean;
  expiringWithinDays: string;
}

export const expiryChoices = ['30', '90', '180', '365'] as const;

/**
 * The filters as a plain GET form: each search is an address (the dashboard links to them), and
 * the browser's back button goes to the previous one. A new search starts at the first page.
 */
export function ListFilters({ filter, limit }: { filter: ListFilter; limit?: number }) {
  const { t } = useTranslation('accreditations');
  const { t: words } = useTranslation('cases');
  // Remounted per search, so the inputs show the address's values after back and forward.
  const key = JSON.stringify(filter);
  return (
    <Paper withBorder p="md" component="section" aria-label={t('list.filters')}>
      <Form method="get" action="/accreditations" role="search" key={key}>
        {limit && <input type="hidden" name="limit" value={limit} />}
        <Group align="flex-end" gap="sm">
          <TextInput
            name="organisationName"
            defaultValue={filter.organisationName}
            label={t('list.search')}
            description={t('list.searchHint')}
            maxLength={200}
            style={{ flex: '2 1 14rem' }}
          />
          <Select
            name="status"
            label={t('list.status')}
            defaultValue={filter.status || null}
            placeholder={t('list.anyStatus')}
            data={caseStatuses.map((status) => ({ value: status, label: words(`status.${status}`) }))}
            clearable
            allowDeselect
            style={{ flex: '1 1 12rem' }}
          />
          <Select
            name="expiringWithinDays"
            label={t('list.expiring')}
            defaultValue={filter.expiringWithinDays || null}
            placeholder={t('list.anyExpiry')}
            data={expiryChoices.map((days) => ({
              value: days,
              label: t('list.withinDays', { count: Number(days) }),
            }))}
            clearable
            style={{ flex: '1 1 12rem' }}
          />
        </Group>
        <Group mt="sm" gap="md" align="center">
          <Checkbox name="overdue" value="true" defaultChecked={filter.overdue} label={t('list.overdue')} />
          <Button type="submit">{t('list.apply')}</Button>
          <Anchor component={Link} to="/accreditations" size="sm">
            {t('list.reset')}
          </Anchor>
        </Group>
      </Form>
    </Paper>
  );
}
