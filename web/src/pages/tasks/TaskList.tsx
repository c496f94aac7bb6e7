import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoment } from '../../app/format';
import { currentLanguage } from '../../i18n';
import { stepPagePath } from '../../steps/registry';
import { byDueDate, stepLabel, type Task, taskLabel } from './labels';

interface TaskListProps {
  tasks: readonly Task[];
  /** The level of each task's heading (under the page's or a section's heading). */
  headingOrder: TitleOrder;
  /** Name the organisation and link its accreditation (the inbox; not on the case's own page). */
  showCase?: boolean;
  /** Who holds the task, in words (on the case's page, where tasks of others are listed too). */
  holder?: (task: Task) => string;
  label: string;
}

function TaskItem({
  task,
  headingOrder,
  showCase,
  holder,
}: { task: Task } & Omit<TaskListProps, 'tasks' | 'label'>) {
  const { t } = useTranslation('tasks');
  const language = currentLanguage();
  const title = taskLabel(task.kind, language);
  return (
    <Paper
      component="li"
      withBorder
      p="md"
      style={{
        listStyle: 'none',
        borderLeft: task.overdue ? '4px solid var(--mantine-color-red-8)' : undefined,
      }}
      data-task-kind={task.kind}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={headingOrder} size="h4" style={{ flex: '1 1 14rem', minWidth: 0 }}>
            {title}
          </Title>
          {task.overdue && (
            <Badge color="red" variant="filled" tt="none" miw="max-content">
              {t('overdue')}
            </Badge>
          )}
        </Group>
        {showCase && (
          <Text>
            <Anchor component={Link} to={`/accreditations/${task.accreditationId}`}>
              {t('forCase', { organisation: task.organisationName })}
            </Anchor>
          </Text>
        )}
        {holder && <Text size="sm">{t('holder', { holder: holder(task) })}</Text>}
        <Text size="sm" c={task.overdue ? 'red.9' : undefined} fw={task.overdue ? 600 : undefined}>
          {task.dueAt ? t('due', { date: formatMoment(task.dueAt, language) }) : t('noDue')}
        </Text>
        {task.actions.length > 0 && (
          <Group gap="xs" role="group" aria-label={t('actions', { task: title })}>
            <StepButtons task={task} />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** A task's steps, each a button opening its form; the first (the usual one) filled. */
export function StepButtons({
  task,
}: {
  task: Pick<Task, 'accreditationId' | 'subjectId'> & { actions: readonly { command: string }[] };
}) {
  const { t: words } = useTranslation('cases');
  return task.actions.map((action, index) => (
    <Button
      key={action.command}
      component={Link}
      to={stepPagePath(task.accreditationId, action.command, task.subjectId)}
      variant={index === 0 ? 'filled' : 'default'}
      size="sm"
    >
      {stepLabel(words, action.command)}
    </Button>
  ));
}

/** Open tasks, earliest due first, each with buttons that open the form of a step completing it. */
export function TaskList({ tasks, label, ...options }: TaskListProps) {
  return (
    <Stack component="ul" gap="sm" p={0} m={0} aria-label={label}>
      {[...tasks].sort(byDueDate).map((task) => (
        <TaskItem key={`${task.accreditationId}:${task.id}`} task={task} {...options} />
      ))}
    </Stack>
  );
}
