import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AccreditationState } from '../domain/accreditation';
import type { Actor, CommandInput } from '../domain/commands';

/**
 * The commands people give. Timers are the workflow's own (`ElapseTimer`), and the certificate
 * number of a grant is derived inside the workflow, so neither comes from outside.
 */
export type StepCommand =
  | Exclude<CommandInput, { type: 'Grant' | 'ElapseTimer' }>
  | { type: 'Grant'; data: Record<string, never> };

/** A human step: the command and who gives it (authenticated by the API). */
export interface CommandRequest {
  command: StepCommand;
  actor: Actor;
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
