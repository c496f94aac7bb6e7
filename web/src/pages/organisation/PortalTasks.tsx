import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoment } from '../../app/format';
import { currentLanguage } from '../../i18n';
import { type PortalCase, type PortalTask, sortTasks, taskKind, taskPath } from './portal-model';

/** The organisation's open tasks, earliest due first, overdue ones marked; each opens its form. */
export function PortalTasks({ tasks, cases }: { tasks: PortalTask[]; cases: PortalCase[] }) {
  const { t } = useTranslation('portal');
  const language = currentLanguage();
  const statusOf = (id: string) => cases.find((accreditation) => accreditation.id === id)?.status;
  return (
    <Stack gap="sm" component="section" aria-labelledby="portal-tasks">
      <Title order={2} id="portal-tasks">
        {t('tasks.title')}
      </Title>
      {tasks.length === 0 && <Text>{t('tasks.none')}</Text>}
      {tasks.length > 0 && (
        <Stack component="ul" gap="sm" p={0} m={0}>
          {sortTasks(tasks).map((task) => {
            const status = statusOf(task.accreditationId);
            return (
              <Paper
                component="li"
                key={`${task.accreditationId}:${task.id}`}
                withBorder
                p="md"
                style={{ listStyle: 'none' }}
                data-overdue={task.overdue || undefined}
              >
                <Group justify="space-between" align="flex-start" gap="xs">
                  <Stack gap={2} style={{ flex: '1 1 16rem', minWidth: 0 }}>
                    <Anchor component={Link} to={taskPath(task)} fw={600}>
                      {t(`taskKinds.${taskKind(task.kind)}`)}
                    </Anchor>
                    {status && (
                      <Text size="sm" c="dimmed">
                        {t('tasks.case', { status: t(`status.${status}` as 'status.opened') })}
                      </Text>
                    )}
                  </Stack>
                  <Stack gap={4} align="flex-end">
                    <Text size="sm">
                      {task.dueAt
                        ? t('tasks.due', { date: formatMoment(task.dueAt, language) })
                        : t('tasks.noDue')}
                    </Text>
                    {task.overdue && (
                      <Badge color="red" variant="filled" tt="none">
                        {t('tasks.overdue')}
                      </Badge>
                    )}
                  </Stack>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
