import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWorker } from '../../worker/worker';
import type { TestUser } from '../fixtures/users';
import { createTestUser } from '../fixtures/users';
import { organisationBody, serveApi, type TestApi } from '../support/api-harness';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  signingInterceptors,
  testDataConverter,
  testPayloadKeys,
  testStepSigningKey,
} from '../support/step-signing';
import { installQuietRuntime } from '../support/temporal';

/**
 * No worker polls the task queue: a step answers 503 problem+json within the API's deadline, with
 * the id to repeat it with; repeated (twice) once a worker is back, it is recorded exactly once.
 */
describe('a step while no worker runs', () => {
  const taskQueue = `test-${randomUUID()}`;
  let database: TestDatabase;
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let api: TestApi;
  let staff: TestUser;
  let successor: TestUser;
  let running: { worker: Worker; done: Promise<void> } | undefined;

  const startWorker = async () => {
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      db: database.db,
      workflowBundle: { code: inject('workflowBundleCode') },
      stepSigningKey: testStepSigningKey,
      payloadKeys: testPayloadKeys,
    });
    running = { worker, done: worker.run() };
  };
  const stopWorker = async () => {
    running?.worker.shutdown();
    await running?.done;
    running = undefined;
  };

  beforeAll(async () => {
    installQuietRuntime();
    database = await createTestDatabase();
    const address = inject('temporalAddress');
    nativeConnection = await NativeConnection.connect({ address });
    connection = await Connection.connect({ address });
    const client = new Client({
      connection,
      namespace: 'default',
      interceptors: signingInterceptors(),
      dataConverter: testDataConverter,
    });
    await startWorker();
    api = await serveApi(
      database,
      { client, taskQueue, worker: running?.worker as Worker, close: async () => {} },
      { stepTimeoutMs: 3_000 },
    );
    staff = await createTestUser(database.db, 'staff');
    successor = await createTestUser(database.db, 'staff');
  });

  afterAll(async () => {
    await api?.close();
    await stopWorker();
    await nativeConnection?.close();
    await connection?.close();
    await database?.drop();
  });

  const handovers = async (id: string) =>
    (
      await database.db
        .selectFrom('events')
        .select('event_type')
        .where('stream_id', '=', `accreditation-${id}`)
        .where('event_type', '=', 'CaseManagerAssigned')
        .execute()
    ).length;

  it('answers 503 with a retry-safe id, and records the step once when repeated after the worker is back', async () => {
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody('Ohne Worker GmbH'));
    expect(opened.status).toBe(201);
    const id: string = opened.body.id;
    await stopWorker();

    const handover = { caseManagerId: successor.id };
    const unanswered = await api.call(staff, 'POST', `/accreditations/${id}/case-manager`, handover);
    expect(unanswered.status).toBe(503);
    expect(unanswered.contentType).toContain('application/problem+json');
    expect(unanswered.body).toMatchObject({ type: '/problems/temporarily-unavailable', status: 503 });
    const retryKey: string = unanswered.body.updateId;
    expect(retryKey).toMatch(/^[\w-]{8,100}$/);
    expect(await handovers(id)).toBe(0);

    await startWorker();
    // As a client does: repeated with the id while it answers 503 (the worker may still be starting).
    const repeat = () =>
      api.call(staff, 'POST', `/accreditations/${id}/case-manager`, handover, {
        'idempotency-key': retryKey,
      });
    let repeated = await repeat();
    for (let attempt = 1; repeated.status === 503 && attempt < 5; attempt += 1) repeated = await repeat();
    expect(repeated.status, JSON.stringify(repeated.body)).toBe(200);
    expect((await repeat()).status).toBe(200);
    expect(await handovers(id)).toBe(1);
    const events = await database.db
      .selectFrom('events')
      .select('stream_version')
      .where('stream_id', '=', `accreditation-${id}`)
      .orderBy('stream_version')
      .execute();
    expect(events.map((event) => event.stream_version)).toEqual(events.map((_, index) => index + 1));
  }, 60_000);
});
