import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { StepCase } from '../../case-file/CaseStepFrame';
import { FormFooter } from '../auditor/FormFooter';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { DecisionFrame } from './DecisionFrame';
import { useDecisionRefusals } from './refusals';

function GrantForm({ stepCase, onDone }: { stepCase: StepCase; onDone: () => void }) {
  const { t } = useTranslation('decisionSteps');
  const refusals = useDecisionRefusals();
  const { onSubmit, problem, alertRef, pending } = useStepForm({
    initialValues: {},
    submit: async (_values, key) => {
      const { data } = await api.POST('/accreditations/{id}/grant', {
        params: { path: { id: stepCase.view.accreditationId }, header: { 'idempotency-key': key } },
        body: {},
      });
      return data;
    },
    onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormFooter
          problem={problem}
          alertRef={alertRef}
          pending={pending}
          label={t('grant.submit')}
          refusals={refusals}
        />
      </Stack>
    </form>
  );
}

/** `Grant`: the dossier, and the grant (the API assigns the certificate number). */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const { t } = useTranslation('decisionSteps');
  return (
    <DecisionFrame
      accreditationId={accreditationId}
      title={t('grant.title')}
      intro={t('grant.intro')}
      other={{ stepType: 'Refuse', label: t('grant.refuseInstead') }}
    >
      {(stepCase) => <GrantForm stepCase={stepCase} onDone={onDone} />}
    </DecisionFrame>
  );
}
