/**
 * The worker's readiness (telemetry/readiness.ts), checked every few seconds: reported as metrics
 * through the Temporal runtime's Prometheus exporter, and logged when it changes.
 */
import type { MetricMeter } from '@temporalio/common';
import type { Logger } from '../config/logger';
import { components, describeDown, type Readiness } from '../telemetry/readiness';

export interface ReadinessMonitor {
  stop(): Promise<void>;
}

export function monitorReadiness(options: {
  check: () => Promise<Readiness>;
  meter: MetricMeter;
  logger: Logger;
  intervalMs?: number;
  firstCheckAfterMs?: number;
}): ReadinessMonitor {
  const { meter, logger } = options;
  const ready = meter.createGauge('dim_worker_ready', 'int', '', 'Every component the worker needs is up');
  const up = meter.createGauge('dim_worker_component_up', 'int', '', 'Component up (1) or down (0)');
  const pollers = meter.createGauge('dim_worker_task_queue_pollers', 'int', '', 'Pollers Temporal sees');
  const backlog = meter.createGauge('dim_outbox_backlog', 'int', '', 'Notifications due for delivery now');
  const age = meter.createGauge(
    'dim_outbox_oldest_age_seconds',
    'float',
    's',
    'How long the oldest due notification has waited',
  );

  let last = '';
  const report = (readiness: Readiness) => {
    ready.set(readiness.ready ? 1 : 0);
    for (const component of components) up.set(readiness.components[component].up ? 1 : 0, { component });
    if (readiness.pollers !== null) pollers.set(readiness.pollers);
    if (readiness.outbox) {
      backlog.set(readiness.outbox.due);
      age.set(readiness.outbox.oldestAgeSeconds);
    }
    const state = readiness.ready ? 'ready' : `not ready: ${describeDown(readiness)}`;
    if (state === last) return;
    last = state;
    if (readiness.ready) logger.info({ pollers: readiness.pollers, outbox: readiness.outbox }, 'ready');
    else logger.warn(state);
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = options
        .check()
        .then(report)
        .catch((error) => logger.error({ err: error }, 'readiness check failed'))
        .finally(() => schedule(options.intervalMs ?? 15_000));
    }, delayMs);
  };
  // The first check once the worker has had a moment to send its first polls.
  schedule(options.firstCheckAfterMs ?? 2_000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
