import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { type Kysely, sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import type { Logger } from '../../config/logger';
import { createDb } from '../../db/connection';
import type { Database } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { databaseUrl, freePort, type LocalPostgres, startLocalPostgres } from '../../dev/postgres';
import { checkReadiness } from '../../telemetry/readiness';
import { monitorReadiness, type ReadinessMonitor } from '../../worker/readiness';
import { eventually } from '../support/api-harness';
import { type OpsStack, startOpsStack } from './stack';

/**
 * Readiness against real components: a PostgreSQL cluster of this file's own (so that it can be
 * stopped and started again), the run's Temporal dev server, a worker. The API answers it at
 * /health/ready; the worker logs it and reports it through the Temporal runtime's Prometheus
 * exporter.
 */
describe('health and readiness', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dim-health-pg-'));
  const workerLog: { level: number; msg: string }[] = [];
  let port: number;
  let postgres: LocalPostgres;
  let db: Kysely<Database>;
  let stack: OpsStack;
  let baseUrl: string;
  let workerMetricsUrl: string;
  let monitor: ReadinessMonitor;

  beforeAll(async () => {
    const metricsPort = await freePort();
    workerMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } },
    });
    port = await freePort();
    postgres = await startLocalPostgres({ dataDir, port });
    const admin = createDb(postgres.url, { maxConnections: 1 });
    await sql`CREATE DATABASE dim`.execute(admin);
    await admin.destroy();
    // Connections dropped by the stop below are replaced by the pool; no warning needed here.
    db = createDb(databaseUrl(postgres.url, 'dim'), { onConnectionLost: () => {} });
    await migrateToLatest(db);

    stack = await startOpsStack(db);
    baseUrl = stack.baseUrl;

    const logger = pino({ level: 'info' }, { write: (line: string) => workerLog.push(JSON.parse(line)) });
    monitor = monitorReadiness({
      check: () =>
        checkReadiness({
          db,
          temporal: stack.nativeConnection,
          namespace: 'default',
          taskQueue: stack.taskQueue,
        }),
      meter: Runtime.instance().metricMeter,
      logger: logger as unknown as Logger,
      intervalMs: 300,
      firstCheckAfterMs: 0,
    });
  }, 120_000);

  afterAll(async () => {
    await monitor?.stop();
    await stack?.close();
    await db?.destroy();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`);
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies ad hoc.
    const body: any = await response.json();
    return { status: response.status, type: response.headers.get('content-type'), body };
  };
  const workerMetrics = async () => (await fetch(workerMetricsUrl)).text();
  const logged = (level: number, text: string) =>
    workerLog.some((line) => line.level === level && line.msg.includes(text));

  it('answers live at once, and ready once every component is up', async () => {
    expect(await get('/health/live')).toMatchObject({ status: 200, body: { status: 'live' } });
    const ready = await eventually(
      () => get('/health/ready'),
      (response) => response.status === 200,
    );
    expect(ready.body).toMatchObject({
      status: 'ready',
      components: {
        postgres: { up: true },
        temporal: { up: true },
        worker: { up: true, detail: `1 poller(s) on task queue ${stack.taskQueue}` },
        outbox: { up: true, detail: 'nothing due' },
      },
      pollers: 1,
      outbox: { due: 0, oldestAgeSeconds: 0 },
    });
    const metrics = await eventually(workerMetrics, (text) => /^dim_worker_ready 1$/m.test(text));
    expect(metrics).toMatch(/^dim_worker_task_queue_pollers 1$/m);
    expect(metrics).toMatch(/^temporal_num_pollers\{.*\} \d+$/m); // the SDK's own metrics
    expect(logged(30, 'ready')).toBe(true);
  });

  it('names PostgreSQL while it is stopped (503 problem+json), and is ready again when it is back', async () => {
    await postgres.stop();
    const down = await get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.type).toContain('application/problem+json');
    expect(down.body.type).toBe('/problems/temporarily-unavailable');
    expect(down.body.detail).toMatch(/^Not ready: postgres \(.+\), outbox \(unknown: .+\)$/);
    expect(down.body.components).toMatchObject({
      postgres: { up: false },
      temporal: { up: true },
      worker: { up: true },
      outbox: { up: false },
    });
    expect((await get('/health/live')).status).toBe(200);
    await eventually(workerMetrics, (text) => /^dim_worker_ready 0$/m.test(text));
    expect(await workerMetrics()).toMatch(/^dim_worker_component_up\{component="postgres"\} 0$/m);
    await eventually(
      async () => logged(40, 'not ready: postgres ('),
      (found) => found,
    );

    postgres = await startLocalPostgres({ dataDir, port });
    await eventually(
      () => get('/health/ready'),
      (response) => response.status === 200,
    );
    await eventually(workerMetrics, (text) => /^dim_worker_ready 1$/m.test(text));
    expect(workerLog.filter((line) => line.msg === 'ready')).toHaveLength(2);
  });

  it('names the outbox when a due notification has waited too long', async () => {
    await sql`INSERT INTO notifications (notification_id, stream_id, global_position, event_type, kind,
      recipient_role, payload, created_at)
      VALUES ('stuck', 'accreditation-x', 1, 'Opened', 'test', 'staff', '{}', now() - interval '1 hour')`.execute(
      db,
    );
    const stuck = await get('/health/ready');
    expect(stuck.status).toBe(503);
    expect(stuck.body.detail).toMatch(
      /^Not ready: outbox \(1 due, the oldest waiting 36\d\d s \(limit 900 s\)\)$/,
    );
    await sql`UPDATE notifications SET status = 'sent' WHERE notification_id = 'stuck'`.execute(db);
    expect((await get('/health/ready')).status).toBe(200);
  });

  it('names the worker when none polls the task queue, and Temporal when it does not answer', async () => {
    const unpolled = await buildApp({
      db,
      temporal: stack.client,
      taskQueue: `nobody-${randomUUID()}`,
      logger: false,
    });
    const response = await unpolled.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json().detail).toMatch(/^Not ready: worker \(no worker polls task queue nobody-.+\)$/);
    await unpolled.close();

    const nowhere = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const unreachable = await buildApp({
      db,
      temporal: new Client({ connection: nowhere, namespace: 'default' }),
      taskQueue: stack.taskQueue,
      logger: false,
    });
    const silent = await unreachable.inject({ method: 'GET', url: '/health/ready' });
    expect(silent.statusCode).toBe(503);
    expect(silent.json().components).toMatchObject({
      postgres: { up: true },
      temporal: { up: false },
      worker: { up: false },
      outbox: { up: true },
    });
    expect(silent.json().detail).toMatch(/^Not ready: temporal \(.+\), worker \(unknown: .+\)$/);
    await unreachable.close();
    await nowhere.close();
  });
});
