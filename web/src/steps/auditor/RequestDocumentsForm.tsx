import { ActionIcon, Button, Group, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CaseStepFrame } from '../../case-file/CaseStepFrame';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { FormFooter } from './FormFooter';

type Values = { documents: { text: string }[] };

function RequestDocumentsForm({
  accreditationId,
  onDone,
}: Pick<StepFormProps, 'accreditationId' | 'onDone'>) {
  const { t } = useTranslation('auditorSteps');
  const { form, onSubmit, problem, alertRef, pending } = useStepForm<Values, unknown>({
    initialValues: { documents: [{ text: '' }] },
    validate: { documents: { text: (value) => (value.trim() ? null : t('required')) } },
    submit: async (values, key) => {
      const { data } = await api.POST('/accreditations/{id}/document-requests', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': key } },
        body: { documents: values.documents.map((document) => document.text.trim()) },
      });
      return data;
    },
    onDone,
  });
  const documents = form.useWatchValue('documents');
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw="48rem">
        {documents.map((_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: Mantine's list fields are addressed by index.
          <Group key={index} align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              key={form.key(`documents.${index}.text`)}
              {...form.getInputProps(`documents.${index}.text`)}
              label={t('requestDocuments.item', { number: index + 1 })}
              withAsterisk
              maxLength={2000}
              style={{ flex: 1, minWidth: 0 }}
            />
            {documents.length > 1 && (
              <ActionIcon
                variant="default"
                size="lg"
                mb={2}
                aria-label={t('requestDocuments.remove', { number: index + 1 })}
                onClick={() => form.removeListItem('documents', index)}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => form.insertListItem('documents', { text: '' })}>
            {t('requestDocuments.add')}
          </Button>
        </Group>
        <FormFooter
          problem={problem}
          alertRef={alertRef}
          pending={pending}
          label={t('requestDocuments.submit')}
        />
      </Stack>
    </form>
  );
}

/** `RequestDocuments`: the document reviewer asks the organisation for further documents. */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const { t } = useTranslation('auditorSteps');
  return (
    <CaseStepFrame
      accreditationId={accreditationId}
      title={t('requestDocuments.title')}
      intro={t('requestDocuments.intro')}
    >
      {() => <RequestDocumentsForm accreditationId={accreditationId} onDone={onDone} />}
    </CaseStepFrame>
  );
}
