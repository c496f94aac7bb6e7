import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiMetrics, startMetricsServer } from '../../api/metrics';
import { completeApplication } from '../fixtures/application';
import { createTestUser } from '../fixtures/users';
import { organisationBody } from '../support/api-harness';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { installQuietRuntime } from '../support/temporal';
import { type OpsStack, startOpsStack } from './stack';

/** The API's Prometheus metrics move when a case is opened and a step is taken through the API. */
describe('API metrics', () => {
  let database: TestDatabase;
  let stack: OpsStack;
  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>>;
  let baseUrl: string;
  let metricsUrl: string;

  beforeAll(async () => {
    installQuietRuntime();
    database = await createTestDatabase();
    const metrics = createApiMetrics(database.db);
    stack = await startOpsStack(database.db, { metrics, clientInterceptors: [metrics.clientInterceptor] });
    baseUrl = stack.baseUrl;
    metricsServer = await startMetricsServer(metrics.registry, { host: '127.0.0.1', port: 0 });
    metricsUrl = `http://127.0.0.1:${(metricsServer.server.address() as AddressInfo).port}/metrics`;
  });

  afterAll(async () => {
    await metricsServer?.close();
    await stack?.close();
    await database?.drop();
  });

  /** The value of one series (0 when it is not there yet). */
  async function scrape(): Promise<(series: string) => number> {
    const response = await fetch(metricsUrl);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    return (series) => {
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
      return line ? Number(line.slice(series.length + 1)) : 0;
    };
  }

  const opened =
    'dim_http_request_duration_seconds_count{method="POST",route="/accreditations",status_code="201"}';
  const stepped =
    'dim_http_request_duration_seconds_count{method="POST",route="/accreditations/:id/case-manager",status_code="200"}';
  const updateWithStart =
    'dim_temporal_update_duration_seconds_count{operation="update_with_start",update="command",outcome="completed"}';
  const update =
    'dim_temporal_update_duration_seconds_count{operation="update",update="command",outcome="completed"}';
  const rejected =
    'dim_temporal_update_duration_seconds_count{operation="update",update="command",outcome="rejected"}';

  it('counts requests by route and status, updates by outcome, and reads cases and the outbox from PostgreSQL', async () => {
    const staff = await createTestUser(database.db, 'staff');
    const post = (path: string, body: unknown) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { ...staff.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const was = await scrape();

    const opening = await post('/accreditations', organisationBody('Messbar GmbH'));
    expect(opening.status).toBe(201);
    const { id } = (await opening.json()) as { id: string };
    expect((await post(`/accreditations/${id}/case-manager`, { caseManagerId: staff.id })).status).toBe(200);
    const { organisation } = (await (
      await fetch(`${baseUrl}/accreditations/${id}`, { headers: staff.headers })
    ).json()) as {
      organisation: { id: string };
    };
    const applicant = await createTestUser(database.db, 'organisation', { organisationId: organisation.id });
    const application = await fetch(`${baseUrl}/accreditations/${id}/application`, {
      method: 'POST',
      headers: { ...applicant.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ items: completeApplication }),
    });
    expect(application.status).toBe(200);
    // A step the workflow refuses: the application is under review already.
    const again = await fetch(`${baseUrl}/accreditations/${id}/application`, {
      method: 'POST',
      headers: { ...applicant.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ items: completeApplication }),
    });
    expect(again.status).toBe(409);

    const now = await scrape();
    expect(now(opened) - was(opened)).toBe(1);
    expect(now(stepped) - was(stepped)).toBe(1);
    expect(now(updateWithStart) - was(updateWithStart)).toBe(1);
    expect(now(update) - was(update)).toBe(2);
    expect(now(rejected) - was(rejected)).toBe(1);
    const reviewed = 'dim_accreditations{status="application_review"}';
    expect(now(reviewed) - was(reviewed)).toBe(1);
    expect(now('dim_accreditations{status="opened"}')).toBe(0);
    // No dispatcher runs here: what the steps notified stays in the outbox.
    const { rows } = await sql<{ due: number }>`
      SELECT count(*)::int AS due FROM notifications WHERE status = 'pending'`.execute(database.db);
    expect(rows[0]?.due).toBeGreaterThan(0);
    expect(now('dim_outbox_backlog')).toBe(rows[0]?.due);
    expect(was('dim_outbox_backlog')).toBe(0);
    expect(now('dim_notifications_failed')).toBe(0);
    expect(now('dim_tasks_overdue')).toBe(0);
    // The case manager's review of the application, made overdue.
    const overdue = await database.db
      .updateTable('tasks')
      .set({ due_at: new Date(Date.now() - 86_400_000) })
      .where('accreditation_id', '=', id)
      .executeTakeFirst();
    expect(Number(overdue.numUpdatedRows)).toBeGreaterThan(0);
    expect((await scrape())('dim_tasks_overdue')).toBe(Number(overdue.numUpdatedRows));
    expect(now('process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('is not served on the public API port', async () => {
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
