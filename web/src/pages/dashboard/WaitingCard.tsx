import { Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { paths } from '../../api/schema';
import { formatDate } from '../../app/format';
import { isTaskKind } from '../../cases/status';
import { useWaitingText } from '../../cases/WaitingFor';
import { currentLanguage } from '../../i18n';
import { stepPagePath } from '../../steps/registry';
import { stepLabel } from '../tasks/labels';

type Dashboard = paths['/dashboard']['get']['responses'][200]['content']['application/json'];
export type Wait = Dashboard['waitsEndingNext'][number];

export type Task =
  paths['/dashboard']['get']['responses'][200]['content']['application/json']['overdueTasks']['first'][number];

interface WaitingCardProps {
  title: string;
  count: number;
  hint?: string;
  /** Where the whole list is (the case list filtered), if it has a page. */
  link?: { to: string; label: string };
  children?: ReactNode;
}

/** One kind of waiting work: how much, what it means, and the first of it. */
export function WaitingCard({ title, count, hint, link, children }: WaitingCardProps) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between" align="baseline" wrap="nowrap">
          <Title order={3} size="h5">
            {title}
          </Title>
          <Text fz={24} fw={700}>
            {count}
          </Text>
        </Group>
        {hint && (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        )}
        {children}
        {link && count > 0 && (
          <Anchor component={Link} to={link.to} size="sm">
            {link.label}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}

/** The first tasks of a list: the case, what is to be done, since when, and the step forms. */
export function TaskList({ tasks, total }: { tasks: readonly Task[]; total: number }) {
  const { t } = useTranslation('dashboard');
  const { t: words } = useTranslation('cases');
  const language = currentLanguage();
  if (tasks.length === 0) return <Text size="sm">{t('waiting.none')}</Text>;
  return (
    <Stack gap={4}>
      <List spacing="xs" size="sm" listStyleType="none" p={0}>
        {tasks.map((task) => (
          <List.Item key={`${task.accreditationId}:${task.id}`}>
            <Anchor component={Link} to={`/accreditations/${task.accreditationId}`} fw={600}>
              {task.organisationName}
            </Anchor>
            <Text size="sm">
              {isTaskKind(task.kind) ? words(`task.${task.kind}`) : task.kind}
              {task.dueAt &&
                ` · ${words(task.overdue ? 'overdue' : 'due', { date: formatDate(task.dueAt, language) })}`}
            </Text>
            {task.actions.length > 0 && (
              <Group gap="xs" mt={4}>
                {task.actions.map((action) => (
                  <Button
                    key={action.command}
                    component={Link}
                    to={stepPagePath(task.accreditationId, action.command, task.subjectId)}
                    size="compact-xs"
                    variant="light"
                  >
                    {stepLabel(words, action.command)}
                  </Button>
                ))}
              </Group>
            )}
          </List.Item>
        ))}
      </List>
      {total > tasks.length && (
        <Text size="sm" c="dimmed">
          {t('waiting.more', { count: total - tasks.length })}
        </Text>
      )}
    </Stack>
  );
}

/** Cases waiting for time, the wait ending soonest first: the case and what it waits for until when. */
export function WaitsList({ waits }: { waits: readonly Wait[] }) {
  const { t } = useTranslation('dashboard');
  const waitingText = useWaitingText();
  if (waits.length === 0) return <Text size="sm">{t('waiting.none')}</Text>;
  return (
    <List spacing="xs" size="sm" listStyleType="none" p={0} data-waits>
      {waits.map((wait) => (
        <List.Item key={wait.accreditationId}>
          <Anchor component={Link} to={`/accreditations/${wait.accreditationId}`} fw={600}>
            {wait.organisationName}
          </Anchor>
          <Text size="sm">{waitingText(wait)}</Text>
        </List.Item>
      ))}
    </List>
  );
}
