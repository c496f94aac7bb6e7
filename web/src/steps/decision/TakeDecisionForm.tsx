import { api } from '../../api/client';
import { StaffStepFrame } from '../staff/StaffStepFrame';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';

/** Take the case's pending decision from the queue (rule set 3): a task's "Entscheidung übernehmen". */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const step = useStepForm({
    initialValues: {},
    submit: (_values, idempotencyKey) =>
      api.POST('/accreditations/{id}/decision-maker/take', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': idempotencyKey } },
        body: {},
      }),
    onDone,
  });
  return <StaffStepFrame step="TakeDecision" form={step} />;
}
