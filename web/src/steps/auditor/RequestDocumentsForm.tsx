import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CaseStepFrame } from '../../case-file/CaseStepFrame';
import { type TextList, TextListField, textsOf } from '../../forms/TextListField';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { FormFooter } from './FormFooter';

type Values = { documents: TextList };

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
        body: { documents: textsOf(values.documents) },
      });
      return data;
    },
    onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw="48rem">
        <TextListField
          form={form}
          field="documents"
          label={(number) => t('requestDocuments.item', { number })}
          add={t('requestDocuments.add')}
          remove={(number) => t('requestDocuments.remove', { number })}
          maxLength={2000}
        />
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
