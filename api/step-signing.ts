/**
 * Signs every `command` update a Temporal client sends (domain/step-signature.ts): a client
 * interceptor, so each way the API sends a step (a step route, opening, a retry under the same
 * Idempotency-Key) is signed in one place. The signature covers the update id, so the id is
 * chosen here when the caller gave none.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { type SignedStepFields, stepSigningInput } from '../domain/step-signature';
import { type CommandRequest, commandUpdate } from '../workflows/messages';

function signed(key: string, request: CommandRequest, updateId: string, workflowId: string): CommandRequest {
  const fields: SignedStepFields = { updateId, workflowId, command: request.command, actor: request.actor };
  const signature = createHmac('sha256', key).update(stepSigningInput(fields)).digest('hex');
  return { command: request.command, actor: request.actor, signature };
}

export function stepSigningInterceptor(key: string): WorkflowClientInterceptor {
  return {
    startUpdate(input, next) {
      if (input.updateName !== commandUpdate.name) return next(input);
      const updateId = input.options.updateId ?? randomUUID();
      const request = signed(
        key,
        input.args[0] as CommandRequest,
        updateId,
        input.workflowExecution.workflowId,
      );
      return next({ ...input, args: [request], options: { ...input.options, updateId } });
    },
    startUpdateWithStart(input, next) {
      if (input.updateName !== commandUpdate.name) return next(input);
      const updateId = input.updateOptions.updateId ?? randomUUID();
      const workflowId = input.workflowStartOptions.workflowId;
      const request = signed(key, input.updateArgs[0] as CommandRequest, updateId, workflowId);
      return next({ ...input, updateArgs: [request], updateOptions: { ...input.updateOptions, updateId } });
    },
  };
}
