import { Anchor, Badge, Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Facts } from '../../case-file/Facts';
import { useCaseLookup } from '../../case-file/lookup';
import { useStamps } from '../../case-file/stamp';
import type { Accreditation, CaseFileView } from '../../case-file/types';
import { useWaitingText } from '../../cases/WaitingFor';
import { statusLabel } from './labels';

const statusColors: Record<string, string> = {
  accredited: 'green',
  suspended: 'orange',
  refused: 'red',
  withdrawn: 'red',
  expired: 'gray',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('accreditation');
  return (
    <Badge variant="dot" color={statusColors[status] ?? 'blue'} size="lg" tt="none" miw="max-content">
      {statusLabel(t, status)}
    </Badge>
  );
}

/** Who and what the case is about, where it stands, and its certificate. */
export function CaseHeader({ accreditation, view }: { accreditation: Accreditation; view: CaseFileView }) {
  const { t } = useTranslation('accreditation');
  const lookup = useCaseLookup();
  const { stamp, moment } = useStamps();
  const waitingText = useWaitingText();
  const { certificate } = accreditation;
  const { file } = view;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={1} style={{ flex: '1 1 20rem', minWidth: 0 }}>
          {t('title', { organisation: file.organisationName })}
        </Title>
        <StatusBadge status={accreditation.status} />
      </Group>
      <Facts
        rows={[
          [t('facts.status'), statusLabel(t, accreditation.status)],
          accreditation.waitingFor && [
            t('facts.waiting'),
            <span key="waiting" data-waiting-for={accreditation.waitingFor.reason}>
              {waitingText(accreditation.waitingFor)}
            </span>,
          ],
          [t('facts.scope'), file.scope],
          [
            t('facts.certificate'),
            certificate ? (
              <Anchor
                key="certificate"
                component={Link}
                to={`/register/${encodeURIComponent(certificate.number)}`}
              >
                {certificate.number}
              </Anchor>
            ) : (
              t('facts.noCertificate')
            ),
          ],
          certificate?.validFrom &&
            certificate.validUntil && [
              t('facts.validity'),
              t('facts.range', {
                from: moment(certificate.validFrom),
                until: moment(certificate.validUntil),
              }),
            ],
          [t('facts.caseManager'), lookup.person(accreditation.caseManagerId)],
          [t('facts.cycle'), String(view.cycle)],
          [t('facts.edition'), file.edition],
          [t('facts.opened'), stamp(file.opened.at, file.opened.by)],
        ]}
      />
    </Stack>
  );
}
