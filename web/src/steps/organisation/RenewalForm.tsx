import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { $api, api } from '../../api/client';
import { formatDate } from '../../app/format';
import { currentLanguage } from '../../i18n';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { DocumentDropzone } from './DocumentDropzone';
import { StepFormFrame, StepLoading, StepUnavailable } from './StepFormFrame';
import { useDocumentSlots } from './use-document-slots';

/** `ApplyForRenewal`: the organisation applies for its certificate's renewal (documents optional). */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const { t } = useTranslation('organisationSteps');
  const accreditation = $api.useQuery('get', '/accreditations/{id}', {
    params: { path: { id: accreditationId } },
  });
  const documents = useDocumentSlots();
  const form = useStepForm({
    initialValues: {},
    submit: (_values, key) =>
      api.POST('/accreditations/{id}/renewal', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': key } },
        body: { documentIds: documents.documentIds('renewal') },
      }),
    onDone,
  });

  if (!accreditation.data) return <StepLoading error={accreditation.error} />;
  const certificate = accreditation.data.certificate;
  if (!certificate?.validUntil)
    return <StepUnavailable title={t('renewal.title')} reason={t('renewal.notOpen')} />;
  // A renewal applied for starts the Dokumentenprüfung; a suspended accreditation is not renewed.
  if (accreditation.data.status !== 'accredited')
    return <StepUnavailable title={t('renewal.title')} reason={t('renewal.notNow')} />;
  return (
    <StepFormFrame
      title={t('renewal.title')}
      form={form}
      busy={documents.busy}
      submitLabel={t('renewal.submit')}
      refusals={{
        renewal_window_not_open: t('renewal.renewal_window_not_open'),
        renewal_already_applied: t('renewal.renewal_already_applied'),
        renewal_refused: t('renewal.renewal_refused'),
      }}
      context={
        <Text maw="70ch">
          {t('renewal.intro', {
            number: certificate.number,
            date: formatDate(certificate.validUntil, currentLanguage()),
          })}
        </Text>
      }
    >
      <DocumentDropzone slot={documents.slot('renewal')} label={t('renewal.attachments')} />
    </StepFormFrame>
  );
}
