import { Checkbox } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { PersonSelect, requiredText } from './fields';
import { StaffStepFrame } from './StaffStepFrame';

const key = (idempotencyKey: string) => ({ 'idempotency-key': idempotencyKey });

/** Assign the case manager (Fallverantwortung): a member of staff. */
export function AssignCaseManagerForm({ accreditationId, onDone }: StepFormProps) {
  const { t } = useTranslation('staffSteps');
  const step = useStepForm({
    initialValues: { caseManagerId: '' },
    validate: { caseManagerId: requiredText(t('required')) },
    submit: (body, idempotencyKey) =>
      api.POST('/accreditations/{id}/case-manager', {
        params: { path: { id: accreditationId }, header: key(idempotencyKey) },
        body,
      }),
    onDone,
  });
  return (
    <StaffStepFrame step="AssignCaseManager" form={step}>
      <PersonSelect form={step.form} field="caseManagerId" userRole="staff" label={t('caseManager')} />
    </StaffStepFrame>
  );
}

function AssignAuditorForm({
  accreditationId,
  onDone,
  step: stepType,
}: StepFormProps & { step: 'AssignDocumentReviewer' | 'AssignLeadAuditor' }) {
  const { t } = useTranslation('staffSteps');
  const step = useStepForm({
    initialValues: { auditorId: '', conflictOfInterestDeclaredFree: false },
    validate: { auditorId: requiredText(t('required')) },
    submit: (body, idempotencyKey) => {
      const params = { path: { id: accreditationId }, header: key(idempotencyKey) };
      return stepType === 'AssignDocumentReviewer'
        ? api.POST('/accreditations/{id}/document-reviewer', { params, body })
        : api.POST('/accreditations/{id}/lead-auditor', { params, body });
    },
    onDone,
  });
  return (
    <StaffStepFrame step={stepType} form={step}>
      <PersonSelect form={step.form} field="auditorId" userRole="auditor" label={t('auditor')} />
      <Checkbox
        label={t('conflictFree')}
        {...step.form.getInputProps('conflictOfInterestDeclaredFree', { type: 'checkbox' })}
        key={step.form.key('conflictOfInterestDeclaredFree')}
      />
    </StaffStepFrame>
  );
}

export const AssignDocumentReviewerForm = (props: StepFormProps) => (
  <AssignAuditorForm {...props} step="AssignDocumentReviewer" />
);
export const AssignLeadAuditorForm = (props: StepFormProps) => (
  <AssignAuditorForm {...props} step="AssignLeadAuditor" />
);

/** A decision maker chosen for a step: the case's pending decision, or an appeal. */
function DecisionMakerForm({
  step: stepType,
  send,
  onDone,
}: {
  step: 'AssignDecisionMaker' | 'AssignAppealHandler';
  send: (decisionMakerId: string, idempotencyKey: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const { t } = useTranslation('staffSteps');
  const step = useStepForm({
    initialValues: { decisionMakerId: '' },
    validate: { decisionMakerId: requiredText(t('required')) },
    submit: (body, idempotencyKey) => send(body.decisionMakerId, idempotencyKey),
    onDone,
  });
  return (
    <StaffStepFrame step={stepType} form={step}>
      <PersonSelect
        form={step.form}
        field="decisionMakerId"
        userRole="decision_maker"
        label={t('decisionMaker')}
      />
    </StaffStepFrame>
  );
}

/** Give a case's pending decision to a decision maker (rule set 3); only they are then asked. */
export const AssignDecisionMakerForm = ({ accreditationId, onDone }: StepFormProps) => (
  <DecisionMakerForm
    step="AssignDecisionMaker"
    send={(decisionMakerId, idempotencyKey) =>
      api.POST('/accreditations/{id}/decision-maker', {
        params: { path: { id: accreditationId }, header: key(idempotencyKey) },
        body: { decisionMakerId },
      })
    }
    onDone={onDone}
  />
);

/** Give an appeal (`?subject=` the appeal) to a decision maker not involved in the decision appealed. */
export const AssignAppealHandlerForm = ({ accreditationId, subjectId, onDone }: StepFormProps) => (
  <DecisionMakerForm
    step="AssignAppealHandler"
    send={(decisionMakerId, idempotencyKey) =>
      api.POST('/accreditations/{id}/appeals/handler', {
        params: { path: { id: accreditationId }, header: key(idempotencyKey) },
        body: { appealId: subjectId ?? '', decisionMakerId },
      })
    }
    onDone={onDone}
  />
);
