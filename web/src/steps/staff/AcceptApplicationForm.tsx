import { api } from '../../api/client';
import type { StepFormProps } from '../types';
import { FieldlessStep } from './FieldlessStep';

/** Accept the Antrag after the case manager's review: the Dokumentenprüfung can begin. */
export function Component({ accreditationId, onDone }: StepFormProps) {
  const send = (key: string) =>
    api.POST('/accreditations/{id}/application/accept', {
      params: { path: { id: accreditationId }, header: { 'idempotency-key': key } },
      body: {},
    });
  return <FieldlessStep step="AcceptApplication" send={send} onDone={onDone} />;
}
