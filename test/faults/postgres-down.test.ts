import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../db/connection';
import type { Database } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { verifyHashChains } from '../../db/verify';
import { databaseUrl, freePort, type LocalPostgres, startLocalPostgres } from '../../dev/postgres';
import { createDispatcher } from '../../notifications/dispatcher';
import { createSmtpMailer } from '../../notifications/mailer';
import { createWorker } from '../../worker/worker';
import { createTestUser, type TestUser } from '../fixtures/users';
import { register, TestSmtp, webUrl } from '../notifications/support';
import { eventually, serveApi, type TestApi } from '../support/api-harness';
import { CaseDriver } from '../support/case-driver';
import {
  signingInterceptors,
  testDataConverter,
  testPayloadKeys,
  testStepSigningKey,
} from '../support/step-signing';
import { installQuietRuntime } from '../support/temporal';
import { driveToGrant, expectTheSameEventsOnce } from './drive-to-grant';

/** The outage is 30 s (FAULT_POSTGRES_DOWN_MS); the cases are sized for CI's two cores. */
const outageMs = Number(process.env.FAULT_POSTGRES_DOWN_MS ?? 30_000);
const caseCount = Number(process.env.FAULT_CASES ?? 6);
const policy = { version: 'test-postgres-down', auditorObjectionWindow: { seconds: 2 } };

/**
 * A PostgreSQL cluster of the test's own, stopped in the middle of traffic and started again: the
 * worker's local activities retry, every case goes on to its grant with each event once, the API
 * answers 503 problem+json meanwhile and recovers by itself, and the dispatcher sends what was due.
 */
describe('PostgreSQL stopped for a while in the middle of traffic', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dim-postgres-down-'));
  const dataDir = join(folder, 'postgres');
  const taskQueue = `test-postgres-down-${Date.now()}`;
  const dispatching = new AbortController();
  const smtp = new TestSmtp();
  let port: number;
  let postgres: LocalPostgres;
  let db: Kysely<Database>;
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let client: Client;
  let worker: Worker;
  let workerDone: Promise<void>;
  let dispatcherDone: Promise<void>;
  let api: TestApi;
  let staff: TestUser;

  beforeAll(async () => {
    // Run as root, the server runs as `postgres`, which must be able to enter the folder.
    chmodSync(folder, 0o755);
    installQuietRuntime();
    port = await freePort();
    postgres = await startLocalPostgres({ dataDir, port });
    const admin = createDb(postgres.url, { maxConnections: 1 });
    await sql`CREATE DATABASE dim`.execute(admin);
    await admin.destroy();
    const url = databaseUrl(postgres.url, 'dim');
    db = createDb(url, { maxConnections: 10, onConnectionLost: () => {} });
    await migrateToLatest(db);

    await smtp.start();
    const dispatcher = createDispatcher({
      db,
      mailer: createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`),
      from: 'DIM <akkreditierung@dim.test>',
      webUrl,
    });
    dispatcherDone = dispatcher.run(dispatching.signal, 200);

    const address = inject('temporalAddress');
    nativeConnection = await NativeConnection.connect({ address });
    worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      db,
      workflowBundle: { code: inject('workflowBundleCode') },
      stepSigningKey: testStepSigningKey,
      payloadKeys: testPayloadKeys,
    });
    workerDone = worker.run();
    connection = await Connection.connect({ address });
    client = new Client({
      connection,
      namespace: 'default',
      interceptors: signingInterceptors(),
      dataConverter: testDataConverter,
    });
    api = await serveApi(
      { db, url, owner: db, drop: async () => {} },
      { client, taskQueue, worker, close: async () => {} },
    );
    staff = await createTestUser(db, 'staff');
  }, 120_000);

  afterAll(async () => {
    dispatching.abort();
    await dispatcherDone;
    await api?.close();
    worker?.shutdown();
    await workerDone;
    await nativeConnection?.close();
    await connection?.close();
    await db?.destroy();
    await postgres?.stop();
    await smtp.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const eventTotal = async () =>
    Number(
      (
        await db
          .selectFrom('events')
          .select((e) => e.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('grants every case with each event once, answers 503 while down, recovers and sends what was due', async () => {
    const drivers = Array.from({ length: caseCount }, () => new CaseDriver(client, db, taskQueue));
    for (const driver of drivers) await register(db, driver.cast);
    const cases = Promise.all(drivers.map((driver) => driveToGrant(client, driver, policy)));
    // Handled at once: a case failing while the database is down is reported below, not unhandled.
    const failed = cases.then(
      () => undefined,
      (error: unknown) => error,
    );
    // In the middle of traffic: every case opened and some on their way.
    await eventually(eventTotal, (total) => total >= caseCount * 4, 60_000);

    await postgres.stop();
    const stoppedAt = Date.now();
    const ready = await api.call(null, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.contentType).toContain('application/problem+json');
    expect(JSON.stringify(ready.body)).toContain('postgres');
    const read = await api.call(staff, 'GET', '/accreditations');
    expect(read.status, JSON.stringify(read.body)).toBe(503);
    expect(read.contentType).toContain('application/problem+json');
    expect(read.body).toMatchObject({ type: '/problems/temporarily-unavailable', status: 503 });
    expect(read.headers.get('retry-after')).toMatch(/^\d+$/);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageMs - (Date.now() - stoppedAt))));
    postgres = await startLocalPostgres({ dataDir, port });

    expect(await failed).toBeUndefined();
    await eventually(
      () => api.call(null, 'GET', '/health/ready'),
      (response) => response.status === 200,
      60_000,
    );
    expect((await api.call(staff, 'GET', '/accreditations')).status).toBe(200);

    expectTheSameEventsOnce(await Promise.all(drivers.map((driver) => driver.eventTypes())));
    for (const driver of drivers) {
      const versions = (await driver.events()).map((event) => event.stream_version);
      expect(versions).toEqual(versions.map((_, index) => index + 1));
    }
    expect((await verifyHashChains(db)).ok).toBe(true);

    // The dispatcher went on by itself: nothing due is left, and each notification arrived once.
    const due = () =>
      db.selectFrom('notifications').select('notification_id').where('status', '=', 'pending').execute();
    await eventually(due, (rows) => rows.length === 0, 60_000);
    const sent = await db
      .selectFrom('notifications')
      .select('notification_id')
      .where('status', '=', 'sent')
      .execute();
    expect(sent.length).toBeGreaterThan(caseCount);
    const delivered = smtp.received.map(({ mail }) => String(mail.headers.get('x-dim-notification-id')));
    expect(new Set(delivered)).toEqual(new Set(sent.map((row) => row.notification_id)));
    // The one duplicate window (accepted by the SMTP server, not yet marked sent when the database
    // went away): the dispatcher sends one message at a time, so at most one, with the same Message-ID.
    const repeats = delivered.length - new Set(delivered).size;
    expect(repeats).toBeLessThanOrEqual(1);
    const messageIds = new Set(smtp.received.map(({ mail }) => mail.messageId));
    expect(messageIds.size).toBe(new Set(delivered).size);
  }, 300_000);
});
