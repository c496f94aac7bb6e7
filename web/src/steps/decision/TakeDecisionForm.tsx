import { api } from '../../api/client';
import { FieldlessStep } from '../staff/FieldlessStep';
import type { StepFormProps } from '../types';

/** Take the case's pending decision from the queue (rule set 3): a task's "Entscheidung übernehmen". */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const send = (key: string) =>
    api.POST('/accreditations/{id}/decision-maker/take', {
      params: { path: { id: accreditationId }, header: { 'idempotency-key': key } },
      body: {},
    });
  return <FieldlessStep step="TakeDecision" send={send} onDone={onDone} />;
}
