import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Accreditation } from '../../case-file/types';
import { complaintFormPath } from '../../cases/complaint-form';
import { stepPagePath } from '../../steps/registry';
import { stepLabel } from '../tasks/labels';

const temporalUi = import.meta.env.VITE_TEMPORAL_UI_URL ?? 'http://127.0.0.1:8233';
const temporalNamespace = import.meta.env.VITE_TEMPORAL_NAMESPACE ?? 'default';

/** The Temporal UI's page of the case's workflow (the dev server's UI unless the build names another). */
export const temporalWorkflowUrl = (accreditationId: string) =>
  `${temporalUi}/namespaces/${encodeURIComponent(temporalNamespace)}/workflows/accreditation-${accreditationId}`;

type Case = Pick<Accreditation, 'id' | 'status' | 'certificate'>;

const ended = (status: string) => ['refused', 'withdrawn', 'expired'].includes(status);
const holdsCertificate = (c: Case) =>
  c.certificate !== null && c.status !== 'withdrawn' && c.status !== 'expired';

/**
 * The steps case managers take on a case outside any task, where the case's status allows them
 * (the API has the last word). Each opens its form on the step page.
 */
export function staffActionsFor(c: Case): string[] {
  const actions: [string, boolean][] = [
    ['AssignCaseManager', !ended(c.status)],
    ['AssignDocumentReviewer', c.status === 'document_review'],
    ['AssignLeadAuditor', c.status === 'audit_planning'],
    ['ExtendDeadline', !ended(c.status) && c.status !== 'opened' && c.status !== 'suspended'],
    ['Suspend', holdsCertificate(c) && c.status !== 'suspended'],
    ['Reinstate', c.status === 'suspended'],
    ['Withdraw', holdsCertificate(c)],
    ['ScheduleSpecialAudit', c.status === 'accredited' || c.status === 'suspended'],
    ['ReceiveComplaint', true],
  ];
  return actions.filter(([, possible]) => possible).map(([type]) => type);
}

export function StaffActions({
  accreditation,
  organisationName,
}: {
  accreditation: Case;
  organisationName: string;
}) {
  const { t } = useTranslation('accreditation');
  const { t: words } = useTranslation('cases');
  const workflowId = `accreditation-${accreditation.id}`;
  return (
    <Stack gap="sm" component="section" aria-labelledby="staff-actions">
      <Title order={2} id="staff-actions">
        {t('sections.staffActions')}
      </Title>
      <Group gap="xs">
        {staffActionsFor(accreditation).map((type) => (
          <Button
            key={type}
            component={Link}
            to={
              type === 'ReceiveComplaint'
                ? complaintFormPath(organisationName, accreditation.certificate?.number)
                : stepPagePath(accreditation.id, type, accreditation.id)
            }
            variant={type === 'Suspend' || type === 'Withdraw' ? 'outline' : 'default'}
            color={type === 'Suspend' || type === 'Withdraw' ? 'red' : undefined}
            size="sm"
          >
            {stepLabel(words, type)}
          </Button>
        ))}
      </Group>
      <Text size="sm">
        <Anchor href={temporalWorkflowUrl(accreditation.id)} target="_blank" rel="noreferrer">
          {t('temporal.link')}
        </Anchor>{' '}
        – {t('temporal.hint', { workflowId })}
      </Text>
    </Stack>
  );
}
