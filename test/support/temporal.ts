import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import type { Database } from '../../db/database';
import { createWorker } from '../../worker/worker';

export interface TestTemporal {
  client: Client;
  taskQueue: string;
  worker: Worker;
  /** Resolves when the worker has stopped (after `close`). */
  close(): Promise<void>;
}

let runtimeInstalled = false;

/** Worker logs at WARN, so test output shows what matters. Once per process (each test file). */
export function installQuietRuntime() {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

export type WorkerTuning = Parameters<typeof createWorker>[0]['tuning'];

/**
 * `TEST_MAX_CACHED_WORKFLOWS=2 npx vitest run …` runs the workflow tests with a tiny sticky cache, so
 * workflows are evicted and replayed from their history all the time: a check of determinism.
 */
export function tuningFromEnv(): WorkerTuning {
  const value = process.env.TEST_MAX_CACHED_WORKFLOWS;
  if (!value) return undefined;
  const maxCachedWorkflows = Number(value);
  if (!Number.isInteger(maxCachedWorkflows) || maxCachedWorkflows < 0) {
    throw new Error(`TEST_MAX_CACHED_WORKFLOWS=${value} is not a whole number`);
  }
  // The SDK caps concurrent workflow tasks at the cache size (with a warning) unless the cache is off.
  return maxCachedWorkflows === 0
    ? { maxCachedWorkflows }
    : { maxCachedWorkflows, maxConcurrentWorkflowTaskExecutions: Math.max(2, maxCachedWorkflows) };
}

/**
 * A client and a running worker on a task queue of their own, against the dev server of the run,
 * with the workflow bundle built once in global setup. Without `tuning`, `TEST_MAX_CACHED_WORKFLOWS`
 * applies (see `tuningFromEnv`).
 */
export async function startTestTemporal(
  db: Kysely<Database>,
  tuning: WorkerTuning = tuningFromEnv(),
): Promise<TestTemporal> {
  installQuietRuntime();
  const address = inject('temporalAddress');
  const taskQueue = `test-${randomUUID()}`;
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    db,
    workflowBundle: { code: inject('workflowBundleCode') },
    tuning,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  return {
    client,
    taskQueue,
    worker,
    async close() {
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}
