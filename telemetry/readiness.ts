/**
 * Readiness: whether this process can do its work, component by component. The API answers it at
 * `GET /health/ready`; the worker logs it and reports it as metrics. Every check runs under a
 * deadline, so a hung component makes the check fail rather than the caller wait.
 */
import type { ConnectionLike } from '@temporalio/client';
import protos from '@temporalio/proto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { type OutboxBacklog, outboxBacklog, pingDatabase } from '../db/health';

export const components = ['postgres', 'temporal', 'worker', 'outbox'] as const;
export type Component = (typeof components)[number];

export interface ComponentCheck {
  up: boolean;
  /** What was seen, in words (an error message when down). */
  detail: string;
}

export interface Readiness {
  ready: boolean;
  components: Record<Component, ComponentCheck>;
  /** Workers polling the task queue for workflow tasks, as Temporal saw them recently. */
  pollers: number | null;
  outbox: OutboxBacklog | null;
}

export interface ReadinessOptions {
  db: Kysely<Database>;
  temporal: ConnectionLike;
  namespace: string;
  taskQueue: string;
  /** The outbox counts as down when its oldest due notification has waited longer (seconds). */
  maxOutboxAgeSeconds?: number;
  /** Deadline of each check (default 2 s). */
  timeoutMs?: number;
}

/**
 * A poller counts when Temporal saw it poll within this window. An idle worker's long poll lasts
 * up to a minute before it polls again; Temporal forgets a poller only after five minutes.
 */
const pollerWindowMs = 90_000;

/** A quarter of an hour: the dispatcher retries a transient failure after 30 s, doubling each time. */
export const defaultMaxOutboxAgeSeconds = 900;

// A CommonJS module: its namespaces are properties of the default export under Node's ESM loader.
const { TaskQueueKind, TaskQueueType } = protos.temporal.api.enums.v1;

const messageOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: string }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error: messageOf(error) };
  }
}

async function recentPollers(options: ReadinessOptions, deadline: number): Promise<number> {
  const response = await options.temporal.withDeadline(deadline, () =>
    options.temporal.workflowService.describeTaskQueue({
      namespace: options.namespace,
      taskQueue: {
        name: options.taskQueue,
        kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL,
      },
      taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    }),
  );
  const since = Date.now() - pollerWindowMs;
  return (response.pollers ?? []).filter((poller) => {
    const seconds = Number(poller.lastAccessTime?.seconds ?? 0);
    return seconds * 1000 >= since;
  }).length;
}

/** Checks every component at once; `ready` only when all are up. */
export async function checkReadiness(options: ReadinessOptions): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const deadline = Date.now() + timeoutMs;
  const [postgres, namespace, pollers, outbox] = await Promise.all([
    settle(withTimeout(pingDatabase(options.db), timeoutMs, 'PostgreSQL')),
    settle(
      options.temporal.withDeadline(deadline, () =>
        options.temporal.workflowService.describeNamespace({ namespace: options.namespace }),
      ),
    ),
    settle(recentPollers(options, deadline)),
    settle(withTimeout(outboxBacklog(options.db), timeoutMs, 'PostgreSQL')),
  ]);

  const checks: Record<Component, ComponentCheck> = {
    postgres: 'error' in postgres ? { up: false, detail: postgres.error } : { up: true, detail: 'answers' },
    temporal:
      'error' in namespace
        ? { up: false, detail: namespace.error }
        : { up: true, detail: `namespace ${options.namespace} answers` },
    worker:
      'error' in pollers
        ? { up: false, detail: `unknown: ${pollers.error}` }
        : pollers.value > 0
          ? { up: true, detail: `${pollers.value} poller(s) on task queue ${options.taskQueue}` }
          : { up: false, detail: `no worker polls task queue ${options.taskQueue}` },
    outbox: outboxCheck(outbox, options.maxOutboxAgeSeconds ?? defaultMaxOutboxAgeSeconds),
  };
  return {
    ready: components.every((component) => checks[component].up),
    components: checks,
    pollers: 'value' in pollers ? pollers.value : null,
    outbox: 'value' in outbox ? outbox.value : null,
  };
}

function outboxCheck(
  outbox: { value: OutboxBacklog } | { error: string },
  maxAgeSeconds: number,
): ComponentCheck {
  if ('error' in outbox) return { up: false, detail: `unknown: ${outbox.error}` };
  const { due, oldestAgeSeconds } = outbox.value;
  const age = Math.round(oldestAgeSeconds);
  if (oldestAgeSeconds > maxAgeSeconds) {
    return { up: false, detail: `${due} due, the oldest waiting ${age} s (limit ${maxAgeSeconds} s)` };
  }
  return { up: true, detail: due === 0 ? 'nothing due' : `${due} due, the oldest waiting ${age} s` };
}

/** The components that are down, for a message: "postgres (connect ECONNREFUSED …), outbox (…)". */
export function describeDown(readiness: Readiness): string {
  return components
    .filter((component) => !readiness.components[component].up)
    .map((component) => `${component} (${readiness.components[component].detail})`)
    .join(', ');
}
