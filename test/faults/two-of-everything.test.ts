import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readCaseFile } from '../../db/case-file';
import type { UserRole } from '../../db/database';
import { rebuildProjections } from '../../db/projections/rebuild';
import { verifyHashChains } from '../../db/verify';
import { freePort } from '../../dev/postgres';
import type { ApiCall } from '../fixtures/api-call';
import { createTestUser } from '../fixtures/users';
import { TestSmtp } from '../notifications/support';
import { type ApiResponse, eventually } from '../support/api-harness';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { grantedCertificate } from '../support/granted-case';
import { projectionSnapshot } from '../support/projection-snapshot';
import { testPayloadKeyText, testStepSigningKey } from '../support/step-signing';
import { expectTheSameEventsOnce } from './drive-to-grant';
import { type SpawnedProcess, spawnProject } from './processes';

/** Sized for CI's two cores; TWOS_CASES raises the load. */
const caseCount = Number(process.env.TWOS_CASES ?? 8);

/**
 * The production topology of the README: two worker processes (each with its notification
 * dispatcher) and two API processes on one Temporal server and one PostgreSQL, cases spread over
 * both APIs, one worker and one API killed with SIGKILL mid-run. Every case is granted, each step
 * recorded once, each notification sent once (beyond the one documented window), and the
 * projections equal a rebuild from the events.
 */
describe('two workers and two APIs, one of each killed', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dim-twos-'));
  const taskQueue = `test-twos-${Date.now()}`;
  const smtp = new TestSmtp();
  const workers: SpawnedProcess[] = [];
  const apis: { process: SpawnedProcess; baseUrl: string; alive: boolean }[] = [];
  let database: TestDatabase;
  let turn = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    await smtp.start();
    const bundle = join(folder, 'bundle.js');
    writeFileSync(bundle, inject('workflowBundleCode'));
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: taskQueue,
      STEP_SIGNING_KEY: testStepSigningKey,
      PAYLOAD_ENCRYPTION_KEY: testPayloadKeyText,
      LOG_LEVEL: 'info',
    };
    for (let index = 0; index < 2; index += 1) {
      const worker = spawnProject(process.execPath, ['--import', 'tsx', 'test/faults/worker-process.ts'], {
        ...env,
        WORKFLOW_BUNDLE: bundle,
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      });
      workers.push(worker);
      const [port, metricsPort] = [await freePort(), await freePort()];
      const api = spawnProject(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
        ...env,
        API_PORT: String(port),
        API_METRICS_PORT: String(metricsPort),
      });
      apis.push({ process: api, baseUrl: `http://127.0.0.1:${port}`, alive: true });
    }
    await Promise.all([
      ...workers.map((worker) => worker.waitForLine(/worker polling/)),
      ...apis.map((api) => api.process.waitForLine(/API listening at/)),
    ]);
  }, 180_000);

  afterAll(async () => {
    // What the APIs logged as errors (a 500 names its cause only there).
    const errors = apis.flatMap((api) => api.process.lines.filter((line) => line.includes('"level":50')));
    if (errors.length > 0) console.error(errors.join('\n'));
    await Promise.all(
      [...workers, ...apis.map((api) => api.process)].map((child) => child.stop('SIGKILL', 0)),
    );
    await database?.drop();
    await smtp.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /**
   * As a client behind a load balancer: each call to the next live API, a changing request under an
   * Idempotency-Key of its own; when an API is gone (connection refused or reset) or answers 503,
   * the same request goes to the other one.
   */
  const call: ApiCall<ApiResponse> = async (user, method, path, body, headers = {}) => {
    const raw = Buffer.isBuffer(body);
    const key: Record<string, string> = method === 'GET' ? {} : { 'idempotency-key': randomUUID() };
    for (let attempt = 0; ; attempt += 1) {
      const live = apis.filter((api) => api.alive);
      const api = live[turn++ % live.length];
      if (!api) throw new Error('no API left');
      try {
        const response = await fetch(`${api.baseUrl}${path}`, {
          method,
          headers: {
            ...(user ? user.headers : {}),
            ...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
            ...key,
            ...headers,
          },
          body: body === undefined ? undefined : raw ? (body as Buffer) : JSON.stringify(body),
        });
        const text = await response.text();
        if (response.status === 503 && attempt < 20) continue;
        return {
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          headers: response.headers,
          body: text ? JSON.parse(text) : undefined,
        };
      } catch (error) {
        if (attempt >= 20) throw error;
      }
    }
  };

  const user = (role: UserRole, options: { organisationId?: string } = {}) =>
    createTestUser(database.db, role, options);

  const eventTotal = async () =>
    Number(
      (
        await database.db
          .selectFrom('events')
          .select((e) => e.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('grants every case, records each step once, sends each notification once, projections equal a rebuild', async () => {
    const cases = Promise.all(
      Array.from({ length: caseCount }, (_, index) =>
        grantedCertificate({ call, user }, `Zweifach ${index} GmbH`),
      ),
    );
    const failed = cases.then(
      () => undefined,
      (error: unknown) => error,
    );
    // Mid-run: every case opened, some well on their way, the dispatchers at work.
    await eventually(eventTotal, (total) => total >= caseCount * 5, 120_000);
    const [killedWorker, killedApi] = [workers[0], apis[0]];
    if (!killedWorker || !killedApi) throw new Error('processes missing');
    killedApi.alive = false;
    await Promise.all([killedWorker.stop('SIGKILL', 0), killedApi.process.stop('SIGKILL', 0)]);

    expect(await failed).toBeUndefined();
    const granted = await cases;
    expect(new Set(granted.map((grant) => grant.certificateNumber)).size).toBe(caseCount);

    // Each step once: every case holds the same events, each stream gap-free, every chain intact.
    const { db } = database;
    const sequences = await Promise.all(
      granted.map(({ accreditationId }) =>
        db
          .selectFrom('events')
          .select(['event_type', 'stream_version'])
          .where('stream_id', '=', `accreditation-${accreditationId}`)
          .orderBy('stream_version')
          .execute(),
      ),
    );
    expectTheSameEventsOnce(sequences.map((sequence) => sequence.map((event) => event.event_type)));
    for (const sequence of sequences) {
      expect(sequence.map((event) => event.stream_version)).toEqual(sequence.map((_, index) => index + 1));
    }
    expect((await verifyHashChains(db)).ok).toBe(true);

    // Each notification once: the surviving dispatcher sends what the killed one left.
    await eventually(
      () =>
        db.selectFrom('notifications').select('notification_id').where('status', '=', 'pending').execute(),
      (rows) => rows.length === 0,
      60_000,
    );
    const sent = await db
      .selectFrom('notifications')
      .select('notification_id')
      .where('status', '=', 'sent')
      .execute();
    expect(sent.length).toBeGreaterThan(caseCount * 3);
    const delivered = smtp.received.map(({ mail }) => String(mail.headers.get('x-dim-notification-id')));
    expect(new Set(delivered)).toEqual(new Set(sent.map((row) => row.notification_id)));
    // The one window: accepted by the SMTP server, the worker killed before the row was marked
    // sent; each dispatcher sends one message at a time, so one repeat at most, same Message-ID.
    expect(delivered.length - new Set(delivered).size).toBeLessThanOrEqual(1);
    expect(new Set(smtp.received.map(({ mail }) => mail.messageId)).size).toBe(new Set(delivered).size);

    // Projections equal a rebuild from the events (the events themselves untouched by it).
    const events = await eventTotal();
    const caseFiles = () =>
      Promise.all(granted.map(({ accreditationId }) => readCaseFile(db, accreditationId)));
    const live = await projectionSnapshot(db);
    const liveCaseFiles = await caseFiles();
    await sql`UPDATE accreditations SET state = '{}'`.execute(db);
    await rebuildProjections(db);
    expect(await projectionSnapshot(db)).toEqual(live);
    expect(await caseFiles()).toEqual(liveCaseFiles);
    expect(await eventTotal()).toBe(events);
  }, 170_000);
});
