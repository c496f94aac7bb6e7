import { randomUUID } from 'node:crypto';
import {
  type Client,
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type Actor, type StepCommandInput, StepCommandSchema } from '../domain/commands';
import type { accreditationWorkflow } from '../workflows/accreditation';
import {
  accreditationWorkflowId,
  type CommandOutcome,
  type CommandRequest,
  commandUpdate,
} from '../workflows/messages';
import { isOutage } from './outages';
import { ProblemError, problem } from './problems';

/** How long a request waits for the workflow before answering 503 with a retry-safe update id. */
export const defaultStepTimeoutMs = 10_000;

/** Rejections that say the actor may not act (rather than that the step does not fit the state). */
const refusals = new Set([
  'not_authorised',
  'not_assigned',
  'not_own_case',
  'four_eyes_violation',
  'involved_in_decision',
]);

/** Rejections of what the step says, whatever the state (a sender that skipped the API's schema). */
const invalidInput = new Set([
  'invalid_command',
  'policy_beyond_limits',
  'unknown_technical_area',
  'technical_areas_missing',
]);

/** A step as callers give it, not yet parsed: `toCommandRequest` parses it. */
export interface StepRequest {
  command: StepCommandInput;
  actor: Actor;
}

export interface StepOptions {
  /** The Temporal update id; a repeated request with the same id attaches to the same update. */
  updateId?: string;
  /** What the client should send back as `Idempotency-Key` to retry (default: the update id). */
  retryKey?: string;
  timeoutMs?: number;
}

function toProblem(error: unknown, retryKey: string): ProblemError {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const code = error.cause.type ?? 'rejected';
    // The API signs every step (api/step-signing.ts): a refused signature means the keys differ.
    if (code === 'step_not_signed')
      throw new Error('The worker refused the API’s step signature: STEP_SIGNING_KEY differs.');
    if (refusals.has(code)) return new ProblemError(problem('forbidden', error.cause.message, { code }));
    if (invalidInput.has(code)) return new ProblemError(problem('validation', error.cause.message, { code }));
    return new ProblemError(problem('conflict', error.cause.message, { code }));
  }
  if (error instanceof WorkflowNotFoundError) {
    return new ProblemError(problem('notFound', 'No such accreditation.'));
  }
  if (
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    isDeadlineExceeded(error) ||
    isOutage(error)
  ) {
    return new ProblemError(
      problem(
        'unavailable',
        'The accreditation did not answer in time; repeat the request with the header Idempotency-Key set to updateId.',
        { updateId: retryKey },
      ),
    );
  }
  throw error;
}

function isDeadlineExceeded(error: unknown): boolean {
  return (
    error instanceof Error && /DEADLINE_EXCEEDED|deadline/i.test(`${error.message} ${String(error.cause)}`)
  );
}

/**
 * Parses a step for the workflow's `command` update (defaults applied), so the workflow need not
 * bundle zod; a step route's body is parsed by the same data schema. A step that does not parse is
 * a 400 with code `invalid_command`.
 */
export function toCommandRequest({ command, actor }: StepRequest): CommandRequest {
  const parsed = StepCommandSchema.safeParse(command);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'command'}: ${issue.message}`)
      .join('; ');
    throw new ProblemError(problem('validation', message, { code: 'invalid_command' }));
  }
  return { command: parsed.data, actor };
}

/**
 * Sends a parsed step as a workflow's `command` update (a case's or a complaint's) under a
 * deadline; a timeout or a refusal becomes a problem. `send` gets the update's arguments and id.
 */
export async function sendCommand<Request, Outcome>(
  temporal: Client,
  request: Request,
  options: StepOptions,
  send: (args: [Request], updateId: string) => Promise<Outcome>,
): Promise<Outcome> {
  const args: [Request] = [request];
  const updateId = options.updateId ?? randomUUID();
  try {
    return await temporal.withDeadline(Date.now() + (options.timeoutMs ?? defaultStepTimeoutMs), () =>
      send(args, updateId),
    );
  } catch (error) {
    throw toProblem(error, options.retryKey ?? updateId);
  }
}

/**
 * A human step on one accreditation, already parsed (a step route's body is, by its schema), as a
 * Temporal update. Resolves when the workflow has appended the events and updated the read model.
 * `updateId` makes a repeated request safe.
 */
export function executeCommand(
  temporal: Client,
  accreditationId: string,
  request: CommandRequest,
  options: StepOptions = {},
): Promise<CommandOutcome> {
  const handle = temporal.workflow.getHandle(accreditationWorkflowId(accreditationId));
  return sendCommand(temporal, request, options, (args, updateId) =>
    handle.executeUpdate(commandUpdate, { args, updateId }),
  );
}

/** `executeCommand` for a step not yet parsed. */
export async function executeStep(
  temporal: Client,
  accreditationId: string,
  request: StepRequest,
  options: StepOptions = {},
): Promise<CommandOutcome> {
  return executeCommand(temporal, accreditationId, toCommandRequest(request), options);
}

/** Opening an accreditation starts its workflow and runs the first step in one call. */
export async function openAccreditation(
  temporal: Client,
  taskQueue: string,
  accreditationId: string,
  request: StepRequest,
  options: StepOptions = {},
): Promise<CommandOutcome> {
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof accreditationWorkflow>(
    'accreditationWorkflow',
    {
      workflowId: accreditationWorkflowId(accreditationId),
      taskQueue,
      args: [{ accreditationId }],
      // A repeated opening (same id, same update id) attaches to the first one's update.
      workflowIdConflictPolicy: 'USE_EXISTING',
    },
  );
  return sendCommand(temporal, toCommandRequest(request), options, (args, updateId) =>
    temporal.workflow.executeUpdateWithStart(commandUpdate, { args, updateId, startWorkflowOperation }),
  );
}
