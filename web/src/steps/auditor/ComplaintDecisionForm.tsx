import { Alert, Group, Radio, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CaseStepFrame, type StepCase } from '../../case-file/CaseStepFrame';
import { type Complaint, ComplaintView } from '../../case-file/ComplaintsView';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { FormFooter } from './FormFooter';

const outcomes = ['upheld', 'not_upheld'] as const;
const followUps = ['none', 'special_audit', 'suspension'] as const;

function ComplaintDecisionForm({
  stepCase,
  complaint,
  onDone,
}: {
  stepCase: StepCase;
  complaint: Complaint;
  onDone: () => void;
}) {
  const { t } = useTranslation('auditorSteps');
  const { t: tFile } = useTranslation('caseFile');
  const { form, onSubmit, problem, alertRef, pending } = useStepForm({
    initialValues: { outcome: '', followUp: 'none', reasoning: '' },
    validate: {
      outcome: (value) => (value ? null : t('required')),
      reasoning: (value) => (value.trim() ? null : t('required')),
    },
    submit: async (values, key) => {
      const { data } = await api.POST('/accreditations/{id}/complaints/decision', {
        params: { path: { id: stepCase.view.accreditationId }, header: { 'idempotency-key': key } },
        body: {
          complaintId: complaint.complaintId,
          outcome: values.outcome as (typeof outcomes)[number],
          followUp: values.followUp as (typeof followUps)[number],
          reasoning: values.reasoning.trim(),
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
          key={form.key('outcome')}
          {...form.getInputProps('outcome')}
          label={t('complaint.outcome')}
          withAsterisk
        >
          <Group gap="lg" mt={6}>
            {outcomes.map((outcome) => (
              <Radio key={outcome} value={outcome} label={tFile(`complaints.outcome.${outcome}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Radio.Group
          key={form.key('followUp')}
          {...form.getInputProps('followUp')}
          label={t('complaint.followUp')}
        >
          <Group gap="lg" mt={6}>
            {followUps.map((followUp) => (
              <Radio key={followUp} value={followUp} label={tFile(`complaints.followUp.${followUp}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          key={form.key('reasoning')}
          {...form.getInputProps('reasoning')}
          label={t('complaint.reasoning')}
          withAsterisk
          autosize
          minRows={3}
          maxLength={4000}
        />
        <FormFooter problem={problem} alertRef={alertRef} pending={pending} label={t('complaint.submit')} />
      </Stack>
    </form>
  );
}

/** `DecideComplaint`: the investigator (anyone but the organisation) decides a complaint. */
export function Component({ accreditationId, subjectId, onDone }: StepFormProps) {
  const { t } = useTranslation('auditorSteps');
  return (
    <CaseStepFrame
      accreditationId={accreditationId}
      title={t('complaint.title')}
      intro={t('complaint.intro')}
    >
      {(stepCase) => {
        const complaint = stepCase.view.file.complaints?.find((c) => c.complaintId === subjectId);
        if (!complaint)
          return <Alert color="yellow">{t('complaint.unknown', { id: subjectId ?? '' })}</Alert>;
        return (
          <Stack gap="lg" maw="52rem">
            <ComplaintView complaint={complaint} order={2} />
            <ComplaintDecisionForm stepCase={stepCase} complaint={complaint} onDone={onDone} />
          </Stack>
        );
      }}
    </CaseStepFrame>
  );
}
