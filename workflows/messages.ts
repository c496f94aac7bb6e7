import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AccreditationState } from '../domain/accreditation';
import type { Actor, StepCommand } from '../domain/commands';

/**
 * A human step: the command, parsed by its command schema in the API (a step route's body schema
 * or `toCommandRequest`), and who gives it (authenticated by the API). The workflow keeps zod out of its bundle.
 */
export interface CommandRequest {
  command: StepCommand;
  actor: Actor;
  /** The API's signature of the step (domain/step-signature.ts); the validator refuses a step without it. */
  signature?: string;
}

export interface CommandOutcome {
  /** Stream version after the step; the read model shows at least this version. */
  version: number;
  eventTypes: string[];
  status: AccreditationState['status'];
}

/**
 * Every human step is this one update. Its validator runs the domain's `decide` and rejects an
 * impossible or unauthorised step (`ApplicationFailure` whose `type` is the rejection code)
 * before anything enters the history.
 */
export const commandUpdate = defineUpdate<CommandOutcome, [CommandRequest]>('command');

/** The live state, for debugging views; users read the projections. */
export const stateQuery = defineQuery<{ state: AccreditationState; version: number }>('state');

export const accreditationWorkflowId = (accreditationId: string) => `accreditation-${accreditationId}`;
export const accreditationStreamId = accreditationWorkflowId;
