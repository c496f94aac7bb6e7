import { makeTelemetryFilterString, NativeConnection, Runtime } from '@temporalio/worker';
import { ConfigError, databaseUrlOf, loadEnv } from '../config/env';
import { loadPayloadKeys, loadStepSigningKey, loadSubjectKeyEncryptionKeys } from '../config/keys';
import { createLogger, temporalLogger } from '../config/logger';
import { temporalConnectionOptions } from '../config/temporal-connection';
import { createDb } from '../db/connection';
import { useSubjectKeyEncryptionKeys, wrapLegacySubjectKeys } from '../db/subject-key-wrapping';
import { defaultDataDir } from '../dev/paths';
import { startNotificationDispatcher } from '../notifications';
import { checkReadiness } from '../telemetry/readiness';
import { startTracing } from '../telemetry/tracing';
import { loadWorkflowBundle } from './bundle';
import { monitorReadiness } from './readiness';
import { startRetentionJob } from './retention';
import { createWorker } from './worker';

async function main() {
  const env = loadEnv();
  const logger = createLogger(env, 'worker');
  const stepSigningKey = loadStepSigningKey(env);
  const payloadKeys = loadPayloadKeys(env);
  useSubjectKeyEncryptionKeys(loadSubjectKeyEncryptionKeys(env));
  const metricsAddress = `${env.METRICS_HOST}:${env.WORKER_METRICS_PORT}`;
  // The SDK's own metrics (task latencies, slots, polls…) and ours, in Prometheus format.
  Runtime.install({
    logger: temporalLogger(logger),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      metrics: { prometheus: { bindAddress: metricsAddress } },
    },
  });
  logger.info(`metrics at http://${metricsAddress}/metrics`);
  const tracing = await startTracing('dim-worker', { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
  if (tracing.enabled) logger.info({ endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'traces exported by OTLP');

  const db = createDb(databaseUrlOf(env), { maxConnections: 10 });
  const wrapped = await wrapLegacySubjectKeys(db);
  if (wrapped > 0) logger.info({ wrapped }, 'subject keys stored in clear wrapped');
  const connection = await NativeConnection.connect(temporalConnectionOptions(env));
  logger.info(`connected to Temporal at ${env.TEMPORAL_ADDRESS}, namespace ${env.TEMPORAL_NAMESPACE}`);
  const { bundle, description } = await loadWorkflowBundle(tracing.enabled, logger);
  logger.info(`workflow bundle ${description}`);
  const worker = await createWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    db,
    workflowBundle: bundle,
    stepSigningKey,
    payloadKeys,
    tuning: { maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS },
    telemetry: tracing.workerOptions,
  });
  // E-mail from the notifications outbox, off the path of any update (see notifications/dispatcher.ts).
  const dispatcher = startNotificationDispatcher({
    db,
    env,
    dataDir: env.DATA_DIR ?? defaultDataDir,
    logger,
  });
  const retention = startRetentionJob({ db, env, logger });
  // Worker.run resolves after SIGINT/SIGTERM once in-flight tasks have drained.
  const running = worker.run();
  logger.info(`polling task queue ${env.TEMPORAL_TASK_QUEUE}`);
  const readiness = monitorReadiness({
    check: () =>
      checkReadiness({
        db,
        temporal: connection,
        namespace: env.TEMPORAL_NAMESPACE,
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        maxOutboxAgeSeconds: env.HEALTH_OUTBOX_MAX_AGE_SECONDS,
      }),
    meter: Runtime.instance().metricMeter,
    logger,
  });
  await running;
  await readiness.stop();
  await dispatcher.stop();
  await retention.stop();
  await connection.close();
  await db.destroy();
  await tracing.shutdown();
  logger.info('worker stopped');
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
