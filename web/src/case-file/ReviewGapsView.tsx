import { Badge, Group, Paper, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCaseLookup } from './lookup';
import { useStamps } from './stamp';
import type { Procedure } from './types';

type ReviewGap = Procedure['reviewGaps'][number];

const statusColors = { open: 'orange', closed: 'green', finding: 'red' } as const;

function ReviewGapItem({ gap, order }: { gap: ReviewGap; order: TitleOrder }) {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  const { stamp } = useStamps();
  const requirement = lookup.requirement(gap.requirementId);
  const { verification } = gap;
  return (
    <Paper component="li" withBorder p="sm" style={{ listStyle: 'none' }} data-review-gap={gap.requirementId}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={order} size="h5" style={{ flex: '1 1 14rem', minWidth: 0 }}>
            {requirement.label} {requirement.text}
          </Title>
          <Badge color={statusColors[gap.status]} variant="dot" tt="none" miw="max-content">
            {t(`reviewGaps.status.${gap.status}`)}
          </Badge>
        </Group>
        <Text size="sm">{t('reviewGaps.reviewer', { comment: gap.comment })}</Text>
        {verification && (
          <Text size="sm">
            {t('reviewGaps.settled', {
              element: lookup.elementName(verification.element),
              stamp: stamp(verification.at, verification.auditorId),
            })}
            {verification.comment && ` ${t('reviewGaps.seen', { comment: verification.comment })}`}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The gaps of the Dokumentenprüfung referred to the audit, and how an audit element settled each. */
export function ReviewGapsView({ gaps, order }: { gaps: readonly ReviewGap[]; order: TitleOrder }) {
  const { t } = useTranslation('caseFile');
  if (gaps.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="review-gaps">
      <Title order={order}>{t('reviewGaps.title')}</Title>
      <Stack component="ul" gap="xs" p={0} m={0}>
        {gaps.map((gap) => (
          <ReviewGapItem key={gap.requirementId} gap={gap} order={(order + 1) as TitleOrder} />
        ))}
      </Stack>
    </Stack>
  );
}
