import { Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { requiredText } from './fields';
import { StaffStepFrame } from './StaffStepFrame';

/** Record a complaint about the organisation (who complains, and what about). */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const { t } = useTranslation('staffSteps');
  const step = useStepForm({
    initialValues: { complainant: '', summary: '' },
    validate: { complainant: requiredText(t('required')), summary: requiredText(t('required')) },
    submit: (body, idempotencyKey) =>
      api.POST('/accreditations/{id}/complaints', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': idempotencyKey } },
        body,
      }),
    onDone,
  });
  return (
    <StaffStepFrame step="ReceiveComplaint" form={step}>
      <TextInput
        label={t('complainant')}
        required
        {...step.form.getInputProps('complainant')}
        key={step.form.key('complainant')}
      />
      <Textarea
        label={t('summary')}
        required
        autosize
        minRows={4}
        {...step.form.getInputProps('summary')}
        key={step.form.key('summary')}
      />
    </StaffStepFrame>
  );
}
