import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities, StoredEvent } from '../activities';
import {
  acknowledgementDue,
  type ComplaintActor,
  type ComplaintCommand,
  type ComplaintContext,
  type ComplaintEvent,
  type ComplaintState,
  decideComplaint,
  evolveComplaint,
  humanComplaintCommands,
  initialComplaintState,
  pendingFollowUp,
} from '../domain/complaint';
import { toEpochMs } from '../domain/duration';
import {
  type ComplaintOutcome,
  type ComplaintRequest,
  complaintCommandUpdate,
  complaintStateQuery,
  complaintStreamId,
} from './complaint-messages';
import { assertSignedByApi } from './signed-steps';

export interface ComplaintWorkflowInput {
  complaintId: string;
}

const { appendEvents } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '50ms', maximumInterval: '2s', backoffCoefficient: 2 },
});
// The case's workflow may be busy or down for a while: the follow-up waits for it, a refusal is an answer.
const { actOnCase } = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

const system: ComplaintActor = { id: 'system', role: 'system' };
const now = () => new Date().toISOString();

function refuse(code: string, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

/** A sender that skipped the API's schema: a step people may not send, or no step at all. */
function assertHumanStep({ command, actor }: ComplaintRequest) {
  const type = (command as { type?: unknown } | undefined)?.type;
  const data = (command as { data?: unknown } | undefined)?.data;
  if (!humanComplaintCommands.includes(type as never) || typeof data !== 'object' || !data) {
    refuse('invalid_command', `Not a step on a complaint: ${typeof type === 'string' ? type : 'no type'}`);
  }
  if (actor?.role === 'system') refuse('not_authorised', 'The workflow’s own steps are its own.');
}

/**
 * One complaint to DIM (domain/complaint), from its receipt to its close: each person's step is the
 * signed `command` update, decided by `decideComplaint` and appended to the complaint's own stream
 * before the step returns. The acknowledgement deadline is a durable timer (missed: staff are told);
 * a decided follow-up acts on the organisation's running case (`actOnCase`) before it is answered.
 */
export async function complaintWorkflow({ complaintId }: ComplaintWorkflowInput): Promise<ComplaintState> {
  const streamId = complaintStreamId(complaintId);
  let state = initialComplaintState();
  let version = 0;

  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(step: () => Promise<T>): Promise<T> => {
    const result = queue.then(step);
    queue = result.catch(() => undefined);
    return result;
  };

  const outcome = (eventTypes: string[]): ComplaintOutcome => ({ version, eventTypes, status: state.status });

  /**
   * Decides a step and appends its events under keys derived from the step. Events another,
   * lost attempt of a workflow task stored are folded in; were they this step's, they are its outcome.
   */
  async function take(causationId: string, command: ComplaintCommand, actor: ComplaintActor) {
    for (;;) {
      const context: ComplaintContext = { now: now(), actor };
      const decision = decideComplaint(command, state, context);
      if (!decision.ok) refuse(decision.rejection.code, decision.rejection.message);
      if (decision.events.length === 0) return outcome([]);
      const { workflowId, runId } = workflowInfo();
      const metadata = {
        actorId: actor.id,
        actorRole: actor.role,
        workflowId,
        runId,
        command: command.type,
        causationId,
      };
      const appended = await appendEvents({
        streamId,
        expectedVersion: version,
        events: decision.events.map((event, index) => ({
          type: event.type,
          data: event.data,
          metadata,
          businessTime: context.now,
          idempotencyKey: `${streamId}/${causationId}/${index}`,
        })),
      });
      fold(appended.recorded);
      const own = appended.recorded.filter((event) => event.causationId === causationId);
      if (appended.status !== 'conflict' || own.length > 0) return outcome(own.map((event) => event.type));
    }
  }

  function fold(recorded: StoredEvent[]) {
    for (const stored of recorded) {
      state = evolveComplaint(state, { type: stored.type, data: stored.data } as ComplaintEvent);
      version = stored.version;
    }
  }

  /** A decided special audit or suspension goes to the case; what became of it is recorded. */
  async function followUpOnCase(reasons: string) {
    const followUp = pendingFollowUp(state);
    if (followUp === null || followUp === 'none') return;
    const { accreditationId } = state.subject;
    const decidedBy = state.investigatorId ?? '';
    const result = accreditationId
      ? await actOnCase({ complaintId, accreditationId, followUp, decidedBy, reasons })
      : { status: 'no_running_case' as const, detail: null };
    await take(`follow-up:${followUp}`, { type: 'RecordComplaintFollowUp', data: result }, system);
  }

  setHandler(
    complaintCommandUpdate,
    (request: ComplaintRequest) => {
      const causationId = `update:${currentUpdateInfo()?.id}`;
      return serialised(async () => {
        const stepOutcome = await take(causationId, request.command, request.actor);
        if (request.command.type !== 'ResolveComplaint') return stepOutcome;
        await followUpOnCase(request.command.data.reasons);
        return outcome(stepOutcome.eventTypes);
      });
    },
    {
      validator: (request: ComplaintRequest) => {
        assertSignedByApi(request, currentUpdateInfo()?.id ?? '');
        assertHumanStep(request);
        const decision = decideComplaint(request.command, state, { now: now(), actor: request.actor });
        if (!decision.ok) refuse(decision.rejection.code, decision.rejection.message);
      },
    },
  );
  setHandler(complaintStateQuery, () => ({ state, version }));

  // Started together with its lodging; should that be refused, nothing is left to wait for.
  if (!(await condition(() => state.status !== 'none', '1 minute'))) return state;

  for (let due = acknowledgementDue(state); due !== null; due = acknowledgementDue(state)) {
    const deadline = due;
    const moved = await condition(
      () => acknowledgementDue(state) !== deadline,
      Math.max(0, toEpochMs(deadline) - toEpochMs(now())),
    );
    if (!moved) {
      await serialised(() =>
        take(`timer:acknowledgement`, { type: 'MissComplaintAcknowledgement', data: {} }, system),
      );
    }
  }

  await condition(() => state.status === 'closed');
  await condition(allHandlersFinished);
  return state;
}
