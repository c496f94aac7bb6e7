import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { TaskList } from './TaskList';

/**
 * `/tasks` (and `/` for auditors): the signed-in person's open tasks — theirs, their
 * organisation's, or any their role may take — earliest due first, each opening its step's form.
 */
export function Component() {
  const { t } = useTranslation('tasks');
  usePageTitle(t('title'));
  const inbox = $api.useQuery('get', '/tasks', { params: { query: {} } });
  const items = inbox.data?.items ?? [];
  const overdue = items.filter((task) => task.overdue).length;

  return (
    <Stack gap="lg">
      <Title order={1}>{t('title')}</Title>
      <Text maw="70ch">{t('intro')}</Text>
      {inbox.isPending && <PageLoader />}
      {inbox.error && <ProblemAlert problem={asProblem(inbox.error)} />}
      {inbox.data && items.length === 0 && <Text role="status">{t('none')}</Text>}
      {items.length > 0 && (
        <>
          <Text role="status" fw={600}>
            {t('count', { count: items.length })}
            {overdue > 0 && ` – ${t('overdueCount', { count: overdue })}`}
          </Text>
          <TaskList tasks={items} headingOrder={2} showCase label={t('listLabel')} />
        </>
      )}
    </Stack>
  );
}
