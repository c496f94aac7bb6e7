import { Client, Connection } from '@temporalio/client';
import { ConfigError, databaseUrlOf, loadEnv } from '../config/env';
import { loadPayloadKeys, loadStepSigningKey, loadSubjectKeyEncryptionKeys } from '../config/keys';
import { createLogger } from '../config/logger';
import { payloadDataConverter } from '../config/payload-encryption';
import { temporalConnectionOptions } from '../config/temporal-connection';
import { createDb } from '../db/connection';
import { documentStorageOf } from '../db/documents';
import { useSubjectKeyEncryptionKeys } from '../db/subject-key-wrapping';
import { webDistDir } from '../dev/paths';
import { startTracing } from '../telemetry/tracing';
import { buildApp } from './app';
import { createApiMetrics, startMetricsServer } from './metrics';
import { sessionConfigFromEnv } from './session';
import { stepSigningInterceptor } from './step-signing';

async function main() {
  const env = loadEnv();
  const logger = createLogger(env, 'api');
  const stepSigningKey = loadStepSigningKey(env);
  const payloadKeys = loadPayloadKeys(env);
  useSubjectKeyEncryptionKeys(loadSubjectKeyEncryptionKeys(env));
  const tracing = await startTracing('dim-api', { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
  if (tracing.enabled) logger.info({ endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'traces exported by OTLP');
  const db = createDb(databaseUrlOf(env), { maxConnections: 20 });
  const metrics = createApiMetrics(db, logger);
  const connection = await Connection.connect(temporalConnectionOptions(env));
  const temporal = new Client({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: payloadDataConverter(payloadKeys),
    interceptors: {
      workflow: [
        stepSigningInterceptor(stepSigningKey),
        metrics.clientInterceptor,
        ...tracing.clientInterceptors,
      ],
    },
  });
  const app = await buildApp({
    db,
    temporal,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    logger,
    documents: documentStorageOf(env),
    sessions: sessionConfigFromEnv(env),
    metrics,
    maxOutboxAgeSeconds: env.HEALTH_OUTBOX_MAX_AGE_SECONDS,
    webRoot: webDistDir,
    trustProxy: env.TRUST_PROXY,
    idempotencyKeyHours: env.IDEMPOTENCY_KEY_HOURS,
  });
  if (!app.hasRoute({ method: 'GET', url: '/index.html' })) {
    logger.warn(`The web application is not built (${webDistDir}); npm run build:web builds it.`);
  }
  await app.listen({
    host: env.API_HOST,
    port: env.API_PORT,
    listenTextResolver: (address) => `API listening at ${address}`,
  });
  const metricsServer = await startMetricsServer(metrics.registry, {
    host: env.METRICS_HOST,
    port: env.API_METRICS_PORT,
    logger,
  });

  const stop = async () => {
    await app.close();
    await metricsServer.close();
    await connection.close();
    await db.destroy();
    await tracing.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
