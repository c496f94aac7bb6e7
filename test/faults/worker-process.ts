/**
 * A worker process for the fault tests: the project's worker (worker/worker.ts) on a task queue of
 * the test's, with the workflow bundle the run built (a file), so that it starts in a second and
 * can be killed and started again many times. With SMTP_URL it also runs the notification
 * dispatcher, as the worker of `npm start` does (worker/main.ts), polling every 100 ms.
 *
 *   DATABASE_URL=… TEMPORAL_ADDRESS=… TEMPORAL_TASK_QUEUE=… WORKFLOW_BUNDLE=… STEP_SIGNING_KEY=… [SMTP_URL=…] \
 *   tsx test/faults/worker-process.ts
 */
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createDb } from '../../db/connection';
import { createDispatcher } from '../../notifications/dispatcher';
import { createSmtpMailer } from '../../notifications/mailer';
import { createWorker } from '../../worker/worker';
import { testPayloadKeys } from '../support/step-signing';

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

Runtime.install({ logger: new DefaultLogger('WARN') });
const db = createDb(required('DATABASE_URL'), { maxConnections: 5 });
const connection = await NativeConnection.connect({ address: required('TEMPORAL_ADDRESS') });
const worker = await createWorker({
  connection,
  namespace: 'default',
  taskQueue: required('TEMPORAL_TASK_QUEUE'),
  db,
  workflowBundle: { codePath: required('WORKFLOW_BUNDLE') },
  stepSigningKey: required('STEP_SIGNING_KEY'),
  payloadKeys: testPayloadKeys,
});
const smtpUrl = process.env.SMTP_URL;
const dispatching = new AbortController();
const dispatcherDone = smtpUrl
  ? createDispatcher({
      db,
      mailer: createSmtpMailer(smtpUrl),
      from: 'DIM <akkreditierung@dim.test>',
      webUrl: 'http://dim.test',
    }).run(dispatching.signal, 100)
  : Promise.resolve();
console.log('worker polling');
await worker.run();
dispatching.abort();
await dispatcherDone;
await connection.close();
await db.destroy();
