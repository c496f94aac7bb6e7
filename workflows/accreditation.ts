import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  patched,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities, StoredEvent } from '../activities';
import {
  type AccreditationState,
  type Decision,
  decide,
  dossierOutdated,
  evolve,
  initialState,
  isFinished,
} from '../domain/accreditation';
import { certificateNumberFrom } from '../domain/certificate-number';
import type { Actor, Command, CommandContext, StepCommand } from '../domain/commands';
import { toEpochMs } from '../domain/duration';
import type { AccreditationEvent } from '../domain/events';
import { commandPermits } from '../domain/permissions';
import type { RuleSet } from '../domain/rule-sets';
import { dueTimers, type Timer } from '../domain/timers';
import {
  accreditationStreamId,
  type CommandOutcome,
  type CommandRequest,
  commandUpdate,
  stateQuery,
} from './messages';
import { accreditationStatusKey, organisationIdKey, organisationNameKey } from './search-attributes';
import { assertSignedByApi } from './signed-steps';
import { withStepDefaults } from './step-defaults';

export interface AccreditationWorkflowInput {
  accreditationId: string;
  /** Carried over by continue-as-new at the start of each new cycle. */
  resume?: { state: AccreditationState; version: number };
}

// A local activity: the user waits for this append (ARCHITECTURE.md, decisions: the measured difference).
const { appendEvents } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '50ms', maximumInterval: '2s', backoffCoefficient: 2 },
});

const system: Actor = { id: 'system', role: 'system' };

/** Release 2026-11-26.3: the timer of the next deadline outlives steps that leave it unchanged. */
const timerKeptAcrossSteps = 'timer-kept-across-steps';

/** Issue 20: a run started with this patch decides by rule set 2 (`domain/rule-sets.ts`). */
const ruleSet2 = 'rule-set-2';
/** Issue 20, decisions by the decision function and deadlines where something is owed: rule set 3. */
const ruleSet3 = 'rule-set-3';
/** Issue 20, due dates, reminders and escalations of what is owed: rule set 4. */
const ruleSet4 = 'rule-set-4';
/**
 * Issue 20, a minor finding evidenced with the next Selbstbewertung and special audits on a running
 * case (and the rest of release 2026-11-28.2, such as issue 22's search attributes): rule set 5.
 */
const ruleSet5 = 'rule-set-5';
/**
 * Issue 20, complaints as their own life cycle acting on the case, and scope changes during
 * validity (release 2026-11-28.3): rule set 6.
 */
const ruleSet6 = 'rule-set-6';
/** Issue 20, complaints recorded only as their own (release 2026-11-28.4): rule set 7. */
const ruleSet7 = 'rule-set-7';

/** Asked once per run, both in this order, so that a run of any earlier release replays. */
function runRuleSet(): RuleSet {
  const since2 = patched(ruleSet2);
  const since3 = patched(ruleSet3);
  const since4 = patched(ruleSet4);
  const since5 = patched(ruleSet5);
  const since6 = patched(ruleSet6);
  const since7 = patched(ruleSet7);
  if (since2 && since3 && since4 && since5 && since6 && since7) return 7;
  if (since2 && since3 && since4 && since5 && since6) return 6;
  if (since2 && since3 && since4 && since5) return 5;
  if (since2 && since3 && since4) return 4;
  if (since2 && since3) return 3;
  return since2 ? 2 : 1;
}

/** Refusals of the event store that are answers to the step, not faults to retry (see activities/). */
const storeRefusals = new Set(['certificate_number_taken']);

/** The workflow's deterministic clock: the time of the current workflow task. */
const now = () => new Date().toISOString();

/** A placeholder number that passes validation; the handler derives the real one. */
const validationCertificateUuid = '00000000-0000-4000-8000-000000000000';

/** Release 2026-11-27: a decision records the dossier it was taken on, which must show the case as it is. */
const decisionDossier = 'decision-dossier';

/**
 * The grant takes the certificate number the API drew, or (from a sender that drew none) one
 * derived here, and the dossier it was decided on; every other step is the command itself.
 */
function toDomainCommand(request: StepCommand, at: string, certificateUuid: string): Command {
  const step = withStepDefaults(request);
  if (step.type !== 'Grant') return step;
  const { dossier } = step.data;
  const certificateNumber = step.data.certificateNumber ?? certificateNumberFrom(at, certificateUuid);
  return { type: 'Grant', data: { certificateNumber, ...(dossier ? { dossier } : {}) } };
}

/** The store refused the events (their projection broke a key of the read model): the step is refused. */
function refusedByStore(error: unknown): never {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  if (cause instanceof ApplicationFailure && cause.type && storeRefusals.has(cause.type)) {
    throw ApplicationFailure.create({ type: cause.type, message: cause.message, nonRetryable: true });
  }
  throw error;
}

/**
 * The sender parsed the step with `StepCommandSchema` (zod stays out of the workflow bundle: it
 * would be evaluated again for every workflow the worker loads). This catches a sender that did not.
 */
function assertStepShape(step: StepCommand) {
  const { type, data } = (step ?? {}) as { type?: unknown; data?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(commandPermits, type) || typeof data !== 'object' || !data) {
    throw ApplicationFailure.create({
      type: 'invalid_command',
      message: `Not a step: ${typeof type === 'string' ? type : 'no type'}`,
      nonRetryable: true,
    });
  }
}

interface DecidedStep {
  command: Command;
  context: CommandContext;
  events: AccreditationEvent[];
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
  // Asked once: a run started before a rule set keeps the earlier one to its end (its history replays).
  const ruleSet = runRuleSet();
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

  /** Steps whose events an earlier, lost attempt of a workflow task had stored: causation → outcome. */
  const storedSteps = new Map<string, { version: number; eventTypes: string[] }>();

  /** Moves the live state on by events exactly as the store holds them. */
  function fold(recorded: StoredEvent[], fromLostAttempt: boolean) {
    const statusBefore = state.status;
    for (const stored of recorded) {
      state = evolve(state, { type: stored.type, data: stored.data } as AccreditationEvent);
      version = stored.version;
      if (fromLostAttempt && stored.causationId) {
        const step = storedSteps.get(stored.causationId) ?? { version, eventTypes: [] };
        storedSteps.set(stored.causationId, { version, eventTypes: [...step.eventTypes, stored.type] });
      }
    }
    if (state.status !== statusBefore) upsertStatus();
  }

  /**
   * Decides a step and appends its events (with the projections) under keys derived from the step
   * (`update:<id>` or `timer:<id>`). Should other events already hold those versions — stored by an
   * attempt of a workflow task that was then lost — they are folded in and the step decided again;
   * should they be this very step's, its outcome is returned as it was.
   */
  async function take(causationId: string, decideStep: () => DecidedStep): Promise<CommandOutcome> {
    for (;;) {
      const earlier = storedSteps.get(causationId);
      if (earlier) return { ...earlier, status: state.status };
      const { command, context, events } = decideStep();
      if (events.length === 0) return { version, eventTypes: [], status: state.status };
      const { workflowId, runId } = workflowInfo();
      const metadata = {
        actorId: context.actor.id,
        actorRole: context.actor.role,
        workflowId,
        runId,
        command: command.type,
        causationId,
      };
      const outcome = await appendEvents({
        streamId,
        expectedVersion: version,
        events: events.map((event, index) => ({
          type: event.type,
          data: event.data,
          metadata,
          businessTime: context.now,
          idempotencyKey: `${streamId}/${causationId}/${index}`,
        })),
      }).catch(refusedByStore);
      fold(outcome.recorded, outcome.status === 'conflict');
      if (outcome.status !== 'conflict') {
        return { version, eventTypes: outcome.recorded.map((event) => event.type), status: state.status };
      }
    }
  }

  function isNextTimer(timer: Timer): boolean {
    const [next] = dueTimers(state);
    return next?.id === timer.id && next.at === timer.at;
  }

  function upsertStatus() {
    if (state.status === 'none') return;
    upsertSearchAttributes([
      { key: accreditationStatusKey, value: state.status },
      ruleSet >= 5
        ? { key: organisationIdKey, value: state.organisationId }
        : { key: organisationNameKey, value: state.organisationName },
    ]);
  }

  /** A timer that ran out; a human step may have made it moot while it waited for its turn. */
  async function elapse(timerId: string) {
    if (!dueTimers(state).some((timer) => timer.id === timerId)) return;
    await take(`timer:${timerId}`, () => {
      const command: Command = { type: 'ElapseTimer', data: { timerId } };
      const context: CommandContext = { now: now(), actor: system, ruleSet };
      const decision = decide(command, state, context);
      // A listed timer the domain refuses is a bug: fail the workflow task (retried once fixed), never spin.
      if (!decision.ok) throw new Error(`Timer ${timerId} refused: ${decision.rejection.message}`);
      return { command, context, events: decision.events };
    });
  }

  setHandler(
    commandUpdate,
    ({ command, actor }: CommandRequest) => {
      const causationId = `update:${currentUpdateInfo()?.id}`;
      return serialised(() =>
        take(causationId, () => {
          const context: CommandContext = { now: now(), actor, ruleSet };
          const domainCommand = toDomainCommand(command, context.now, uuid4());
          // Only a decision that carries a dossier reaches the patch: histories without one replay as they were.
          if ('dossier' in domainCommand.data && patched(decisionDossier)) {
            const outdated = dossierOutdated(domainCommand, version);
            if (outdated) reject({ ok: false, rejection: outdated });
          }
          const decision = decide(domainCommand, state, context);
          if (!decision.ok) reject(decision);
          return { command: domainCommand, context, events: decision.events };
        }),
      );
    },
    {
      validator: (request: CommandRequest) => {
        const { command, actor } = request;
        assertSignedByApi(request, currentUpdateInfo()?.id ?? '');
        assertStepShape(command);
        if ((command.type as string) === 'ElapseTimer' || actor.role === 'system') {
          throw ApplicationFailure.create({
            type: 'not_authorised',
            message: 'Timers are the workflow’s own.',
          });
        }
        // Its events are stored already (by a lost attempt): the handler answers with them.
        if (storedSteps.has(`update:${currentUpdateInfo()?.id}`)) return;
        const at = now();
        const domainCommand = toDomainCommand(command, at, validationCertificateUuid);
        const outdated = dossierOutdated(domainCommand, version);
        if (outdated) reject({ ok: false, rejection: outdated });
        const decision = decide(domainCommand, state, { now: at, actor, ruleSet });
        if (!decision.ok) reject(decision);
      },
    },
  );
  setHandler(stateQuery, () => ({ state, version }));

  // Started together with its opening step; should that step be refused, nothing is left to wait for.
  if (state.status === 'none' && !(await condition(() => state.status !== 'none', '1 minute'))) return state;

  const cycleOver = () => isFinished(state) || state.status === 'none' || state.cycle !== startCycle;
  while (!cycleOver()) {
    const [next] = dueTimers(state);
    if (!next) {
      // Wakes when there is a deadline to wait for (or the cycle is over), not at every step. No
      // command was ever issued on the wake-ups this skips, so earlier histories replay the same.
      await condition(() => cycleOver() || dueTimers(state).length > 0);
      continue;
    }
    // A step that leaves the next deadline as it was keeps its timer; before this patch every
    // step cancelled the timer and started it anew (two more history events and server timers).
    const seen = version;
    const wakeUp = patched(timerKeptAcrossSteps)
      ? () => cycleOver() || !isNextTimer(next)
      : () => version !== seen;
    const changed = await condition(wakeUp, Math.max(0, toEpochMs(next.at) - toEpochMs(now())));
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
