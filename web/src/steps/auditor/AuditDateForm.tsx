import { Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDate } from '../../app/format';
import { CaseStepFrame, type StepCase } from '../../case-file/CaseStepFrame';
import { currentLanguage } from '../../i18n';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { FormFooter } from './FormFooter';

function AuditDateForm({ stepCase, onDone }: { stepCase: StepCase; onDone: () => void }) {
  const { t } = useTranslation('auditorSteps');
  const current = stepCase.procedure?.auditPlanning?.auditDate ?? null;
  const { form, onSubmit, problem, alertRef, pending } = useStepForm({
    initialValues: { auditDate: current ?? '' },
    validate: { auditDate: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : t('required')) },
    submit: async (values, key) => {
      const { data } = await api.POST('/accreditations/{id}/audit-date', {
        params: { path: { id: stepCase.view.accreditationId }, header: { 'idempotency-key': key } },
        body: { auditDate: values.auditDate },
      });
      return data;
    },
    onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw="24rem">
        {current && (
          <Text>
            {t('auditDate.current', { date: formatDate(`${current}T12:00:00Z`, currentLanguage()) })}
          </Text>
        )}
        <TextInput
          type="date"
          key={form.key('auditDate')}
          {...form.getInputProps('auditDate')}
          label={t('auditDate.label')}
          withAsterisk
        />
        <FormFooter problem={problem} alertRef={alertRef} pending={pending} label={t('auditDate.submit')} />
      </Stack>
    </form>
  );
}

/** `SetAuditDate`: the day of the Vor-Ort-Audit (by the lead auditor, or the case manager). */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const { t } = useTranslation('auditorSteps');
  return (
    <CaseStepFrame
      accreditationId={accreditationId}
      title={t('auditDate.title')}
      intro={t('auditDate.intro')}
    >
      {(stepCase) => <AuditDateForm stepCase={stepCase} onDone={onDone} />}
    </CaseStepFrame>
  );
}
