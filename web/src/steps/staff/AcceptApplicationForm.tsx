import { api } from '../../api/client';
import type { StepFormProps } from '../types';
import { useStepForm } from '../use-step-form';
import { StaffStepFrame } from './StaffStepFrame';

/** Accept the Antrag after the case manager's review: the Dokumentenprüfung can begin. */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const step = useStepForm({
    initialValues: {},
    submit: (_values, idempotencyKey) =>
      api.POST('/accreditations/{id}/application/accept', {
        params: { path: { id: accreditationId }, header: { 'idempotency-key': idempotencyKey } },
        body: {},
      }),
    onDone,
  });
  return <StaffStepFrame step="AcceptApplication" form={step} />;
}
