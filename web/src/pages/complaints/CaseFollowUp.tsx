import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { currentLanguage } from '../../i18n';
import type { Complaint } from './model';

type CaseFollowUpState = NonNullable<Complaint['caseFollowUp']>;

/** What became of the complaint's special audit or suspension on the accreditation, in sentences. */
export function CaseFollowUp({ followUp }: { followUp: CaseFollowUpState }) {
  const { t } = useTranslation('complaints');
  const language = currentLanguage();
  const date = (iso: string) => formatDate(iso, language);
  const lines: string[] = [];
  if (followUp.kind === 'special_audit') {
    const { status, auditDate, closedAt, findings } = followUp;
    if (status === 'closed' && closedAt) lines.push(t('page.specialAudit.closed', { date: date(closedAt) }));
    else if (auditDate) lines.push(t('page.specialAudit.audit_date_set', { date: date(auditDate) }));
    else lines.push(t('page.specialAudit.scheduled'));
    if (auditDate) lines.push(t('page.specialAudit.findings', findings));
  } else {
    const { status, proposedAt, decidedAt, rejectionReason, reinstateBy, suspensionEndedAt } = followUp;
    if (status === 'proposed' || !decidedAt) {
      lines.push(t('page.suspension.proposed', { date: date(proposedAt) }));
    } else {
      lines.push(
        t(`page.suspension.${status}`, {
          date: date(decidedAt),
          reinstateBy: reinstateBy ? date(reinstateBy) : '–',
        }),
      );
    }
    if (rejectionReason) lines.push(t('page.suspension.reason', { reason: rejectionReason }));
    if (suspensionEndedAt) lines.push(t('page.suspension.ended', { date: date(suspensionEndedAt) }));
  }
  return (
    <Stack gap={2} component="span" data-case-follow-up={followUp.kind}>
      {lines.map((line) => (
        <Text key={line} component="span" display="block">
          {line}
        </Text>
      ))}
    </Stack>
  );
}
