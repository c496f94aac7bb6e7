import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { NewEvent } from '../db/event-store';
import { certificateNumberFrom } from '../domain/certificate-number';
import { type Actor, type Command, type CommandContext, CommandSchema } from '../domain/commands';
import { type Decision, decide } from '../domain/decide';
import { toEpochMs } from '../domain/duration';
import type { AccreditationEvent } from '../domain/events';
import { type AccreditationState, evolve, initialState, isFinished } from '../domain/state';
import { dueTimers } from '../domain/timers';
import {
  accreditationStreamId,
  type CommandOutcome,
  type CommandRequest,
  commandUpdate,
  type StepCommand,
  stateQuery,
} from './messages';
import { accreditationStatusKey, organisationNameKey } from './search-attributes';

export interface AccreditationWorkflowInput {
  accreditationId: string;
  /** Carried over by continue-as-new at the start of each new cycle. */
  resume?: { state: AccreditationState; version: number };
}

// A local activity: the user waits for this append (DESIGN.md §5 has the measured difference).
const { appendEvents } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '50ms', maximumInterval: '2s', backoffCoefficient: 2 },
});

const system: Actor = { id: 'system', role: 'system' };

/** The workflow's deterministic clock: the time of the current workflow task. */
const now = () => new Date().toISOString();

/** A placeholder number that passes validation; the handler derives the real one. */
const validationCertificateUuid = '00000000-0000-4000-8000-000000000000';

/** Parses a step at the workflow's boundary; the grant gets its certificate number here. */
function toDomainCommand(step: StepCommand, at: string, certificateUuid: string): Command {
  const parsed = CommandSchema.safeParse(
    step.type === 'Grant'
      ? { type: 'Grant', data: { certificateNumber: certificateNumberFrom(at, certificateUuid) } }
      : step,
  );
  if (!parsed.success) {
    throw ApplicationFailure.create({
      type: 'invalid_command',
      message: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      nonRetryable: true,
    });
  }
  return parsed.data;
}

function reject(decision: Extract<Decision, { ok: false }>): never {
  throw ApplicationFailure.create({
    type: decision.rejection.code,
    message: decision.rejection.message,
    nonRetryable: true,
  });
}

/**
 * One accreditation through DIM 1002:2024, for years: every human step arrives as the `command`
 * update, every deadline is a durable timer from the domain's `dueTimers`, every fact is appended
 * to the event store (with the projections) before the step returns. Continues as new with each
 * new certification cycle.
 */
export async function accreditationWorkflow(input: AccreditationWorkflowInput): Promise<AccreditationState> {
  const streamId = accreditationStreamId(input.accreditationId);
  let state = input.resume?.state ?? initialState();
  let version = input.resume?.version ?? 0;
  const startCycle = state.status === 'none' ? 1 : state.cycle;

  // Steps run one at a time: each decides on the state the previous one left.
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(step: () => Promise<T>): Promise<T> => {
    const result = queue.then(step);
    queue = result.catch(() => undefined);
    return result;
  };

  /** Appends the decided events (with the projections), then moves the live state on. */
  async function commit(
    command: Command,
    events: AccreditationEvent[],
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const { workflowId, runId } = workflowInfo();
    const newEvents: NewEvent[] = events.map((event, index) => ({
      type: event.type,
      data: event.data,
      metadata: {
        actorId: context.actor.id,
        actorRole: context.actor.role,
        workflowId,
        runId,
        command: command.type,
      },
      businessTime: context.now,
      idempotencyKey: `${streamId}:${version + index + 1}`,
    }));
    if (newEvents.length > 0) {
      await appendEvents({ streamId, expectedVersion: version, events: newEvents });
      const statusBefore = state.status;
      for (const event of events) state = evolve(state, event);
      version += events.length;
      if (state.status !== statusBefore) upsertStatus();
    }
    return { version, eventTypes: events.map((event) => event.type), status: state.status };
  }

  function upsertStatus() {
    if (state.status === 'none') return;
    upsertSearchAttributes([
      { key: accreditationStatusKey, value: state.status },
      { key: organisationNameKey, value: state.organisationName },
    ]);
  }

  /** A timer that ran out; a human step may have made it moot while it waited for its turn. */
  async function elapse(timerId: string) {
    if (!dueTimers(state).some((timer) => timer.id === timerId)) return;
    const command: Command = { type: 'ElapseTimer', data: { timerId } };
    const context = { now: now(), actor: system };
    const decision = decide(command, state, context);
    // A listed timer the domain refuses is a bug: fail the workflow task (retried once fixed), never spin.
    if (!decision.ok) throw new Error(`Timer ${timerId} refused: ${decision.rejection.message}`);
    await commit(command, decision.events, context);
  }

  setHandler(
    commandUpdate,
    ({ command, actor }: CommandRequest) =>
      serialised(() => {
        const context = { now: now(), actor };
        const domainCommand = toDomainCommand(command, context.now, uuid4());
        const decision = decide(domainCommand, state, context);
        if (!decision.ok) reject(decision);
        return commit(domainCommand, decision.events, context);
      }),
    {
      validator: ({ command, actor }: CommandRequest) => {
        if ((command.type as string) === 'ElapseTimer' || actor.role === 'system') {
          throw ApplicationFailure.create({
            type: 'not_authorised',
            message: 'Timers are the workflow’s own.',
          });
        }
        const at = now();
        const decision = decide(toDomainCommand(command, at, validationCertificateUuid), state, {
          now: at,
          actor,
        });
        if (!decision.ok) reject(decision);
      },
    },
  );
  setHandler(stateQuery, () => ({ state, version }));

  // Started together with its opening step; should that step be refused, nothing is left to wait for.
  if (state.status === 'none' && !(await condition(() => state.status !== 'none', '1 minute'))) return state;

  while (!isFinished(state) && state.status !== 'none' && state.cycle === startCycle) {
    const [next] = dueTimers(state);
    const seen = version;
    if (!next) {
      await condition(() => version !== seen);
      continue;
    }
    const changed = await condition(
      () => version !== seen,
      Math.max(0, toEpochMs(next.at) - toEpochMs(now())),
    );
    if (!changed) await serialised(() => elapse(next.id));
  }

  await condition(allHandlersFinished);
  if (!isFinished(state)) {
    return continueAsNew<typeof accreditationWorkflow>({
      accreditationId: input.accreditationId,
      resume: { state, version },
    });
  }
  return state;
}
