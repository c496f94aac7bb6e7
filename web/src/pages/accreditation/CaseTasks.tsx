import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../auth/contract';
import { useCaseLookup } from '../../case-file/lookup';
import type { Task } from '../tasks/labels';
import { TaskList } from '../tasks/TaskList';
import { roleLabel } from './labels';

/**
 * Whether the person may take the task: theirs (or their organisation's), or open to their role.
 * The API decides; this only spares buttons that would be refused.
 */
export function mayTake(task: Task, user: SessionUser): boolean {
  if (user.role === 'organisation') {
    return task.assigneeRole === 'organisation' && task.assigneeId === user.organisationId;
  }
  if (task.assigneeId === user.userId) return true;
  const staffLike = user.role === 'admin' || user.role === 'staff';
  if (task.assigneeRole === 'staff') return staffLike;
  return task.assigneeRole === user.role && task.assigneeId === null;
}

/** The case's open tasks, who holds each, and buttons for those the viewer may take. */
export function CaseTasks({
  tasks,
  user,
  pastView,
}: {
  tasks: readonly Task[];
  user: SessionUser;
  pastView: boolean;
}) {
  const { t } = useTranslation('accreditation');
  const lookup = useCaseLookup();
  const holder = (task: Task) =>
    task.assigneeId && task.assigneeRole !== 'organisation'
      ? lookup.person(task.assigneeId)
      : roleLabel(t, task.assigneeRole);
  const shown = tasks.map((task) => (pastView || !mayTake(task, user) ? { ...task, actions: [] } : task));
  return (
    <Stack gap="sm" component="section" aria-labelledby="open-tasks">
      <Title order={2} id="open-tasks">
        {t('sections.tasks')}
      </Title>
      {shown.length === 0 ? (
        <Text>{t('sections.noTasks')}</Text>
      ) : (
        <TaskList tasks={shown} headingOrder={3} label={t('sections.tasks')} holder={holder} />
      )}
    </Stack>
  );
}
