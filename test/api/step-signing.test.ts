import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../api/app';
import { stepSigningInterceptor } from '../../api/step-signing';
import { createLogger } from '../../config/logger';
import { stepSignature } from '../../domain/step-signature';
import { accreditationWorkflowId, type CommandRequest, commandUpdate } from '../../workflows/messages';
import { applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { organisationBody } from '../support/api-harness';
import { useTestStack } from '../support/stack';
import { testDataConverter, testStepSigningKey } from '../support/step-signing';
import { installQuietRuntime } from '../support/temporal';

/** Everything the worker's runtime and the API log during this file, at their most detailed levels. */
const logged: string[] = [];
installQuietRuntime(
  new DefaultLogger('TRACE', (entry) => logged.push(`${entry.message} ${JSON.stringify(entry.meta)}`)),
);

describe('steps the workflow can trust: signed by the API (issue 22, item 2)', () => {
  const stack = useTestStack();
  let api: Awaited<ReturnType<typeof buildApp>>;
  let connection: Connection;
  /** A client straight to Temporal, without the API's key: what anyone reaching the frontend has. */
  let outsider: Client;
  let staff: TestUser;
  let decisionMaker: TestUser;

  beforeAll(async () => {
    const apiLog = new Writable({
      write(chunk, _encoding, done) {
        logged.push(String(chunk));
        done();
      },
    });
    api = await buildApp({
      db: stack.db,
      temporal: stack.temporal.client,
      taskQueue: stack.temporal.taskQueue,
      logger: createLogger({ LOG_LEVEL: 'trace' }, 'api', apiLog),
    });
    connection = await Connection.connect({ address: inject('temporalAddress') });
    outsider = new Client({ connection, namespace: 'default', dataConverter: testDataConverter });
    staff = await stack.user('staff');
    decisionMaker = await stack.user('decision_maker');
  });
  afterAll(async () => {
    await api?.close();
    await connection?.close();
  });

  const call = (user: TestUser, url: string, payload: unknown) =>
    api.inject({ method: 'POST', url, headers: user.headers, payload: payload as object });

  /** A case in application review, through the API: every step of it signed. */
  async function submittedCase(): Promise<string> {
    const opened = await call(staff, '/accreditations', organisationBody());
    expect(opened.statusCode, opened.body).toBe(201);
    const id: string = opened.json().id;
    const applicant = await stack.user('organisation', { organisationId: opened.json().organisation.id });
    const submitted = await call(applicant, `/accreditations/${id}/application`, {
      items: applicationByStatements,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    return id;
  }

  const eventCount = async (id: string) =>
    (
      await stack.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('stream_id', '=', accreditationWorkflowId(id))
        .executeTakeFirstOrThrow()
    ).n;

  /** The refusal code of an update sent straight to Temporal. */
  async function refusal(send: Promise<unknown>): Promise<string | undefined> {
    const error = await send.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return (cause as ApplicationFailure).type ?? undefined;
  }

  /** Accepting the application: a step of the case manager that the case in review allows. */
  const acceptance = (): CommandRequest => ({
    command: { type: 'AcceptApplication', data: {} },
    actor: { id: staff.id, role: 'staff' },
  });

  it('refuses an unsigned step sent straight to Temporal, whoever it claims to come from; no event is written', async () => {
    const id = await submittedCase();
    const before = await eventCount(id);
    const handle = outsider.workflow.getHandle(accreditationWorkflowId(id));

    expect(await refusal(handle.executeUpdate(commandUpdate, { args: [acceptance()] }))).toBe(
      'step_not_signed',
    );
    // The decision maker's grant the issue warned of, unsigned.
    const grant: CommandRequest = {
      command: { type: 'Grant', data: {} } as CommandRequest['command'],
      actor: { id: decisionMaker.id, role: 'decision_maker' },
    };
    expect(await refusal(handle.executeUpdate(commandUpdate, { args: [grant] }))).toBe('step_not_signed');
    expect(await eventCount(id)).toBe(before);
  });

  it('refuses a step signed with another key, and a real signature moved to another update, actor or case', async () => {
    const id = await submittedCase();
    const otherId = await submittedCase();
    const before = [await eventCount(id), await eventCount(otherId)];
    const workflowId = accreditationWorkflowId(id);
    const handle = outsider.workflow.getHandle(workflowId);
    const request = acceptance();
    const signedFor = (updateId: string, fields: Partial<{ workflowId: string; actor: unknown }> = {}) =>
      stepSignature(testStepSigningKey, {
        updateId,
        workflowId,
        command: request.command,
        actor: request.actor,
        ...fields,
      });

    const foreignKey = stepSigningInterceptor('another-key-that-only-the-attacker-knows-0123');
    const forger = new Client({
      connection,
      namespace: 'default',
      interceptors: { workflow: [foreignKey] },
      dataConverter: testDataConverter,
    });
    expect(
      await refusal(forger.workflow.getHandle(workflowId).executeUpdate(commandUpdate, { args: [request] })),
    ).toBe('step_not_signed');

    // A signature the API made for update A, replayed under update B.
    const replayed = { ...request, signature: signedFor('update-a') };
    expect(
      await refusal(handle.executeUpdate(commandUpdate, { args: [replayed], updateId: 'update-b' })),
    ).toBe('step_not_signed');
    // Signed for the staff member, sent as a decision maker's step.
    const updateId = randomUUID();
    const promoted = {
      ...request,
      actor: { id: staff.id, role: 'decision_maker' as const },
      signature: signedFor(updateId),
    };
    expect(await refusal(handle.executeUpdate(commandUpdate, { args: [promoted], updateId }))).toBe(
      'step_not_signed',
    );
    // Signed for this case, sent to another.
    const elsewhere = { ...request, signature: signedFor(updateId) };
    const otherHandle = outsider.workflow.getHandle(accreditationWorkflowId(otherId));
    expect(await refusal(otherHandle.executeUpdate(commandUpdate, { args: [elsewhere], updateId }))).toBe(
      'step_not_signed',
    );

    expect([await eventCount(id), await eventCount(otherId)]).toEqual(before);
    // The very same step, signed for its update as the API signs it, is taken.
    const genuine = { ...request, signature: signedFor(updateId) };
    const outcome = await handle.executeUpdate(commandUpdate, { args: [genuine], updateId });
    expect(outcome.eventTypes).toEqual(['ApplicationAccepted']);
  });

  it('takes a step through the API as before, and never logs the key', async () => {
    const id = await submittedCase();
    const before = await eventCount(id);
    const accepted = await call(staff, `/accreditations/${id}/application/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await eventCount(id)).toBe(before + 1);

    expect(logged.length).toBeGreaterThan(0);
    expect(logged.filter((line) => line.includes(testStepSigningKey))).toEqual([]);
  });
});
