import { makeTelemetryFilterString, NativeConnection, Runtime } from '@temporalio/worker';
import { ConfigError, loadEnv, requireDatabaseUrl } from '../config/env';
import { createLogger, temporalLogger } from '../config/logger';
import { createDb } from '../db/connection';
import { defaultDataDir } from '../dev/paths';
import { startNotificationDispatcher } from '../notifications';
import { createWorker } from './worker';

async function main() {
  const env = loadEnv();
  const logger = createLogger(env, 'worker');
  Runtime.install({
    logger: temporalLogger(logger),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  });
  const db = createDb(requireDatabaseUrl(env), { maxConnections: 10 });
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    db,
    tuning: { maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS },
  });
  logger.info({ taskQueue: env.TEMPORAL_TASK_QUEUE, address: env.TEMPORAL_ADDRESS }, 'worker running');
  // E-mail from the notifications outbox, off the path of any update (see notifications/dispatcher.ts).
  const dispatcher = startNotificationDispatcher({
    db,
    env,
    dataDir: env.DATA_DIR ?? defaultDataDir,
    logger,
  });
  // Worker.run resolves after SIGINT/SIGTERM once in-flight tasks have drained.
  await worker.run();
  await dispatcher.stop();
  await connection.close();
  await db.destroy();
  logger.info('worker stopped');
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
