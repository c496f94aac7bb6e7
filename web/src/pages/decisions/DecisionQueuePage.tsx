import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api, api } from '../../api/client';
import { asProblem, type ProblemError } from '../../api/problem';
import type { paths } from '../../api/schema';
import { formatMoment } from '../../app/format';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import type { SessionUser } from '../../auth/contract';
import { useSession } from '../../auth/session';
import { rejectionMessages } from '../../cases/status';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { stepPagePath } from '../../steps/registry';
import { taskLabel } from '../tasks/labels';
import { StepButtons } from '../tasks/TaskList';

type Queued =
  paths['/decision-queue']['get']['responses'][200]['content']['application/json']['items'][number];

/** Takes a case's pending decision (TakeDecision) or an appeal (TakeAppeal); it then shows under "mine". */
function useTake() {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const take = useMutation({
    mutationFn: (decision: Queued) => {
      const params = {
        path: { id: decision.accreditationId },
        header: { 'idempotency-key': crypto.randomUUID() },
      };
      return decision.kind === 'decide_appeal'
        ? api.POST('/accreditations/{id}/appeals/take', { params, body: { appealId: decision.subjectId } })
        : api.POST('/accreditations/{id}/decision-maker/take', { params, body: {} });
    },
    onMutate: () => setProblem(null),
    onError: (error) => setProblem(asProblem(error)),
    onSettled: () => queryClient.invalidateQueries(),
  });
  return { take, problem };
}

function DecisionItem({
  decision,
  user,
  onTake,
  taking,
}: {
  decision: Queued;
  user: SessionUser;
  onTake: (decision: Queued) => void;
  taking: boolean;
}) {
  const { t } = useTranslation('decisions');
  const language = currentLanguage();
  const title = taskLabel(decision.kind, language);
  const mine = decision.assigneeId === user.userId;
  const isStaff = user.role === 'admin' || user.role === 'staff';
  const appeal = decision.kind === 'decide_appeal';
  const steps = decision.actions.filter(
    (action) => action.command !== 'TakeDecision' && action.command !== 'TakeAppeal',
  );
  return (
    <Paper component="li" withBorder p="md" style={{ listStyle: 'none' }} data-decision={decision.kind}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Anchor component={Link} to={`/accreditations/${decision.accreditationId}`}>
          {t('forCase', { organisation: decision.organisationName })}
        </Anchor>
        {decision.waitingSince && (
          <Text size="sm">{t('since', { date: formatMoment(decision.waitingSince, language) })}</Text>
        )}
        {decision.dueAt && (
          <Text size="sm">{t('due', { date: formatMoment(decision.dueAt, language) })}</Text>
        )}
        {decision.assigneeId && !mine && (
          <Text size="sm">{t('holder', { name: decision.holderName ?? decision.assigneeId })}</Text>
        )}
        {user.role === 'decision_maker' && !decision.assigneeId && !decision.mayTake && (
          <Text size="sm" data-four-eyes>
            {t('excluded')}
          </Text>
        )}
        <Group gap="xs" role="group" aria-label={t('actions', { task: title })}>
          {decision.mayTake && !mine && (
            <Button
              size="sm"
              loading={taking}
              onClick={() => onTake(decision)}
              aria-label={t('takeLabel', { task: title, organisation: decision.organisationName })}
            >
              {t('take')}
            </Button>
          )}
          {mine && <StepButtons task={{ ...decision, actions: steps }} />}
          {isStaff && (
            <Button
              component={Link}
              to={stepPagePath(
                decision.accreditationId,
                appeal ? 'AssignAppealHandler' : 'AssignDecisionMaker',
                decision.subjectId,
              )}
              variant="default"
              size="sm"
            >
              {t('assign')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function Section({
  id,
  title,
  empty,
  items,
  ...item
}: {
  id: string;
  title: string;
  empty: string;
  items: Queued[];
  user: SessionUser;
  onTake: (decision: Queued) => void;
  taking: boolean;
}) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={id} data-section={id}>
      <Title order={2} id={id}>
        {title}
      </Title>
      {items.length === 0 ? (
        <Text>{empty}</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} aria-labelledby={id}>
          {items.map((decision) => (
            <DecisionItem key={`${decision.accreditationId}:${decision.id}`} decision={decision} {...item} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/**
 * `/decisions`: the decision queue (rule set 3) — what waits for a decision maker and since when;
 * decision makers take a decision ("Übernehmen"), which then stands under their own; staff give
 * one to a decision maker.
 */
export function Component() {
  const { t } = useTranslation('decisions');
  usePageTitle(t('title'));
  const user = useSession().data?.user;
  const queue = $api.useQuery('get', '/decision-queue', { params: { query: {} } });
  const { take, problem } = useTake();
  if (!user) return <PageLoader />;
  const items = queue.data?.items ?? [];
  const common = { user, onTake: (decision: Queued) => take.mutate(decision), taking: take.isPending };
  const open = items.filter((decision) => decision.assigneeId === null);
  const mine = items.filter((decision) => decision.assigneeId === user.userId);
  const others = items.filter(
    (decision) => decision.assigneeId !== null && decision.assigneeId !== user.userId,
  );
  return (
    <Stack gap="lg">
      <Title order={1}>{t('title')}</Title>
      <Text maw="70ch">{t('intro')}</Text>
      {problem && <ProblemAlert problem={problem} messages={rejectionMessages(currentLanguage())} />}
      {queue.error && <ProblemAlert problem={asProblem(queue.error)} />}
      {queue.isPending && <PageLoader />}
      {queue.data && (
        <Text role="status" fw={600}>
          {items.length === 0 ? t('none') : t('count', { count: items.length })}
        </Text>
      )}
      {queue.data && (
        <>
          {user.role === 'decision_maker' && (
            <Section id="mine" title={t('mine')} empty={t('mineEmpty')} items={mine} {...common} />
          )}
          <Section id="queue" title={t('queue')} empty={t('queueEmpty')} items={open} {...common} />
          <Section
            id="taken"
            title={t('taken')}
            empty={t('takenEmpty')}
            items={user.role === 'decision_maker' ? others : [...mine, ...others]}
            {...common}
          />
        </>
      )}
    </Stack>
  );
}
