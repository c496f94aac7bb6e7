import type { StepType } from '../../cases/status';
import { useStepForm } from '../use-step-form';
import { StaffStepFrame } from './StaffStepFrame';

/** A step without fields (its body is `{}`): the frame with its purpose, the refusal and the button. */
export function FieldlessStep({
  step,
  send,
  onDone,
}: {
  step: StepType;
  /** Sends the step with the form's idempotency key. */
  send: (idempotencyKey: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const form = useStepForm({ initialValues: {}, submit: (_values, key) => send(key), onDone });
  return <StaffStepFrame step={step} form={form} />;
}
