import { Alert, Checkbox, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { RequestsView } from '../../case-file/ApplicationView';
import type { StepCase } from '../../case-file/CaseStepFrame';
import { Facts } from '../../case-file/Facts';
import { useAccreditation } from '../../case-file/queries';
import { useStamps } from '../../case-file/stamp';
import { CaseStaffStep, CaseStepFooter } from '../staff/CaseStaffStep';
import { instantOf, NewDueAtField, ReasonField, requiredText } from '../staff/fields';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';

type LapseProposal = NonNullable<StepCase['view']['file']['lapseProposals']>[number];
type FormProps = Pick<StepFormProps, 'accreditationId' | 'onDone'> & { proposal: LapseProposal };

const key = (idempotencyKey: string) => ({ 'idempotency-key': idempotencyKey });

/** What lapsed: the deadline, the consequence proposed and its reasons. */
function ProposalView({ proposal }: { proposal: LapseProposal }) {
  const { t } = useTranslation('decisionSteps');
  const { moment } = useStamps();
  return (
    <Facts
      rows={[
        [t('lapse.consequence'), t(`lapse.outcome.${proposal.outcome}`)],
        [t('lapse.dueAt'), moment(proposal.dueAt)],
        [t('lapse.proposedAt'), moment(proposal.at)],
        [t('lapse.reasons'), t(`lapse.why.${proposal.outcome}`, { date: moment(proposal.dueAt) })],
      ]}
    />
  );
}

/** Confirm the consequence the lapse proposed: the Antrag rejected or the accreditation refused. */
function ConfirmForm({ accreditationId, onDone, proposal }: FormProps) {
  const { t } = useTranslation('decisionSteps');
  const step = useStepForm({
    initialValues: { confirmed: false },
    validate: { confirmed: (value) => (value ? null : t('lapse.mustConfirm')) },
    submit: (_values, idempotencyKey) =>
      api.POST('/accreditations/{id}/lapse-proposals/confirm', {
        params: { path: { id: accreditationId }, header: key(idempotencyKey) },
        body: { proposalId: proposal.proposalId },
      }),
    onDone,
  });
  return (
    <form onSubmit={step.onSubmit} noValidate>
      <Stack gap="md">
        <Checkbox
          key={step.form.key('confirmed')}
          {...step.form.getInputProps('confirmed', { type: 'checkbox' })}
          label={t(`lapse.confirm.${proposal.outcome}`)}
        />
        <CaseStepFooter step="ConfirmLapse" form={step} color="red" />
      </Stack>
    </form>
  );
}

/** Give the organisation more time instead: a new deadline and why. */
function ExtendForm({ accreditationId, onDone, proposal }: FormProps) {
  const { t } = useTranslation('staffSteps');
  const step = useStepForm({
    initialValues: { newDueAt: '', reason: '' },
    validate: { newDueAt: requiredText(t('required')), reason: requiredText(t('required')) },
    submit: ({ newDueAt, reason }, idempotencyKey) =>
      api.POST('/accreditations/{id}/lapse-proposals/extend', {
        params: { path: { id: accreditationId }, header: key(idempotencyKey) },
        body: { proposalId: proposal.proposalId, newDueAt: instantOf(newDueAt), reason },
      }),
    onDone,
  });
  return (
    <form onSubmit={step.onSubmit} noValidate>
      <Stack gap="md">
        <NewDueAtField form={step.form} />
        <ReasonField form={step.form} />
        <CaseStepFooter step="ExtendLapsedDeadline" form={step} />
      </Stack>
    </form>
  );
}

/** A lapse step: the proposal (from the task's subject) and the requests of the procedure, then the form. */
function LapseStep({
  accreditationId,
  subjectId,
  onDone,
  step,
}: StepFormProps & { step: 'ConfirmLapse' | 'ExtendLapsedDeadline' }) {
  const { t } = useTranslation('decisionSteps');
  const Form = step === 'ConfirmLapse' ? ConfirmForm : ExtendForm;
  // The file keeps every proposal; whether one still waits for a decision its open task tells.
  const accreditation = useAccreditation(accreditationId);
  const waiting = (proposalId: string) =>
    accreditation.data?.openTasks.some(
      (task) => task.kind === 'decide_lapse' && task.subjectId === proposalId,
    );
  return (
    <CaseStaffStep accreditationId={accreditationId} step={step}>
      {({ view, procedure }) => {
        const proposal = view.file.lapseProposals?.find((entry) => entry.proposalId === subjectId);
        if (!proposal) return <Alert color="yellow">{t('lapse.unknown', { id: subjectId ?? '' })}</Alert>;
        return (
          <Stack gap="lg" maw="52rem">
            <ProposalView proposal={proposal} />
            {procedure && proposal.outcome === 'rejection' && (
              <RequestsView requests={procedure.requests} order={2} />
            )}
            {waiting(proposal.proposalId) === false && <Alert color="blue">{t('lapse.decided')}</Alert>}
            {waiting(proposal.proposalId) && (
              <Form accreditationId={accreditationId} onDone={onDone} proposal={proposal} />
            )}
          </Stack>
        );
      }}
    </CaseStaffStep>
  );
}

export const ConfirmLapseForm = (props: StepFormProps) => <LapseStep {...props} step="ConfirmLapse" />;
export const ExtendLapsedDeadlineForm = (props: StepFormProps) => (
  <LapseStep {...props} step="ExtendLapsedDeadline" />
);
