import { List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import { formatDateTime } from '../../app/format';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { PipelineGrid } from './PipelineGrid';
import { StageChart } from './StageChart';
import { TaskList, WaitingCard, WaitsList } from './WaitingCard';

/** Undeliverable e-mails (the outbox's health), for those who may read it: admin and staff. */
function FailedNotifications() {
  const { t } = useTranslation('dashboard');
  const language = currentLanguage();
  const health = $api.useQuery('get', '/notifications/health', { params: { query: { limit: 5 } } });
  if (health.error) return <ProblemAlert problem={asProblem(health.error)} />;
  const failed = health.data?.failed ?? [];
  return (
    <WaitingCard
      title={t('waiting.failed')}
      count={health.data?.counts.failed ?? 0}
      hint={t('waiting.failedHint')}
    >
      {health.data && failed.length === 0 && <Text size="sm">{t('waiting.none')}</Text>}
      {failed.length > 0 && (
        <List size="sm" spacing={4}>
          {failed.map((notification) => (
            <List.Item key={notification.notificationId}>
              {notification.organisationName ?? notification.recipientRole} · {notification.kind} ·{' '}
              {formatDateTime(notification.createdAt, language)} ·{' '}
              {t('waiting.attempts', { count: notification.attempts })}
              {notification.error && (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {notification.error}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </WaitingCard>
  );
}

/**
 * `/` for DIM staff, administrators and decision makers: the pipeline (each stage a link to the
 * case list), what is waiting, and the last twelve months.
 */
export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  usePageTitle(t('title'));
  const role = useSession().data?.user.role;
  const summary = $api.useQuery('get', '/dashboard');
  const data = summary.data;

  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={1}>{t('title')}</Title>
        {data && (
          <Text size="sm" c="dimmed">
            {t('asOf', { date: formatDateTime(data.asOf, currentLanguage()) })}
          </Text>
        )}
      </Stack>
      {summary.isPending && <PageLoader />}
      {summary.error && <ProblemAlert problem={asProblem(summary.error)} />}
      {data && (
        <>
          <Stack gap="sm" component="section" aria-labelledby="pipeline-title">
            <Title order={2} size="h3" id="pipeline-title">
              {t('pipeline.title')}
            </Title>
            <Text size="sm">{t('pipeline.intro')}</Text>
            <PipelineGrid pipeline={data.pipeline} />
          </Stack>
          <Stack gap="sm" component="section" aria-labelledby="waiting-title">
            <Title order={2} size="h3" id="waiting-title">
              {t('waiting.title')}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <WaitingCard
                title={t('waiting.overdue')}
                count={data.overdueTasks.count}
                link={{ to: '/accreditations?overdue=true', label: t('waiting.overdueLink') }}
              >
                <TaskList tasks={data.overdueTasks.first} total={data.overdueTasks.count} />
              </WaitingCard>
              <WaitingCard
                title={t('waiting.suspensionProposals')}
                count={data.suspensionProposals.count}
                hint={t('waiting.suspensionProposalsHint')}
              >
                <TaskList tasks={data.suspensionProposals.first} total={data.suspensionProposals.count} />
              </WaitingCard>
              <WaitingCard
                title={t('waiting.escalations')}
                count={data.escalations.count}
                hint={t('waiting.escalationsHint')}
              >
                <TaskList tasks={data.escalations.first} total={data.escalations.count} />
              </WaitingCard>
              <WaitingCard
                title={t('waiting.expiring', { days: data.expiringCertificates.withinDays })}
                count={data.expiringCertificates.count}
                link={{
                  to: `/accreditations?expiringWithinDays=${data.expiringCertificates.withinDays}`,
                  label: t('waiting.expiringLink'),
                }}
              />
              <WaitingCard
                title={t('waiting.waits')}
                count={data.waitsEndingNext.length}
                hint={t('waiting.waitsHint')}
              >
                <WaitsList waits={data.waitsEndingNext} />
              </WaitingCard>
              {(role === 'admin' || role === 'staff') && <FailedNotifications />}
            </SimpleGrid>
          </Stack>
          <StageChart months={data.months} />
        </>
      )}
    </Stack>
  );
}
