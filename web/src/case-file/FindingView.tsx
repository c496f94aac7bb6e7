import { Badge, Group, Paper, Stack, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DocumentLinks } from './DocumentLinks';
import { Facts } from './Facts';
import { useCaseLookup } from './lookup';
import { useStamps } from './stamp';
import type { Finding } from './types';

const statusColors: Record<Finding['status'], string> = {
  open: 'orange',
  awaiting_verification: 'blue',
  resolved: 'green',
};

/** One finding with its closure: action plans, corrective-action evidence, verifications. */
export function FindingView({ finding, order }: { finding: Finding; order: TitleOrder }) {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  const { stamp, moment } = useStamps();
  const requirement = lookup.requirement(finding.requirementId);
  return (
    <Paper component="li" withBorder p="sm" style={{ listStyle: 'none' }} data-finding={finding.findingId}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={order} size="h5" style={{ flex: '1 1 14rem', minWidth: 0 }}>
            {t('findings.heading', {
              severity: t(`findings.severity.${finding.severity}`),
              requirement: requirement.label,
            })}
          </Title>
          <Badge color={statusColors[finding.status]} variant="dot" tt="none" miw="max-content">
            {t(`findings.status.${finding.status}`)}
          </Badge>
        </Group>
        <Facts
          rows={[
            [t('findings.severityLabel'), t(`findings.severity.${finding.severity}`)],
            [requirement.label, requirement.text],
            [t('findings.element'), lookup.elementName(finding.element)],
            [t('findings.recorded'), stamp(finding.at, finding.by)],
            [t('findings.text'), finding.text],
            finding.correctiveActionDueBy && [
              t('findings.correctiveDueBy'),
              moment(finding.correctiveActionDueBy),
            ],
            ...finding.actionPlans.flatMap((plan) => [
              [t('findings.actionPlan'), `${plan.plan} (${stamp(plan.at, plan.by)})`] as const,
            ]),
            finding.actionPlanAcceptance && [
              t('findings.actionPlanAccepted'),
              stamp(finding.actionPlanAcceptance.at, finding.actionPlanAcceptance.by),
            ],
            ...finding.evidence.map(
              (evidence) =>
                [
                  t('findings.evidence'),
                  <Stack key={evidence.at} gap={2}>
                    <span>
                      {evidence.description} ({stamp(evidence.at, evidence.by)})
                    </span>
                    <DocumentLinks ids={evidence.documentIds} />
                  </Stack>,
                ] as const,
            ),
            ...finding.verifications.map(
              (verification) =>
                [
                  t('findings.verification'),
                  `${verification.effective ? t('findings.effective') : t('findings.notEffective')}: ${
                    verification.comment
                  } (${stamp(verification.at, verification.by)})`,
                ] as const,
            ),
          ]}
        />
      </Stack>
    </Paper>
  );
}

export function FindingsList({ findings, order }: { findings: readonly Finding[]; order: TitleOrder }) {
  const { t } = useTranslation('caseFile');
  if (findings.length === 0) return null;
  return (
    <Stack component="ul" gap="xs" p={0} m={0} aria-label={t('findings.title')}>
      {findings.map((finding) => (
        <FindingView key={finding.findingId} finding={finding} order={order} />
      ))}
    </Stack>
  );
}
