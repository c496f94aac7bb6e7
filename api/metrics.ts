/**
 * The API's metrics in Prometheus format (prom-client): requests by route and status with their
 * latency, the latency of Temporal updates, and figures read from PostgreSQL at each scrape (cases
 * by status, overdue tasks, the outbox, failed notifications), plus Node's process metrics.
 *
 * They are served on a listener of their own (`METRICS_HOST:API_METRICS_PORT`, see
 * `startMetricsServer`), never on the public API port: they tell how many cases, tasks and failed
 * notifications the institute has, which is no business of the public, and a scraper should not
 * need a user's token. Publish the API port, keep the metrics port inside the network.
 */
import type { WorkflowClientInterceptor } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import type { Kysely } from 'kysely';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database';
import { type OperationalFigures, operationalFigures } from '../db/health';
import { caseStatuses } from '../domain/accreditation';

export interface ApiMetrics {
  registry: Registry;
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  /** For the Temporal `Client`: times every update (and update-with-start) it sends. */
  clientInterceptor: WorkflowClientInterceptor;
}

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Outcome = { failure?: unknown } | null | undefined;
const outcomeLabel = (outcome: Outcome) =>
  outcome ? (outcome.failure ? 'rejected' : 'completed') : 'accepted';

function updateTimer(histogram: Histogram): WorkflowClientInterceptor {
  const timed = async <T>(
    operation: string,
    update: string,
    send: () => Promise<T>,
    outcome: (t: T) => Outcome,
  ) => {
    const end = histogram.startTimer({ operation, update });
    try {
      const output = await send();
      end({ outcome: outcomeLabel(outcome(output)) });
      return output;
    } catch (error) {
      end({ outcome: 'error' });
      throw error;
    }
  };
  return {
    startUpdate: (input, next) =>
      timed(
        'update',
        input.updateName,
        () => next(input),
        (output) => output.outcome,
      ),
    startUpdateWithStart: (input, next) =>
      timed(
        'update_with_start',
        input.updateName,
        () => next(input),
        (output) => output.updateOutcome,
      ),
  };
}

/**
 * The figures read from PostgreSQL, once per scrape however many gauges ask (a scrape calls every
 * gauge's `collect` in one go); a failed read leaves them out of that scrape (and is logged)
 * rather than failing it.
 */
function databaseGauges(registry: Registry, db: Kysely<Database>, log: FastifyBaseLogger | undefined) {
  let current: Promise<OperationalFigures | undefined> | undefined;
  const read = () => {
    if (!current) {
      current = operationalFigures(db).catch((error: unknown) => {
        log?.warn({ err: error }, 'metrics: PostgreSQL figures could not be read');
        return undefined;
      });
      setImmediate(() => {
        current = undefined;
      });
    }
    return current;
  };
  const gauge = (
    name: string,
    help: string,
    set: (gauge: Gauge, figures: OperationalFigures) => void,
    labelNames: string[] = [],
  ) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        const figures = await read();
        if (figures) set(this, figures);
      },
    });
  gauge(
    'dim_accreditations',
    'Accreditations by status',
    (g, f) => {
      for (const status of caseStatuses) g.set({ status }, f.accreditationsByStatus[status] ?? 0);
    },
    ['status'],
  );
  gauge('dim_tasks_overdue', 'Open tasks whose due date has passed', (g, f) => g.set(f.overdueTasks));
  gauge('dim_notifications_failed', 'Notifications that could not be delivered', (g, f) =>
    g.set(f.failedNotifications),
  );
  gauge('dim_outbox_backlog', 'Notifications due for delivery now', (g, f) => g.set(f.outbox.due));
  gauge('dim_outbox_oldest_age_seconds', 'How long the oldest due notification has waited', (g, f) =>
    g.set(f.outbox.oldestAgeSeconds),
  );
}

export function createApiMetrics(db: Kysely<Database>, log?: FastifyBaseLogger): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'dim_http_request_duration_seconds',
    help: 'HTTP requests by route and status, with their latency',
    labelNames: ['method', 'route', 'status_code'],
    buckets: latencyBuckets,
    registers: [registry],
  });
  const updates = new Histogram({
    name: 'dim_temporal_update_duration_seconds',
    help: 'Temporal updates sent by the API, from sending until the workflow answered',
    labelNames: ['operation', 'update', 'outcome'],
    buckets: latencyBuckets,
    registers: [registry],
  });
  databaseGauges(registry, db, log);
  return {
    registry,
    observeRequest: ({ method, route, status }, seconds) =>
      requests.observe({ method, route, status_code: String(status) }, seconds),
    clientInterceptor: updateTimer(updates),
  };
}

/** `GET /metrics` on a listener of its own (see the module comment for why). */
export async function startMetricsServer(
  registry: Registry,
  options: { host: string; port: number; logger?: FastifyBaseLogger },
) {
  const server = Fastify({
    loggerInstance: options.logger,
    logController: new LogController({ disableRequestLogging: true }),
  });
  // Not behind the API's sign-in: the listener is reachable only inside the deployment's network.
  server.get('/metrics', { config: { access: 'public' } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  await server.listen({
    host: options.host,
    port: options.port,
    listenTextResolver: (address) => `metrics at ${address}/metrics`,
  });
  return server;
}
