import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities, createCaseFollowUps } from '../activities';
import { type PayloadKeyRing, payloadDataConverter } from '../config/payload-encryption';
import type { Database } from '../db/database';
import { createEventStore } from '../db/event-store';
import { inlineProjections } from '../db/projections/index';
import { withStepSigningKey } from './step-signing';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface AccreditationWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Kysely<Database>;
  /** A pre-built bundle (tests bundle once per run); otherwise the workflows are bundled on start. */
  workflowBundle?: NonNullable<WorkerOptions['workflowBundle']>;
  /** The key the workflow checks each step's signature with (config/keys.ts). */
  stepSigningKey: string;
  /** The keys Temporal payloads are encrypted with (config/payload-encryption.ts). */
  payloadKeys: PayloadKeyRing;
  tuning?: Pick<WorkerOptions, 'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions'>;
  /** Tracing's interceptors and sink (telemetry/tracing.ts); the bundle must then be a traced one. */
  telemetry?: Pick<WorkerOptions, 'interceptors' | 'sinks'>;
}

export async function createWorker(options: AccreditationWorkerOptions): Promise<Worker> {
  const bundle = options.workflowBundle ?? (await bundleWorkflowCode({ workflowsPath }));
  const dataConverter = payloadDataConverter(options.payloadKeys);
  // A complaint's follow-up acts on its case's workflow (activities/case-follow-ups.ts).
  const client = new Client({ connection: options.connection, namespace: options.namespace, dataConverter });
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: await withStepSigningKey(bundle, options.stepSigningKey),
    dataConverter,
    activities: {
      ...createActivities({
        eventStore: createEventStore({ db: options.db, projections: inlineProjections }),
      }),
      ...createCaseFollowUps({ client, stepSigningKey: options.stepSigningKey }),
    },
    shutdownGraceTime: '10s',
    ...options.tuning,
    ...options.telemetry,
  });
}
