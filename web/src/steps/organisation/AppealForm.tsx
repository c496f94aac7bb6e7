import { Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatMoment } from '../../app/format';
import { AppealedDecisionView } from '../../case-file/AppealsView';
import { type AppealableDecision, openToAppeal } from '../../case-file/appeals';
import { CaseLookupProvider } from '../../case-file/lookup';
import { rejectionMessages } from '../../cases/status';
import { currentLanguage } from '../../i18n';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { type CaseFileView, useCaseFile } from './case-file';
import { DocumentDropzone } from './DocumentDropzone';
import { StepFormFrame, StepLoading, StepUnavailable } from './StepFormFrame';
import { useDocumentSlots } from './use-document-slots';
import { required } from './validation';

function AppealFields({
  view,
  decision,
  onDone,
}: {
  view: CaseFileView;
  decision: AppealableDecision;
  onDone: () => void;
}) {
  const { t } = useTranslation('organisationSteps');
  const documents = useDocumentSlots();
  // One ground, named as the API names it (`reasons.0`), so its refusals land at the field.
  const form = useStepForm({
    initialValues: { reasons: [''] },
    validate: (values) => ({ 'reasons.0': required(t('frame.required'))(values.reasons[0] ?? '') }),
    submit: (values, key) =>
      api.POST('/accreditations/{id}/appeals', {
        params: { path: { id: view.accreditationId }, header: { 'idempotency-key': key } },
        body: {
          decisionId: decision.decisionId,
          reasons: values.reasons.map((reason) => reason.trim()),
          documentIds: documents.documentIds('appeal'),
        },
      }),
    onDone,
  });
  return (
    <StepFormFrame
      title={t('appeal.title')}
      form={form}
      busy={documents.busy}
      submitLabel={t('appeal.submit')}
      refusals={rejectionMessages(currentLanguage())}
      context={
        <Stack gap="sm">
          <Text maw="70ch">
            {t('appeal.intro', { date: formatMoment(decision.until, currentLanguage()) })}
          </Text>
          <CaseLookupProvider view={view} catalogue={undefined}>
            <AppealedDecisionView file={view.file} decision={decision} order={2} />
          </CaseLookupProvider>
        </Stack>
      }
    >
      <Textarea
        key={form.form.key('reasons.0')}
        {...form.form.getInputProps('reasons.0')}
        label={t('appeal.grounds')}
        required
        autosize
        minRows={5}
      />
      <DocumentDropzone slot={documents.slot('appeal')} label={t('appeal.documents')} />
    </StepFormFrame>
  );
}

/** `LodgeAppeal`: the organisation appeals a decision within its window (`?subject=` the decision). */
export function Component({ accreditationId, subjectId, onDone }: StepFormProps) {
  const { t } = useTranslation('organisationSteps');
  const file = useCaseFile(accreditationId);
  if (!file.data) return <StepLoading error={file.error} />;
  const decision = openToAppeal(file.data.file, Date.now(), subjectId);
  if (!decision) return <StepUnavailable title={t('appeal.title')} reason={t('appeal.closed')} />;
  return <AppealFields view={file.data} decision={decision} onDone={onDone} />;
}
