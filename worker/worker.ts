import { fileURLToPath } from 'node:url';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities } from '../activities';
import type { Database } from '../db/database';
import { createEventStore } from '../db/event-store';
import { inlineProjections } from '../db/projections/index';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface AccreditationWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Kysely<Database>;
  /** A pre-built bundle (tests bundle once per run); otherwise the workflows are bundled on start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  tuning?: Pick<WorkerOptions, 'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions'>;
  /** Tracing's interceptors and sink (telemetry/tracing.ts); the bundle must then be a traced one. */
  telemetry?: Pick<WorkerOptions, 'interceptors' | 'sinks'>;
}

export function createWorker(options: AccreditationWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
    activities: createActivities({
      eventStore: createEventStore({ db: options.db, projections: inlineProjections }),
    }),
    shutdownGraceTime: '10s',
    ...options.tuning,
    ...options.telemetry,
  });
}
