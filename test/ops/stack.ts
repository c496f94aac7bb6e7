import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { buildApp } from '../../api/app';
import type { ApiMetrics } from '../../api/metrics';
import type { Database } from '../../db/database';
import type { Tracing } from '../../telemetry/tracing';
import { createWorker } from '../../worker/worker';
import {
  signingInterceptors,
  testDataConverter,
  testPayloadKeys,
  testStepSigningKey,
} from '../support/step-signing';

/**
 * A worker, a Temporal client and the API on a port, on a database and task queue of the caller's,
 * each open to what the operations tests install: a workflow bundle, tracing, metrics. (The
 * operations tests install the Temporal runtime themselves, with the exporter they need.)
 */
export interface OpsStack {
  taskQueue: string;
  nativeConnection: NativeConnection;
  client: Client;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startOpsStack(
  db: Kysely<Database>,
  options: {
    workflowBundleCode?: string;
    tracing?: Tracing;
    metrics?: ApiMetrics;
    clientInterceptors?: WorkflowClientInterceptor[];
  } = {},
): Promise<OpsStack> {
  const address = inject('temporalAddress');
  const taskQueue = `ops-${randomUUID()}`;
  const nativeConnection = await NativeConnection.connect({ address });
  const worker: Worker = await createWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    db,
    workflowBundle: { code: options.workflowBundleCode ?? inject('workflowBundleCode') },
    telemetry: options.tracing?.workerOptions,
    stepSigningKey: testStepSigningKey,
    payloadKeys: testPayloadKeys,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const interceptors = [
    ...signingInterceptors().workflow,
    ...(options.clientInterceptors ?? []),
    ...(options.tracing?.clientInterceptors ?? []),
  ];
  const client = new Client({
    connection,
    namespace: 'default',
    interceptors: { workflow: interceptors },
    dataConverter: testDataConverter,
  });
  const app = await buildApp({ db, temporal: client, taskQueue, logger: false, metrics: options.metrics });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    taskQueue,
    nativeConnection,
    client,
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async close() {
      await app.close();
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}
