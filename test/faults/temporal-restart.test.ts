import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../dev/postgres';
import type { ManagedProcess } from '../../dev/processes';
import { startTemporalDevServer, waitForTemporal } from '../../dev/temporal-server';
import { resolveTemporalCli } from '../../dev/tools';
import { createWorker } from '../../worker/worker';
import { createTestUser, type TestUser } from '../fixtures/users';
import { eventually, serveApi, type TestApi } from '../support/api-harness';
import { CaseDriver } from '../support/case-driver';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  signingInterceptors,
  testDataConverter,
  testPayloadKeys,
  testStepSigningKey,
} from '../support/step-signing';
import { installQuietRuntime } from '../support/temporal';

const objectionWindowSeconds = 12;
const policy = {
  version: 'test-temporal-restart',
  auditorObjectionWindow: { seconds: objectionWindowSeconds },
};

/**
 * The Temporal dev server of `npm start` (persistent SQLite file) stopped while a case waits on a
 * timer, and started again after the timer was due: the API answers 503 meanwhile, the timer fires
 * after the restart, the step refused during the outage is recorded once when repeated, and the
 * case goes on to its grant.
 */
describe('the Temporal server restarted while a timer is pending', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dim-temporal-restart-'));
  const taskQueue = `test-temporal-restart-${Date.now()}`;
  const log: string[] = [];
  let cli: string;
  let server: { port: number; uiPort: number; dbFile: string };
  let temporal: ManagedProcess;
  let database: TestDatabase;
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let client: Client;
  let worker: Worker;
  let workerDone: Promise<void>;
  let api: TestApi;
  let staff: TestUser;
  let successor: TestUser;

  const startServer = async () => {
    temporal = startTemporalDevServer({ cli, ...server, namespace: 'default' }, (line) => log.push(line));
    await waitForTemporal(`127.0.0.1:${server.port}`, temporal.exited);
  };

  beforeAll(async () => {
    installQuietRuntime();
    cli = await resolveTemporalCli();
    server = { port: await freePort(), uiPort: await freePort(), dbFile: join(folder, 'temporal.sqlite') };
    await startServer();
    const address = `127.0.0.1:${server.port}`;
    database = await createTestDatabase();
    nativeConnection = await NativeConnection.connect({ address });
    worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      db: database.db,
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
      database,
      { client, taskQueue, worker, close: async () => {} },
      { stepTimeoutMs: 3_000 },
    );
    staff = await createTestUser(database.db, 'staff');
    successor = await createTestUser(database.db, 'staff');
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    worker?.shutdown();
    await workerDone;
    await nativeConnection?.close();
    await connection?.close();
    await temporal?.stop();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers 503 during the outage; the timer due meanwhile fires after it, and the case goes on', async () => {
    const driver = new CaseDriver(client, database.db, taskQueue);
    await driver.open(policy);
    await driver.throughDocumentReview();
    await driver.planAudit();
    const { state } = await driver.state();
    const windowEnds = state.status === 'none' ? undefined : state.leadAuditor?.objectionWindowEndsAt;
    expect(windowEnds).toBeDefined();

    await temporal.stop();
    const ready = await api.call(null, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.stringify(ready.body)).toContain('temporal');
    const handover = { caseManagerId: successor.id };
    const path = `/accreditations/${driver.accreditationId}/case-manager`;
    const refused = await api.call(staff, 'POST', path, handover);
    expect(refused.status, JSON.stringify(refused.body)).toBe(503);
    expect(refused.contentType).toContain('application/problem+json');
    const retryKey: string = refused.body.updateId;
    expect(retryKey).toMatch(/^[\w-]{8,100}$/);

    // Down until the objection window's timer is due, and a little longer.
    const dueIn = new Date(windowEnds ?? 0).getTime() - Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueIn) + 2_000));
    expect(await driver.eventTypes()).not.toContain('AuditorObjectionWindowClosed');
    await startServer();

    await driver.waitForEvent('AuditorObjectionWindowClosed', { timeoutMs: 90_000 });
    const repeat = () => api.call(staff, 'POST', path, handover, { 'idempotency-key': retryKey });
    const repeated = await eventually(repeat, (response) => response.status !== 503, 60_000);
    expect(repeated.status, JSON.stringify(repeated.body)).toBe(200);
    expect((await repeat()).status).toBe(200);
    expect((await driver.eventTypes()).filter((type) => type === 'CaseManagerAssigned')).toHaveLength(1);
    await eventually(
      () => api.call(null, 'GET', '/health/ready'),
      (response) => response.status === 200,
      60_000,
    );

    await driver.completeAudit();
    await driver.step(driver.cast.decisionMaker, { type: 'Grant', data: {} });
    await driver.waitForEvent('AccreditationGranted');
    const versions = (await driver.events()).map((event) => event.stream_version);
    expect(versions).toEqual(versions.map((_, index) => index + 1));
  }, 240_000);
});
