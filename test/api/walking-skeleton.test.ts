import { beforeAll, describe, expect, it } from 'vitest';
import { accreditationWorkflowId } from '../../workflows/messages';
import type { TestUser } from '../fixtures/users';
import { useTestStack } from '../support/stack';

const validBody = {
  organisation: {
    name: 'Musterdienst GmbH',
    address: { street: 'Hauptstraße 5', postalCode: '80331', city: 'München', country: 'DE' },
    contactEmail: 'kontakt@musterdienst.example',
  },
  scope: 'IT-Servicedesk und Rechenzentrumsbetrieb am Standort München',
};

describe('walking skeleton: POST /accreditations → workflow → event → GET', () => {
  const stack = useTestStack({ api: true });
  let staff: TestUser;

  beforeAll(async () => {
    staff = await stack.user('staff');
  });

  const counts = async () => {
    const events = await stack.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const organisations = await stack.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { events: events.n, organisations: organisations.n };
  };

  it('opens an accreditation, records the first event and reads it back from PostgreSQL', async () => {
    const created = await stack.app.inject({
      method: 'POST',
      url: '/accreditations',
      headers: staff.headers,
      payload: validBody,
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(created.headers.location).toBe(`/accreditations/${body.id}`);
    expect(body).toMatchObject({
      status: 'opened',
      organisation: { name: 'Musterdienst GmbH' },
      caseManagerId: staff.id,
      cycle: 1,
      version: 1,
    });
    expect(body.timeline).toEqual([
      expect.objectContaining({
        version: 1,
        type: 'AccreditationOpened',
        actorId: staff.id,
        actorRole: 'staff',
      }),
    ]);

    const read = await stack.app.inject({
      method: 'GET',
      url: `/accreditations/${body.id}`,
      headers: staff.headers,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(body);

    const event = await stack.db
      .selectFrom('events')
      .selectAll()
      .where('stream_id', '=', accreditationWorkflowId(body.id))
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ event_type: 'AccreditationOpened', stream_version: 1 });
    expect(event.metadata).toMatchObject({ workflowId: accreditationWorkflowId(body.id), actorId: staff.id });

    const description = await stack.temporal.client.workflow
      .getHandle(accreditationWorkflowId(body.id))
      .describe();
    expect(description.status.name).toBe('RUNNING');
  });

  it('answers bad input with 400 problem+json naming the field, and writes nothing', async () => {
    const before = await counts();
    const bad = { ...validBody, organisation: { ...validBody.organisation, contactEmail: 'not-an-email' } };
    const response = await stack.app.inject({
      method: 'POST',
      url: '/accreditations',
      headers: staff.headers,
      payload: bad,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      type: '/problems/validation-failed',
      status: 400,
      errors: [expect.objectContaining({ field: 'body.organisation.contactEmail' })],
    });
    expect(await counts()).toEqual(before);
    const workflows = stack.temporal.client.workflow.list({
      query: `TaskQueue = '${stack.temporal.taskQueue}'`,
    });
    let started = 0;
    for await (const _ of workflows) started += 1;
    expect(started).toBe(1); // only the one opened by the first test
  });

  it('refuses callers without a token or with the wrong role, and hides other organisations’ cases', async () => {
    const before = await counts();
    const anonymous = await stack.app.inject({ method: 'POST', url: '/accreditations', payload: validBody });
    expect(anonymous.statusCode).toBe(401);
    const auditor = await stack.user('auditor');
    const forbidden = await stack.app.inject({
      method: 'POST',
      url: '/accreditations',
      headers: auditor.headers,
      payload: validBody,
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ type: '/problems/forbidden' });
    const afterRefusals = await counts();
    expect(afterRefusals.events).toBe(before.events);

    const opened = await stack.app.inject({
      method: 'POST',
      url: '/accreditations',
      headers: staff.headers,
      payload: validBody,
    });
    const id = opened.json().id;
    const stranger = await stack.user('organisation');
    const hidden = await stack.app.inject({
      method: 'GET',
      url: `/accreditations/${id}`,
      headers: stranger.headers,
    });
    expect(hidden.statusCode).toBe(404);
    const unassignedAuditor = await stack.app.inject({
      method: 'GET',
      url: `/accreditations/${id}`,
      headers: auditor.headers,
    });
    expect(unassignedAuditor.statusCode).toBe(404);
    const unknown = await stack.app.inject({
      method: 'GET',
      url: '/accreditations/00000000-0000-4000-8000-000000000000',
      headers: staff.headers,
    });
    expect(unknown.statusCode).toBe(404);
  });
});
