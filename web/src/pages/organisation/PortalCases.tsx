import { stepPagePath } from '@domain/step-pages';
import { Anchor, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatMoment } from '../../app/format';
import { currentLanguage } from '../../i18n';
import {
  appealWindowEnd,
  caseDeadline,
  objectionWindowEnd,
  type PortalCase,
  type PortalTask,
  taskKind,
  taskPath,
} from './portal-model';

function CaseCard({ accreditation, tasks }: { accreditation: PortalCase; tasks: PortalTask[] }) {
  const { t } = useTranslation('portal');
  const language = currentLanguage();
  const own = tasks.filter((task) => task.accreditationId === accreditation.id);
  const deadline = caseDeadline(accreditation, tasks);
  const objectionUntil = objectionWindowEnd(accreditation);
  const appealUntil = appealWindowEnd(accreditation);
  const headingId = `case-${accreditation.id}`;
  const what = deadline
    ? deadline.source === 'task'
      ? t(`taskKinds.${deadline.kind}`)
      : t(`deadlineKinds.${deadline.kind}`)
    : '';
  const rows: [string, React.ReactNode][] = [
    [t('cases.status'), t(`status.${accreditation.status}` as 'status.opened')],
    [
      t('cases.nextDeadline'),
      deadline
        ? t('cases.deadline', { what, date: formatMoment(deadline.at, language) })
        : t('cases.noDeadline'),
    ],
  ];
  return (
    <Paper component="li" withBorder p="md" style={{ listStyle: 'none' }} aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={3} id={headingId} size="h4">
          {t('cases.heading', { date: formatDate(accreditation.openedAt, language) })}
        </Title>
        <Stack component="dl" gap={4} m={0}>
          {rows.map(([term, value]) => (
            <Group key={term} component="div" gap="xs" wrap="wrap">
              <Text component="dt" fw={600} w="10rem">
                {term}
              </Text>
              <Text component="dd" m={0}>
                {value}
              </Text>
            </Group>
          ))}
        </Stack>
        <Stack gap={4}>
          <Text fw={600}>{t('cases.waitingFor')}</Text>
          {own.length === 0 && !objectionUntil && !appealUntil ? (
            <Text>{t('cases.nothing')}</Text>
          ) : (
            <List spacing={2}>
              {own.map((task) => (
                <List.Item key={task.id}>
                  <Anchor component={Link} to={taskPath(task)}>
                    {t(`taskKinds.${taskKind(task.kind)}`)}
                  </Anchor>
                </List.Item>
              ))}
              {objectionUntil && (
                <List.Item>
                  <Anchor component={Link} to={stepPagePath(accreditation.id, 'ObjectToAuditor')}>
                    {t('cases.objection', { date: formatMoment(objectionUntil, language) })}
                  </Anchor>
                </List.Item>
              )}
              {appealUntil && (
                <List.Item>
                  <Anchor component={Link} to={stepPagePath(accreditation.id, 'LodgeAppeal')}>
                    {t('cases.appeal', { date: formatMoment(appealUntil, language) })}
                  </Anchor>
                </List.Item>
              )}
            </List>
          )}
        </Stack>
        <Anchor component={Link} to={`/accreditations/${accreditation.id}`} size="sm">
          {t('cases.open')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

/** Each case of the organisation: where it stands, its next deadline, what DIM waits for. */
export function PortalCases({ cases, tasks }: { cases: PortalCase[]; tasks: PortalTask[] }) {
  const { t } = useTranslation('portal');
  return (
    <Stack gap="sm" component="section" aria-labelledby="portal-cases">
      <Title order={2} id="portal-cases">
        {t('cases.title')}
      </Title>
      {cases.length === 0 && <Text>{t('cases.none')}</Text>}
      {cases.length > 0 && (
        <Stack component="ul" gap="sm" p={0} m={0}>
          {cases.map((accreditation) => (
            <CaseCard key={accreditation.id} accreditation={accreditation} tasks={tasks} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
