import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoment } from '../../app/format';
import { currentLanguage } from '../../i18n';
import { type Catalogue, catalogueText, type Finding } from './case-file';

/** What a finding says: requirement (with its text), audit element, kind, the finding, its deadline. */
export function FindingContext({ finding, catalogue }: { finding: Finding; catalogue: Catalogue }) {
  const { t } = useTranslation('organisationSteps');
  const language = currentLanguage();
  const severity = finding.severity === 'major' ? t('finding.major') : t('finding.minor');
  const rows: [string, string][] = [
    [
      t('finding.requirement'),
      `${finding.requirementId}: ${catalogueText(catalogue.requirements, finding.requirementId, language)}`,
    ],
    [t('finding.element'), catalogueText(catalogue.auditElements, finding.element, language)],
    [t('finding.severity'), severity],
    [t('finding.text'), finding.text],
    ...(finding.correctiveActionDueBy
      ? ([[t('finding.dueBy'), formatMoment(finding.correctiveActionDueBy, language)]] as [string, string][])
      : []),
  ];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="finding-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="finding-title">
          {t('finding.title')}
        </Title>
        <Stack component="dl" gap={6} m={0}>
          {rows.map(([term, value]) => (
            <Group key={term} component="div" gap="xs" wrap="wrap" align="flex-start">
              <Text component="dt" fw={600} w="11rem">
                {term}
              </Text>
              <Text component="dd" m={0} style={{ flex: '1 1 16rem', minWidth: 0 }}>
                {value}
              </Text>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
