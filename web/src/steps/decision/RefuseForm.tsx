import { Checkbox, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { StepCase } from '../../case-file/CaseStepFrame';
import { type TextList, TextListField, textsOf } from '../../forms/TextListField';
import { FormFooter } from '../auditor/FormFooter';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { DecisionFrame } from './DecisionFrame';
import { useDecisionRefusals } from './refusals';

type Values = { reasons: TextList; confirmed: boolean };

function RefuseForm({ stepCase, onDone }: { stepCase: StepCase; onDone: () => void }) {
  const { t } = useTranslation('decisionSteps');
  const { t: tAuditor } = useTranslation('auditorSteps');
  const refusals = useDecisionRefusals();
  const { form, onSubmit, problem, alertRef, pending } = useStepForm<Values, unknown>({
    initialValues: { reasons: [{ text: '' }], confirmed: false },
    validate: {
      reasons: { text: (value) => (value.trim() ? null : tAuditor('required')) },
      confirmed: (value) => (value ? null : t('refuse.mustConfirm')),
    },
    submit: async (values, key) => {
      const { data } = await api.POST('/accreditations/{id}/refuse', {
        params: { path: { id: stepCase.view.accreditationId }, header: { 'idempotency-key': key } },
        body: { reasons: textsOf(values.reasons) },
      });
      return data;
    },
    onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw="52rem">
        <TextListField
          form={form}
          field="reasons"
          label={(number) => t('refuse.reason', { number })}
          add={t('refuse.addReason')}
          remove={(number) => t('refuse.removeReason', { number })}
        />
        <Checkbox
          key={form.key('confirmed')}
          {...form.getInputProps('confirmed', { type: 'checkbox' })}
          label={t('refuse.confirm')}
        />
        <FormFooter
          problem={problem}
          alertRef={alertRef}
          pending={pending}
          label={t('refuse.submit')}
          color="red"
          refusals={refusals}
        />
      </Stack>
    </form>
  );
}

/** `Refuse`: the dossier, and the refusal with reasons (confirmed, since it ends the procedure). */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const { t } = useTranslation('decisionSteps');
  return (
    <DecisionFrame
      accreditationId={accreditationId}
      title={t('refuse.title')}
      intro={t('refuse.intro')}
      other={{ stepType: 'Grant', label: t('refuse.grantInstead') }}
    >
      {(stepCase) => <RefuseForm stepCase={stepCase} onDone={onDone} />}
    </DecisionFrame>
  );
}
