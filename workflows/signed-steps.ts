import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import { isStepSignatureValid, sandboxKeyGlobal } from '../domain/step-signature';

/** What a signed update carries besides its step: the step, its actor and the API's signature. */
export interface SignedRequest {
  command: unknown;
  actor: unknown;
  signature?: string;
}

/**
 * Refuses a step the API did not sign: one sent to Temporal by anyone else, whatever actor it
 * names. The worker hands the key into the sandbox (worker/step-signing.ts); validators do not run
 * on replay, so histories of steps taken before signatures replay as they were.
 */
export function assertSignedByApi({ command, actor, signature }: SignedRequest, updateId: string) {
  const key = (globalThis as Record<string, unknown>)[sandboxKeyGlobal];
  const { workflowId } = workflowInfo();
  if (
    typeof key !== 'string' ||
    !isStepSignatureValid(key, { updateId, workflowId, command, actor }, signature)
  ) {
    throw ApplicationFailure.create({
      type: 'step_not_signed',
      message: 'The step does not carry a valid signature of the API.',
      nonRetryable: true,
    });
  }
}
