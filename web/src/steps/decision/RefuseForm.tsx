import { Button, Checkbox, Group, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { StepCase } from '../../case-file/CaseStepFrame';
import { FormFooter } from '../auditor/FormFooter';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { DecisionFrame } from './DecisionFrame';
import { useDecisionRefusals } from './refusals';

type Values = { reasons: { text: string }[]; confirmed: boolean };

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
        body: { reasons: values.reasons.map((reason) => reason.text.trim()) },
      });
      return data;
    },
    onDone,
  });
  const reasons = form.useWatchValue('reasons');
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw="52rem">
        {reasons.map((_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: Mantine's list fields are addressed by index.
          <Stack key={index} gap={4}>
            <Textarea
              key={form.key(`reasons.${index}.text`)}
              {...form.getInputProps(`reasons.${index}.text`)}
              label={t('refuse.reason', { number: index + 1 })}
              withAsterisk
              autosize
              minRows={2}
              maxLength={4000}
            />
            {reasons.length > 1 && (
              <Group>
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  onClick={() => form.removeListItem('reasons', index)}
                >
                  {t('refuse.removeReason', { number: index + 1 })}
                </Button>
              </Group>
            )}
          </Stack>
        ))}
        <Group>
          <Button variant="default" onClick={() => form.insertListItem('reasons', { text: '' })}>
            {t('refuse.addReason')}
          </Button>
        </Group>
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
