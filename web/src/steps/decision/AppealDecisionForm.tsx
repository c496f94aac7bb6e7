import { Alert, Radio, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { AppealedDecisionView } from '../../case-file/AppealsView';
import { type Appeal, appealedDecision } from '../../case-file/appeals';
import { CaseStepFrame, type StepCase } from '../../case-file/CaseStepFrame';
import { rejectionMessages } from '../../cases/status';
import { currentLanguage } from '../../i18n';
import { FormFooter } from '../auditor/FormFooter';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';

type Values = { outcome: '' | 'upheld' | 'dismissed'; reasons: string[] };

function DecideAppealFields({
  stepCase,
  appeal,
  onDone,
}: {
  stepCase: StepCase;
  appeal: Appeal;
  onDone: () => void;
}) {
  const { t } = useTranslation('decisionSteps');
  const { t: tAuditor } = useTranslation('auditorSteps');
  const { form, onSubmit, problem, alertRef, pending } = useStepForm<Values, unknown>({
    initialValues: { outcome: '', reasons: [''] },
    validate: (values) => ({
      outcome: values.outcome ? null : t('appeal.chooseOutcome'),
      'reasons.0': values.reasons[0]?.trim() ? null : tAuditor('required'),
    }),
    submit: async (values, key) => {
      const { data } = await api.POST('/accreditations/{id}/appeals/decide', {
        params: { path: { id: stepCase.view.accreditationId }, header: { 'idempotency-key': key } },
        body: {
          appealId: appeal.appealId,
          outcome: values.outcome === 'upheld' ? 'upheld' : 'dismissed',
          reasons: values.reasons.map((reason) => reason.trim()),
        },
      });
      return data;
    },
    onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw="52rem">
        <Radio.Group
          key={form.key('outcome')}
          {...form.getInputProps('outcome')}
          label={t('appeal.outcome')}
          withAsterisk
        >
          <Stack gap="xs" mt="xs">
            <Radio value="upheld" label={t('appeal.upheld')} />
            <Radio value="dismissed" label={t('appeal.dismissed')} />
          </Stack>
        </Radio.Group>
        <Textarea
          key={form.key('reasons.0')}
          {...form.getInputProps('reasons.0')}
          label={t('appeal.reason')}
          withAsterisk
          autosize
          minRows={3}
        />
        <FormFooter
          problem={problem}
          alertRef={alertRef}
          pending={pending}
          label={t('appeal.submit')}
          refusals={rejectionMessages(currentLanguage())}
        />
      </Stack>
    </form>
  );
}

/** `DecideAppeal`: the appealed decision, its reasons and the appeal's grounds; upheld or dismissed, with reasons. */
export function Component({ accreditationId, subjectId, onDone }: StepFormProps) {
  const { t } = useTranslation('decisionSteps');
  return (
    <CaseStepFrame accreditationId={accreditationId} title={t('appeal.title')} intro={t('appeal.intro')}>
      {(stepCase) => {
        const decision = appealedDecision(stepCase.view.file, subjectId);
        return (
          <Stack gap="lg">
            {decision && <AppealedDecisionView file={stepCase.view.file} decision={decision} order={2} />}
            {decision && !decision.appeal.decision ? (
              <DecideAppealFields stepCase={stepCase} appeal={decision.appeal} onDone={onDone} />
            ) : (
              <Alert color="yellow" role="status">
                {t('appeal.notOpen')}
              </Alert>
            )}
          </Stack>
        );
      }}
    </CaseStepFrame>
  );
}
