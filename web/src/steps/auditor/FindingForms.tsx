import { Alert, Radio, Stack, Textarea } from '@mantine/core';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CaseStepFrame, type StepCase } from '../../case-file/CaseStepFrame';
import { FindingView } from '../../case-file/FindingView';
import type { Finding } from '../../case-file/types';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { FormFooter } from './FormFooter';

const findingOf = (stepCase: StepCase, findingId: string | undefined) =>
  stepCase.view.file.procedures
    .flatMap((procedure) => procedure.findings)
    .find((f) => f.findingId === findingId);

/** The finding a task is about, shown in full (evidence with download links), above its form. */
function WithFinding({
  stepCase,
  findingId,
  children,
}: {
  stepCase: StepCase;
  findingId: string | undefined;
  children: (finding: Finding) => React.ReactNode;
}) {
  const { t } = useTranslation('auditorSteps');
  const finding = findingOf(stepCase, findingId);
  if (!finding) return <Alert color="yellow">{t('unknownFinding', { id: findingId ?? '' })}</Alert>;
  return (
    <Stack gap="lg" maw="52rem">
      <Stack component="ul" p={0} m={0}>
        <FindingView finding={finding} order={2} />
      </Stack>
      {children(finding)}
    </Stack>
  );
}

function VerificationForm({
  stepCase,
  finding,
  onDone,
}: {
  stepCase: StepCase;
  finding: Finding;
  onDone: () => void;
}) {
  const { t } = useTranslation('auditorSteps');
  const { form, onSubmit, problem, alertRef, pending } = useStepForm({
    initialValues: { effective: '', comment: '' },
    validate: {
      effective: (value) => (value ? null : t('required')),
      comment: (value) => (value.trim() ? null : t('required')),
    },
    submit: async (values, key) => {
      const { data } = await api.POST('/accreditations/{id}/corrective-actions/verify', {
        params: { path: { id: stepCase.view.accreditationId }, header: { 'idempotency-key': key } },
        body: {
          findingId: finding.findingId,
          effective: values.effective === 'yes',
          comment: values.comment.trim(),
        },
      });
      return data;
    },
    onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Radio.Group
          key={form.key('effective')}
          {...form.getInputProps('effective')}
          label={t('verification.effective')}
          withAsterisk
        >
          <Stack gap="xs" mt={6}>
            <Radio value="yes" label={t('verification.yes')} />
            <Radio value="no" label={t('verification.no')} />
          </Stack>
        </Radio.Group>
        <Textarea
          key={form.key('comment')}
          {...form.getInputProps('comment')}
          label={t('verification.comment')}
          withAsterisk
          autosize
          minRows={3}
          maxLength={4000}
        />
        <FormFooter
          problem={problem}
          alertRef={alertRef}
          pending={pending}
          label={t('verification.submit')}
        />
      </Stack>
    </form>
  );
}

function AcceptPlanForm({
  stepCase,
  finding,
  onDone,
}: {
  stepCase: StepCase;
  finding: Finding;
  onDone: () => void;
}) {
  const { t } = useTranslation('auditorSteps');
  const { onSubmit, problem, alertRef, pending } = useStepForm({
    initialValues: {},
    submit: async (_values, key) => {
      const { data } = await api.POST('/accreditations/{id}/action-plans/accept', {
        params: { path: { id: stepCase.view.accreditationId }, header: { 'idempotency-key': key } },
        body: { findingId: finding.findingId },
      });
      return data;
    },
    onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormFooter problem={problem} alertRef={alertRef} pending={pending} label={t('actionPlan.submit')} />
      </Stack>
    </form>
  );
}

type FindingForm = ComponentType<{ stepCase: StepCase; finding: Finding; onDone: () => void }>;

/** A step on one finding (the task's subject): the finding in full above the form. */
function findingStep(texts: 'verification' | 'actionPlan', Form: FindingForm) {
  return function FindingStep({ accreditationId, subjectId, onDone }: StepFormProps) {
    const { t } = useTranslation('auditorSteps');
    return (
      <CaseStepFrame
        accreditationId={accreditationId}
        title={t(`${texts}.title`)}
        intro={t(`${texts}.intro`)}
      >
        {(stepCase) => (
          <WithFinding stepCase={stepCase} findingId={subjectId}>
            {(finding) => <Form stepCase={stepCase} finding={finding} onDone={onDone} />}
          </WithFinding>
        )}
      </CaseStepFrame>
    );
  };
}

/** `VerifyCorrectiveAction`: the lead auditor judges the evidence for a major finding. */
export const VerifyCorrectiveAction = findingStep('verification', VerificationForm);

/** `AcceptActionPlan`: the lead auditor accepts the plan for a minor finding. */
export const AcceptActionPlan = findingStep('actionPlan', AcceptPlanForm);
