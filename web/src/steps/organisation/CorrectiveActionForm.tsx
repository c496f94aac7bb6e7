import { Alert, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { type Catalogue, type Finding, findFinding, useCaseFile, useCatalogue } from './case-file';
import { DocumentDropzone } from './DocumentDropzone';
import { FindingContext } from './FindingContext';
import { StepFormFrame, StepLoading, StepUnavailable } from './StepFormFrame';
import { useDocumentSlots } from './use-document-slots';
import { required } from './validation';

function CorrectiveActionFields({
  accreditationId,
  finding,
  catalogue,
  onDone,
}: {
  accreditationId: string;
  finding: Finding;
  catalogue: Catalogue;
  onDone: () => void;
}) {
  const { t } = useTranslation('organisationSteps');
  const documents = useDocumentSlots();
  const form = useStepForm({
    initialValues: { description: '' },
    validate: { description: required(t('frame.required')) },
    submit: (values, key) =>
      api.POST('/accreditations/{id}/corrective-actions', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': key } },
        body: {
          findingId: finding.findingId,
          description: values.description.trim(),
          documentIds: documents.documentIds('evidence'),
        },
      }),
    onDone,
  });
  const lastVerification = finding.verifications.at(-1);
  return (
    <StepFormFrame
      title={t('correctiveAction.title')}
      form={form}
      busy={documents.busy}
      submitLabel={t('correctiveAction.submit')}
      refusals={{
        corrective_action_deadline_passed: t('correctiveAction.corrective_action_deadline_passed'),
      }}
      context={
        <>
          <Text maw="70ch">{t('correctiveAction.intro')}</Text>
          <FindingContext finding={finding} catalogue={catalogue} />
          {lastVerification && !lastVerification.effective && (
            <Alert color="orange" variant="light">
              {t('correctiveAction.notEffective', { comment: lastVerification.comment })}
            </Alert>
          )}
        </>
      }
    >
      <Textarea
        key={form.form.key('description')}
        {...form.form.getInputProps('description')}
        label={t('correctiveAction.description')}
        required
        autosize
        minRows={5}
      />
      <DocumentDropzone slot={documents.slot('evidence')} label={t('correctiveAction.attachments')} />
    </StepFormFrame>
  );
}

/** `SubmitCorrectiveActionEvidence`: evidence for a major finding (`?subject=` the finding). */
export function Component({ accreditationId, subjectId, onDone }: StepFormProps) {
  const { t } = useTranslation('organisationSteps');
  const file = useCaseFile(accreditationId);
  const catalogue = useCatalogue(file.data?.file.edition);
  if (!file.data || !catalogue.data) return <StepLoading error={file.error ?? catalogue.error} />;
  const finding = findFinding(file.data.file, subjectId);
  if (!finding) return <StepUnavailable title={t('correctiveAction.title')} reason={t('finding.notFound')} />;
  if (finding.severity !== 'major' || finding.status !== 'open') {
    return <StepUnavailable title={t('correctiveAction.title')} reason={t('correctiveAction.notOpen')} />;
  }
  return (
    <CorrectiveActionFields
      accreditationId={accreditationId}
      finding={finding}
      catalogue={catalogue.data}
      onDone={onDone}
    />
  );
}
