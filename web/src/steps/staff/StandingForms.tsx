import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { ReasonField, requiredText } from './fields';
import { type ConfirmedStep, StaffStepFrame } from './StaffStepFrame';

function send(
  stepType: ConfirmedStep,
  id: string,
  idempotencyKey: string,
  reason: string,
  complaintId?: string,
) {
  const params = { path: { id }, header: { 'idempotency-key': idempotencyKey } };
  if (stepType === 'Suspend') {
    return api.POST('/accreditations/{id}/suspend', {
      params,
      body: { reason, ...(complaintId ? { complaintId } : {}) },
    });
  }
  if (stepType === 'ScheduleSpecialAudit') {
    return api.POST('/accreditations/{id}/special-audits', {
      params,
      body: { reason, ...(complaintId ? { complaintId } : {}) },
    });
  }
  if (stepType === 'Reinstate')
    return api.POST('/accreditations/{id}/reinstate', { params, body: { reason } });
  return api.POST('/accreditations/{id}/withdraw', { params, body: { reason } });
}

/** Suspend, reinstate, withdraw or schedule a special audit: a required reason, and a confirmation before it is sent. */
function StandingForm({
  accreditationId,
  subjectId,
  onDone,
  step: stepType,
}: StepFormProps & { step: ConfirmedStep }) {
  const { t } = useTranslation('staffSteps');
  const step = useStepForm({
    initialValues: { reason: '' },
    validate: { reason: requiredText(t('required')) },
    // A suspension or special audit opened from a complaint's task (its subject) names the complaint.
    submit: ({ reason }, idempotencyKey) =>
      send(
        stepType,
        accreditationId,
        idempotencyKey,
        reason,
        subjectId !== accreditationId ? subjectId : undefined,
      ),
    onDone,
  });
  return (
    <StaffStepFrame
      step={stepType}
      form={step}
      confirm={stepType}
      validate={() => !step.form.validate().hasErrors}
    >
      <ReasonField form={step.form} />
    </StaffStepFrame>
  );
}

export const SuspendForm = (props: StepFormProps) => <StandingForm {...props} step="Suspend" />;
export const ReinstateForm = (props: StepFormProps) => <StandingForm {...props} step="Reinstate" />;
export const WithdrawForm = (props: StepFormProps) => <StandingForm {...props} step="Withdraw" />;
export const ScheduleSpecialAuditForm = (props: StepFormProps) => (
  <StandingForm {...props} step="ScheduleSpecialAudit" />
);
