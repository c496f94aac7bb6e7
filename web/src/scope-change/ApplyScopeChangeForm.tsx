import { Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useAccreditation, useCaseFile } from '../case-file/queries';
import { rejectionMessages } from '../cases/status';
import { currentLanguage } from '../i18n';
import { DocumentDropzone } from '../steps/organisation/DocumentDropzone';
import { StepFormFrame, StepLoading, StepUnavailable } from '../steps/organisation/StepFormFrame';
import { useDocumentSlots } from '../steps/organisation/use-document-slots';
import type { StepFormProps } from '../steps/types';
import { useStepForm } from '../steps/use-step-form';
import { mayApplyForScopeChange, type ScopeChangeValues, scopeChangeRules } from './rules';

const kinds = ['extension', 'reduction'] as const;

function ApplyFields({
  accreditationId,
  certificateNumber,
  currentScope,
  onDone,
}: {
  accreditationId: string;
  certificateNumber: string;
  currentScope: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('scopeChange');
  const { t: tSteps } = useTranslation('organisationSteps');
  const documents = useDocumentSlots();
  const step = useStepForm<ScopeChangeValues, unknown>({
    initialValues: { kind: 'extension', scope: currentScope, reason: '' },
    validate: scopeChangeRules(currentScope, {
      required: tSteps('frame.required'),
      unchanged: t('apply.unchanged'),
    }),
    submit: (values, key) =>
      api.POST('/accreditations/{id}/scope-changes', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': key } },
        body: {
          kind: values.kind,
          scope: values.scope.trim(),
          reason: values.reason.trim(),
          documentIds: documents.documentIds('scope-change'),
        },
      }),
    onDone,
  });
  const { form } = step;
  return (
    <StepFormFrame
      title={t('apply.link')}
      form={step}
      busy={documents.busy}
      submitLabel={t('apply.submit')}
      refusals={rejectionMessages(currentLanguage())}
      context={<Text maw="70ch">{t('apply.intro', { number: certificateNumber })}</Text>}
    >
      <Stack gap="md" maw="52rem">
        <Radio.Group
          key={form.key('kind')}
          {...form.getInputProps('kind')}
          label={t('apply.kind')}
          withAsterisk
        >
          <Group gap="lg" mt={6}>
            {kinds.map((kind) => (
              <Radio key={kind} value={kind} label={t(`kind.${kind}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          key={form.key('scope')}
          {...form.getInputProps('scope')}
          label={t('apply.scope')}
          description={t('apply.scopeHint')}
          withAsterisk
          autosize
          minRows={2}
        />
        <Textarea
          key={form.key('reason')}
          {...form.getInputProps('reason')}
          label={t('apply.reason')}
          withAsterisk
          autosize
          minRows={3}
        />
        <DocumentDropzone slot={documents.slot('scope-change')} label={t('apply.attachments')} />
      </Stack>
    </StepFormFrame>
  );
}

/** `ApplyScopeChange`: the organisation applies to extend or reduce its certificate's scope (rule set 6). */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const { t } = useTranslation('scopeChange');
  const accreditation = useAccreditation(accreditationId);
  const caseFile = useCaseFile(accreditationId);
  if (!accreditation.data || !caseFile.data)
    return <StepLoading error={accreditation.error ?? caseFile.error} />;
  const { certificate, status } = accreditation.data;
  const { file } = caseFile.data;
  if (!certificate || !mayApplyForScopeChange({ status, certificate, scopeChanges: file.scopeChanges }))
    return <StepUnavailable title={t('apply.link')} reason={t('apply.notNow')} />;
  return (
    <ApplyFields
      accreditationId={accreditationId}
      certificateNumber={certificate.number}
      currentScope={file.scope}
      onDone={onDone}
    />
  );
}
