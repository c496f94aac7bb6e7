import { api } from '../../api/client';
import { FieldlessStep } from '../staff/FieldlessStep';
import type { StepFormProps } from '../types';

/** Take an appeal from the queue (a decision maker not involved in the decision appealed). */
export function Component({ accreditationId, subjectId, onDone }: StepFormProps) {
  const send = (key: string) =>
    api.POST('/accreditations/{id}/appeals/take', {
      params: { path: { id: accreditationId }, header: { 'idempotency-key': key } },
      body: { appealId: subjectId ?? '' },
    });
  return <FieldlessStep step="TakeAppeal" send={send} onDone={onDone} />;
}
