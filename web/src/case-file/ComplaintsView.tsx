import { Paper, Stack, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Facts } from './Facts';
import { useCaseLookup } from './lookup';
import { useStamps } from './stamp';
import type { CaseFile } from './types';

export type Complaint = NonNullable<CaseFile['complaints']>[number];

/** One complaint from receipt to closure. */
export function ComplaintView({ complaint, order }: { complaint: Complaint; order: TitleOrder }) {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  const { stamp, moment } = useStamps();
  const { decision, investigation } = complaint;
  return (
    <Paper withBorder p="sm" data-complaint={complaint.complaintId}>
      <Title order={order} size="h5" mb={4}>
        {t('complaints.heading', { complainant: complaint.complainant })}
      </Title>
      <Facts
        rows={[
          [t('complaints.received'), stamp(complaint.at, complaint.by)],
          [t('complaints.summary'), complaint.summary],
          !complaint.acknowledgedAt && [t('complaints.acknowledgeBy'), moment(complaint.acknowledgeBy)],
          complaint.acknowledgedAt && [t('complaints.acknowledged'), moment(complaint.acknowledgedAt)],
          complaint.acknowledgementOverdueAt && [
            t('complaints.acknowledgementOverdue'),
            moment(complaint.acknowledgementOverdueAt),
          ],
          investigation && [t('complaints.investigator'), lookup.person(investigation.investigatorId)],
          decision && [
            t('complaints.decision'),
            `${t(`complaints.outcome.${decision.outcome}`)}, ${t(`complaints.followUp.${decision.followUp}`)}: ${
              decision.reasoning
            } (${stamp(decision.at, decision.by)})`,
          ],
          complaint.closedAt && [t('complaints.closed'), moment(complaint.closedAt)],
        ]}
      />
    </Paper>
  );
}

/** Complaints about the organisation: staff see all, an investigator theirs, others none. */
export function ComplaintsView({
  complaints,
  order,
}: {
  complaints: readonly Complaint[];
  order: TitleOrder;
}) {
  const { t } = useTranslation('caseFile');
  if (complaints.length === 0) return null;
  return (
    <Stack gap="sm">
      <Title order={order}>{t('complaints.title')}</Title>
      {complaints.map((complaint) => (
        <ComplaintView key={complaint.complaintId} complaint={complaint} order={(order + 1) as TitleOrder} />
      ))}
    </Stack>
  );
}
