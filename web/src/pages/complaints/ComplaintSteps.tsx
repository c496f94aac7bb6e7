import { Button, Group, Paper, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import type { FormEvent, ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { type FieldError, ProblemError } from '../../api/problem';
import type { SessionUser } from '../../auth/contract';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { PersonSelect, requiredText } from '../../steps/staff/fields';
import { useStepForm } from '../../steps/use-step-form';
import type { Complaint } from './model';

type StepKey = 'acknowledge' | 'appoint' | 'reappoint' | 'decide' | 'answer' | 'close';
const refusalCodes = [
  'investigator_not_independent',
  'unknown_investigator',
  'invalid_transition',
  'not_authorised',
] as const;

/** The steps open on `complaint` for `user` (the API has the last word; it refuses the rest). */
export function openSteps(complaint: Complaint, user: SessionUser): StepKey[] {
  const staff = user.role === 'staff';
  const investigating = complaint.status === 'under_investigation';
  const steps: [StepKey, boolean][] = [
    ['acknowledge', staff && complaint.status === 'received'],
    ['appoint', staff && complaint.status === 'acknowledged'],
    ['decide', investigating && complaint.investigatorId === user.userId],
    ['reappoint', staff && investigating],
    ['answer', staff && complaint.status === 'decided'],
    ['close', staff && complaint.status === 'answered'],
  ];
  return steps.filter(([, open]) => open).map(([step]) => step);
}

function useRefusals(): Record<string, string> {
  const { t } = useTranslation('complaints');
  return Object.fromEntries(refusalCodes.map((code) => [code, t(`steps.refusals.${code}`)]));
}

/** One step on the complaint: its title and purpose, the API's refusal at the top, the fields, the button. */
function StepFrame({
  step,
  form,
  children,
}: {
  step: StepKey;
  form: {
    onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
    problem: { problem: ProblemError; unplaced: FieldError[] } | null;
    alertRef: RefObject<HTMLDivElement | null>;
    pending: boolean;
  };
  children?: ReactNode;
}) {
  const { t } = useTranslation('complaints');
  const refusals = useRefusals();
  const title = t(`steps.${step}`);
  const intro = step === 'reappoint' ? 'appointIntro' : (`${step}Intro` as const);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`step-${step}`} data-step={step}>
      <Stack gap="sm">
        <Title order={3} id={`step-${step}`}>
          {title}
        </Title>
        <Text>{t(`steps.${intro}`)}</Text>
        {form.problem && (
          <ProblemAlert
            ref={form.alertRef}
            problem={form.problem.problem}
            unplaced={form.problem.unplaced}
            messages={refusals}
          />
        )}
        <form onSubmit={form.onSubmit} noValidate>
          <Stack gap="sm">
            {children}
            <Group>
              <Button type="submit" loading={form.pending}>
                {title}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

const idempotency = (idempotencyKey: string) => ({ 'idempotency-key': idempotencyKey });
type Send = { complaint: Complaint };

/** acknowledge, answer, close: steps without fields. */
function FieldlessStep({ complaint, step }: Send & { step: 'acknowledge' | 'answer' | 'close' }) {
  const paths = {
    acknowledge: '/complaints/{id}/acknowledgement',
    answer: '/complaints/{id}/answer',
    close: '/complaints/{id}/close',
  } as const;
  const form = useStepForm({
    initialValues: {},
    submit: (_values, idempotencyKey) =>
      api.POST(paths[step], {
        params: { path: { id: complaint.id }, header: idempotency(idempotencyKey) },
        body: {},
      }),
  });
  return <StepFrame step={step} form={form} />;
}

/** A refusal that names the chosen person is shown at the person's field. */
const atInvestigatorField = (error: unknown, message: (code: string) => string | undefined) => {
  if (!(error instanceof ProblemError) || !error.code) return error;
  const text = message(error.code);
  if (!text || !['investigator_not_independent', 'unknown_investigator'].includes(error.code)) return error;
  return new ProblemError({
    type: error.type,
    title: error.title,
    status: error.status,
    code: error.code,
    errors: [{ field: 'body.investigatorId', message: text }],
  });
};

function AppointStep({ complaint, step }: Send & { step: 'appoint' | 'reappoint' }) {
  const { t } = useTranslation('complaints');
  const refusals = useRefusals();
  const form = useStepForm({
    initialValues: { investigatorId: '' },
    validate: { investigatorId: requiredText(t('steps.required')) },
    submit: async (body, idempotencyKey) => {
      try {
        return await api.POST('/complaints/{id}/investigator', {
          params: { path: { id: complaint.id }, header: idempotency(idempotencyKey) },
          body,
        });
      } catch (error) {
        throw atInvestigatorField(error, (code) => refusals[code]);
      }
    },
  });
  return (
    <StepFrame step={step} form={form}>
      <PersonSelect
        form={form.form}
        field="investigatorId"
        userRole="staff"
        label={t('steps.investigator')}
      />
    </StepFrame>
  );
}

function DecideStep({ complaint }: Send) {
  const { t } = useTranslation('complaints');
  const form = useStepForm({
    initialValues: {
      outcome: 'upheld' as 'upheld' | 'not_upheld',
      reasons: '',
      followUp: 'none' as 'none' | 'special_audit' | 'suspension',
    },
    validate: { reasons: requiredText(t('steps.required')) },
    submit: (body, idempotencyKey) =>
      api.POST('/complaints/{id}/decision', {
        params: { path: { id: complaint.id }, header: idempotency(idempotencyKey) },
        body,
      }),
  });
  return (
    <StepFrame step="decide" form={form}>
      <Radio.Group
        label={t('steps.outcome')}
        required
        {...form.form.getInputProps('outcome')}
        key={form.form.key('outcome')}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="upheld" label={t('page.outcomes.upheld')} />
          <Radio value="not_upheld" label={t('page.outcomes.not_upheld')} />
        </Stack>
      </Radio.Group>
      <Textarea
        label={t('steps.reasons')}
        description={t('steps.reasonsHint')}
        required
        autosize
        minRows={4}
        {...form.form.getInputProps('reasons')}
        key={form.form.key('reasons')}
      />
      <Select
        label={t('steps.followUp')}
        allowDeselect={false}
        data={(['none', 'special_audit', 'suspension'] as const).map((value) => ({
          value,
          label: t(`page.followUps.${value}`),
        }))}
        {...form.form.getInputProps('followUp')}
        key={form.form.key('followUp')}
      />
    </StepFrame>
  );
}

/** The forms of the steps open for the signed-in person, or a sentence that nothing is to do. */
export function ComplaintSteps({ complaint, user }: { complaint: Complaint; user: SessionUser }) {
  const { t } = useTranslation('complaints');
  const steps = openSteps(complaint, user);
  return (
    <Stack gap="sm" component="section" aria-labelledby="complaint-steps">
      <Title order={2} id="complaint-steps">
        {t('page.steps')}
      </Title>
      {steps.length === 0 && <Text>{t('page.noStep')}</Text>}
      {steps.map((step) => {
        const key = `${complaint.status}:${step}`;
        if (step === 'appoint' || step === 'reappoint') {
          return <AppointStep key={key} complaint={complaint} step={step} />;
        }
        if (step === 'decide') return <DecideStep key={key} complaint={complaint} />;
        return <FieldlessStep key={key} complaint={complaint} step={step} />;
      })}
    </Stack>
  );
}
