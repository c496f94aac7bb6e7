import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../api/app';
import type { UserRow } from '../../db/database';
import { findUser } from '../../db/identity';
import { type AccreditationFilter, listAccreditations } from '../../db/read-model';
import { createWorker } from '../../worker/worker';
import { applicationByStatements } from '../fixtures/application';
import { createTestUser, type TestUser } from '../fixtures/users';
import { organisationBody } from '../support/api-harness';
import { useTestStack } from '../support/stack';
import {
  signingInterceptors,
  testDataConverter,
  testPayloadKeys,
  testStepSigningKey,
} from '../support/step-signing';

describe('human steps through the API', () => {
  const api = useTestStack({
    api: { credentialLimits: { perCredential: 3, perAddress: 5, windowMs: 60_000 } },
  });
  let staff: TestUser;

  beforeAll(async () => {
    staff = await api.user('staff');
  });

  /** A case in application review, with its organisation user. */
  async function submittedCase() {
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody());
    const id: string = opened.body.id;
    const applicant = await api.user('organisation', { organisationId: opened.body.organisation.id });
    const submitted = await api.call(applicant, 'POST', `/accreditations/${id}/application`, {
      items: applicationByStatements,
    });
    expect(submitted.status).toBe(200);
    return { id, applicant };
  }

  const eventCount = async (id: string) =>
    (
      await api.database.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('stream_id', '=', `accreditation-${id}`)
        .executeTakeFirstOrThrow()
    ).n;

  it('answers a step the workflow rejects with 409, its reason and a stable code; nothing is written', async () => {
    const { id } = await submittedCase();
    const before = await eventCount(id);
    const response = await api.call(staff, 'POST', `/accreditations/${id}/suspend`, { reason: 'Test' });
    expect(response.status).toBe(409);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      type: '/problems/conflict',
      status: 409,
      code: 'invalid_transition',
    });
    expect(response.body.detail).toContain('Suspend');
    expect(await eventCount(id)).toBe(before);
  });

  it('refuses a complaint recorded inside a case (rule set 7) with 409, pointing to POST /complaints; nothing is written', async () => {
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody());
    const id: string = opened.body.id;
    const before = await eventCount(id);
    const response = await api.call(staff, 'POST', `/accreditations/${id}/complaints`, {
      complainant: 'Kundin K.',
      summary: 'Ausfall am Wochenende.',
    });
    expect(response.status).toBe(409);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 409, code: 'complaint_has_own_life_cycle' });
    expect(response.body.detail).toContain('POST /complaints');
    expect(await eventCount(id)).toBe(before);
  });

  it('lets exactly one of two people completing the same task at once succeed; the other gets 409', async () => {
    const { id } = await submittedCase();
    const otherStaff = await api.user('staff');
    const answers = await Promise.all(
      [staff, otherStaff].map((user) =>
        api.call(user, 'POST', `/accreditations/${id}/application/accept`, {}),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body.code).toBe('invalid_transition');
    const types = (await api.call(staff, 'GET', `/accreditations/${id}`)).body.timeline.map(
      (event: { type: string }) => event.type,
    );
    expect(types.filter((type: string) => type === 'ApplicationAccepted')).toHaveLength(1);
  });

  it('does a step once however often it is repeated with the same Idempotency-Key', async () => {
    const { id } = await submittedCase();
    const headers = { 'idempotency-key': 'accept-once-12345' };
    const first = await api.call(staff, 'POST', `/accreditations/${id}/application/accept`, {}, headers);
    const again = await api.call(staff, 'POST', `/accreditations/${id}/application/accept`, {}, headers);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body.version).toBe(first.body.version);
    const other = await api.call(
      staff,
      'POST',
      `/accreditations/${id}/application/accept`,
      {},
      { 'idempotency-key': 'another-key-1' },
    );
    expect(other.status).toBe(409);
  });

  it('refuses a decision maker who audited the case (four-eyes principle)', async () => {
    const { id } = await submittedCase();
    const auditor = await api.user('auditor');
    await api.call(staff, 'POST', `/accreditations/${id}/application/accept`, {});
    const assigned = await api.call(staff, 'POST', `/accreditations/${id}/document-reviewer`, {
      auditorId: auditor.id,
      conflictOfInterestDeclaredFree: true,
    });
    expect(assigned.status).toBe(200);
    // The same person later holds the decision right.
    await api.database.db
      .updateTable('users')
      .set({ role: 'decision_maker' })
      .where('user_id', '=', auditor.id)
      .execute();
    const refused = await api.call(auditor, 'POST', `/accreditations/${id}/refuse`, {
      reasons: ['Befangen?'],
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: '/problems/forbidden', code: 'four_eyes_violation' });
  });

  it('answers with problem+json for oversized bodies, bad JSON and unknown routes, with a request id', async () => {
    const big = { ...organisationBody(), scope: 'x'.repeat(2 * 1024 * 1024) };
    const tooLarge = await api.call(staff, 'POST', '/accreditations', big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ type: '/problems/payload-too-large' });
    const badJson = await api.call(staff, 'POST', '/accreditations', Buffer.from('{"oops'), {
      'content-type': 'application/json',
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.type).toBe('/problems/validation-failed');
    const nul = await api.call(staff, 'GET', '/accreditations?organisationName=a%00b');
    expect(nul.status).toBe(400);
    const nulBody = await api.call(staff, 'POST', '/accreditations', {
      ...organisationBody('Null\u0000GmbH'),
    });
    expect(nulBody.status).toBe(400);
    const unknown = await api.call(staff, 'GET', '/nowhere', undefined, { 'x-request-id': 'req-4711' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-request-id')).toBe('req-4711');
  });

  it('lists with filters and keyset pagination, and shows each user their inbox', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await submittedCase()).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/accreditations?status=application_review&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api.call(staff, 'GET', query);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
    const none = await api.call(staff, 'GET', '/accreditations?status=accredited&expiringWithinDays=30');
    expect(none.body.items.every((item: { status: string }) => item.status === 'accredited')).toBe(true);
    const badCursor = await api.call(staff, 'GET', '/accreditations?cursor=nonsense');
    expect(badCursor.status).toBe(400);

    const inbox = await api.call(staff, 'GET', '/tasks');
    const mine = inbox.body.items.filter((task: { accreditationId: string }) =>
      ids.includes(task.accreditationId),
    );
    expect(mine.map((task: { kind: string }) => task.kind)).toEqual([
      'review_application',
      'review_application',
      'review_application',
    ]);
    expect(mine[0].actions.map((action: { command: string }) => action.command)).toContain(
      'AcceptApplication',
    );
  });
  it('filters cases with an overdue task and certificates expiring soon by the columns of their row', async () => {
    const { db } = api.database;
    const { id } = await submittedCase();
    const asked = await api.call(staff, 'POST', `/accreditations/${id}/information-requests`, {
      questions: ['Organigramm?'],
    });
    expect(asked.status).toBe(200);
    const [answer] = asked.body.openTasks.filter((task: { kind: string }) => task.kind === 'answer_request');
    const dueAt = new Date(answer.dueAt);
    const staffRow = (await findUser(db, staff.id)) as UserRow;
    const listed = async (filter: Partial<AccreditationFilter>) =>
      (await listAccreditations(db, staffRow, { limit: 500, ...filter })).map((row) => row.accreditation_id);

    expect(await listed({ overdue: true, now: new Date(dueAt.getTime() - 60_000) })).not.toContain(id);
    expect(await listed({ overdue: true, now: new Date(dueAt.getTime() + 60_000) })).toContain(id);
    const overdue = await api.call(staff, 'GET', '/accreditations?overdue=true&limit=100');
    expect(overdue.body.items.map((item: { id: string }) => item.id)).not.toContain(id);

    // A certificate valid for ten more days (set on the row: the filter reads only the row).
    const now = new Date();
    await db
      .updateTable('accreditations')
      .set({ status: 'accredited', valid_until: new Date(now.getTime() + 10 * 86_400_000) })
      .where('accreditation_id', '=', id)
      .execute();
    expect(await listed({ expiringWithinDays: 30, now })).toContain(id);
    expect(await listed({ expiringWithinDays: 5, now })).not.toContain(id);
    const expiring = await api.call(staff, 'GET', '/accreditations?expiringWithinDays=30&limit=100');
    expect(expiring.body.items.map((item: { id: string }) => item.id)).toContain(id);
  });
});

describe('a worker that does not answer', () => {
  const stack = useTestStack({ temporal: false });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const connections: { close(): Promise<void> }[] = [];
  const taskQueue = `test-unavailable-${Date.now()}`;

  async function startWorker() {
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    connections.push(connection);
    worker = await createWorker({
      connection,
      namespace: 'default',
      taskQueue,
      db: stack.db,
      workflowBundle: { code: inject('workflowBundleCode') },
      stepSigningKey: testStepSigningKey,
      payloadKeys: testPayloadKeys,
    });
    running = worker.run();
  }

  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    for (const connection of connections) await connection.close();
  });

  it('answers 503 with a retry-safe key within the deadline; the retry does the step, or opens the case, once', async () => {
    await startWorker();
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    connections.push(connection);
    const app = await buildApp({
      db: stack.db,
      temporal: new Client({
        connection,
        namespace: 'default',
        interceptors: signingInterceptors(),
        dataConverter: testDataConverter,
      }),
      taskQueue,
      logger: false,
      stepTimeoutMs: 1_500,
    });
    try {
      const staff = await createTestUser(stack.db, 'staff');
      const opened = await app.inject({
        method: 'POST',
        url: '/accreditations',
        headers: staff.headers,
        payload: organisationBody(),
      });
      const id = opened.json().id;
      const applicant = await createTestUser(stack.db, 'organisation', {
        organisationId: opened.json().organisation.id,
      });

      worker?.shutdown();
      await running;
      const submit = (headers: Record<string, string> = {}) =>
        app.inject({
          method: 'POST',
          url: `/accreditations/${id}/application`,
          headers: { ...applicant.headers, ...headers },
          payload: { items: applicationByStatements },
        });
      const unavailable = await submit();
      expect(unavailable.statusCode).toBe(503);
      const problem = unavailable.json();
      expect(problem).toMatchObject({ type: '/problems/temporarily-unavailable' });
      expect(problem.updateId).toEqual(expect.any(String));

      await startWorker();
      let retried = await submit({ 'idempotency-key': problem.updateId });
      for (let attempt = 0; retried.statusCode === 503 && attempt < 20; attempt += 1) {
        retried = await submit({ 'idempotency-key': problem.updateId });
      }
      expect(retried.statusCode, retried.body).toBe(200);
      expect(retried.json().status).toBe('application_review');
      const submissions = retried
        .json()
        .timeline.filter((event: { type: string }) => event.type === 'ApplicationSubmitted');
      expect(submissions).toHaveLength(1);

      // Opening: 503 while no worker answers; the retry with the key opens the case once.
      worker?.shutdown();
      await running;
      const body = organisationBody(`Wiederholt GmbH ${Date.now()}`);
      const open = () =>
        app.inject({
          method: 'POST',
          url: '/accreditations',
          headers: { ...staff.headers, 'idempotency-key': 'opening-after-503' },
          payload: body,
        });
      const unavailableOpening = await open();
      expect(unavailableOpening.statusCode).toBe(503);
      expect(unavailableOpening.json().updateId).toBe('opening-after-503');
      await startWorker();
      let reopened = await open();
      for (let attempt = 0; reopened.statusCode === 503 && attempt < 20; attempt += 1)
        reopened = await open();
      expect(reopened.statusCode, reopened.body).toBe(201);
      const again = await open();
      expect(again.statusCode).toBe(201);
      expect(again.json().id).toBe(reopened.json().id);
      const rows = await stack.db
        .selectFrom('accreditations')
        .select(['accreditation_id', 'organisation_id'])
        .where('organisation_name', '=', body.organisation.name)
        .execute();
      expect(rows).toEqual([
        { accreditation_id: reopened.json().id, organisation_id: reopened.json().organisation.id },
      ]);
      const organisations = await stack.db
        .selectFrom('organisations')
        .select('organisation_id')
        .where('name', '=', body.organisation.name)
        .execute();
      expect(organisations).toEqual([{ organisation_id: reopened.json().organisation.id }]);
      expect(
        reopened.json().timeline.filter((event: { type: string }) => event.type === 'AccreditationOpened'),
      ).toHaveLength(1);
    } finally {
      await app.close();
    }
  }, 90_000);
});
