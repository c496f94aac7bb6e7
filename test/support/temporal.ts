import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import type { Database } from '../../db/database';
import { createWorker } from '../../worker/worker';
import { searchAttributeKeys } from '../../workflows/search-attributes';
import { signingInterceptors, testDataConverter, testPayloadKeys, testStepSigningKey } from './step-signing';

/**
 * The server clock of a time-skipping test server: it stands still while a test works (it runs at
 * wall-clock pace then) and jumps ahead, firing the timers due meanwhile, when the test sleeps.
 */
export interface TestClock {
  /** Server time, in ms since the epoch. */
  now(): Promise<number>;
  /** Lets `ms` of server time pass. */
  sleep(ms: number): Promise<void>;
}

export interface TestTemporal {
  client: Client;
  taskQueue: string;
  worker: Worker;
  /** Only on the time-skipping test server. */
  clock?: TestClock;
  /** Resolves when the worker has stopped (after `close`). */
  close(): Promise<void>;
}

let runtimeInstalled = false;

/**
 * Worker logs at WARN, so test output shows what matters (or to `logger`, if the file's first
 * call gives one). Once per process (each test file).
 */
export function installQuietRuntime(logger = new DefaultLogger('WARN')) {
  if (runtimeInstalled) return;
  Runtime.install({ logger });
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

export type TemporalServer = 'dev' | 'time-skipping';

/**
 * A client and a running worker on a task queue of their own, with the workflow bundle built once
 * in global setup: on the dev server of the run (`dev`), or on a time-skipping test server of the
 * caller's own (`time-skipping`: DESIGN.md §6; its clock is shared by every workflow on it, so
 * what sleeps on it runs one after the other: an update sent while another case lets the clock jump
 * can outlive its wait on that server). Without `tuning`,
 * `TEST_MAX_CACHED_WORKFLOWS` applies (see `tuningFromEnv`).
 */
export async function startTestTemporal(
  db: Kysely<Database>,
  options: { server?: TemporalServer; tuning?: WorkerTuning } = {},
): Promise<TestTemporal> {
  installQuietRuntime();
  const server = options.server === 'time-skipping' ? await timeSkippingServer() : await devServer();
  const taskQueue = `test-${randomUUID()}`;
  const worker = await createWorker({
    connection: server.nativeConnection,
    namespace: server.namespace,
    taskQueue,
    db,
    workflowBundle: { code: inject('workflowBundleCode') },
    stepSigningKey: testStepSigningKey,
    payloadKeys: testPayloadKeys,
    tuning: options.tuning ?? tuningFromEnv(),
  });
  const running = worker.run();
  return {
    client: server.client,
    taskQueue,
    worker,
    ...(server.clock ? { clock: server.clock } : {}),
    async close() {
      worker.shutdown();
      await running;
      await server.close();
    },
  };
}

interface Server {
  client: Client;
  namespace: string;
  nativeConnection: NativeConnection;
  clock?: TestClock;
  close(): Promise<void>;
}

async function devServer(): Promise<Server> {
  const address = inject('temporalAddress');
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  return {
    client: new Client({
      connection,
      namespace: 'default',
      interceptors: signingInterceptors(),
      dataConverter: testDataConverter,
    }),
    namespace: 'default',
    nativeConnection,
    async close() {
      await nativeConnection.close();
      await connection.close();
    },
  };
}

/** `IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD` of the Temporal API. */
const keywordType = 2;

async function timeSkippingServer(): Promise<Server> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServer') } },
    client: { interceptors: signingInterceptors(), dataConverter: testDataConverter },
  });
  const namespace = env.namespace ?? 'default';
  // The test server knows no custom search attributes until told; the workflow upserts two.
  await env.connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(searchAttributeKeys.map((key) => [key.name, keywordType])),
  });
  return {
    client: env.client,
    namespace,
    nativeConnection: env.nativeConnection,
    clock: { now: () => env.currentTimeMs(), sleep: (ms) => env.sleep(ms) },
    close: () => env.teardown(),
  };
}
