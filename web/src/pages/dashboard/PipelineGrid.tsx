import { Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CaseStatus, caseStatuses, pipelineStatuses } from '../../cases/status';

function StageLink({ status, count }: { status: CaseStatus; count: number }) {
  const { t } = useTranslation('cases');
  return (
    <UnstyledButton component={Link} to={`/accreditations?status=${status}`}>
      <Paper withBorder p="sm" h="100%">
        <Text fz={28} fw={700} lh={1.1}>
          {count}
        </Text>
        <Text size="sm">{t(`status.${status}`)}</Text>
      </Paper>
    </UnstyledButton>
  );
}

/** The cases per status, each a link to the case list filtered by it. */
export function PipelineGrid({ pipeline }: { pipeline: Readonly<Record<string, number>> }) {
  const { t } = useTranslation('dashboard');
  const standing = caseStatuses.filter((status) => !pipelineStatuses.includes(status));
  const group = (title: string, statuses: readonly CaseStatus[]) => (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 2, xs: 3, md: 4 }} spacing="sm">
        {statuses.map((status) => (
          <StageLink key={status} status={status} count={pipeline[status] ?? 0} />
        ))}
      </SimpleGrid>
    </Stack>
  );
  return (
    <Stack gap="md">
      {group(t('pipeline.inProcedure'), pipelineStatuses)}
      {group(t('pipeline.standing'), standing)}
    </Stack>
  );
}
