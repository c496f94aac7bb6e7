import { connect } from 'node:net';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { deleteExpiredIdempotencyKeys } from '../../db/idempotency-keys';
import type { TestUser } from '../fixtures/users';
import { organisationBody } from '../support/api-harness';
import { useTestStack } from '../support/stack';

interface Operation {
  parameters?: { name: string }[];
  responses?: Record<string, unknown>;
}

/** The API's HTTP contract as an outside client meets it (issue 21, item 10). */
describe('the API contract', () => {
  const api = useTestStack({
    api: { credentialLimits: { perCredential: 1000, perAddress: 1000, windowMs: 60_000 } },
  });
  let staff: TestUser;

  beforeAll(async () => {
    staff = await api.user('staff');
  });

  const eventCount = async () =>
    Number(
      (
        await api.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /**
   * A body of `bytes` sent as Python's requests (and so schemathesis) sends it: all of it on a
   * plain socket, then the answer read. A reset while sending fails the call.
   */
  function postLarge(path: string, bytes: number, headers: Record<string, string>) {
    return new Promise<{ status: number; contentType: string; body: string }>((resolve, reject) => {
      const url = new URL(path, api.baseUrl);
      const socket = connect(Number(url.port), url.hostname);
      let answer = '';
      socket.on('data', (data) => (answer += data.toString('latin1')));
      socket.on('error', reject);
      const head = [
        `POST ${url.pathname} HTTP/1.1`,
        `host: ${url.host}`,
        'content-type: application/json',
        `content-length: ${bytes}`,
        'connection: close',
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const write = () => {
        while (sent < bytes) {
          const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
          sent += part.length;
          if (!socket.write(part)) return void socket.once('drain', write);
        }
        socket.end();
      };
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      write();
      socket.on('close', (hadError) => {
        if (hadError) return;
        const [status = '', ...rest] = answer.split('\r\n');
        const separator = rest.indexOf('');
        const header = (name: string) =>
          rest
            .slice(0, separator)
            .find((line) => line.toLowerCase().startsWith(`${name}:`))
            ?.split(': ')[1];
        resolve({
          status: Number(status.split(' ')[1]),
          contentType: header('content-type') ?? '',
          body: rest.slice(separator + 1).join('\r\n'),
        });
      });
    });
  }

  it('answers a 50 MB body with 413 problem+json every time, never with a reset connection', async () => {
    const before = await eventCount();
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await postLarge('/accreditations', 50 * 1024 * 1024, staff.headers);
      expect(response.status).toBe(413);
      expect(response.contentType).toContain('application/problem+json');
      expect(JSON.parse(response.body)).toMatchObject({ type: '/problems/payload-too-large', status: 413 });
    }
    expect(await eventCount()).toBe(before);
  }, 120_000);

  it('refuses an Idempotency-Key reused with another request with 422, and records nothing', async () => {
    const key = 'contract-key-0001';
    const first = await api.call(staff, 'POST', '/accreditations', organisationBody('Erste GmbH'), {
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    const id: string = first.body.id;

    // The same request again: the same case, nothing twice.
    const again = await api.call(staff, 'POST', '/accreditations', organisationBody('Erste GmbH'), {
      'idempotency-key': key,
    });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(id);

    const before = await eventCount();
    const otherBody = await api.call(staff, 'POST', '/accreditations', organisationBody('Zweite GmbH'), {
      'idempotency-key': key,
    });
    expect(otherBody.status).toBe(422);
    expect(otherBody.contentType).toContain('application/problem+json');
    expect(otherBody.body).toMatchObject({
      type: '/problems/idempotency-key-reused',
      status: 422,
      code: 'idempotency_key_reused',
    });
    const handOver = { caseManagerId: (await api.user('staff')).id };
    const otherRoute = await api.call(staff, 'POST', `/accreditations/${id}/case-manager`, handOver, {
      'idempotency-key': key,
    });
    expect(otherRoute.status).toBe(422);
    expect(await eventCount()).toBe(before);
    // The same body with its keys in another order is the same request.
    const reversed = Object.fromEntries(Object.entries(organisationBody('Erste GmbH')).reverse());
    const reordered = await api.call(staff, 'POST', '/accreditations', reversed, { 'idempotency-key': key });
    expect([reordered.status, reordered.body.id]).toEqual([201, id]);

    // A step under a key of its own, then that key with another body.
    const stepKey = 'contract-key-0002';
    const recorded = await api.call(staff, 'POST', `/accreditations/${id}/case-manager`, handOver, {
      'idempotency-key': stepKey,
    });
    expect(recorded.status).toBe(200);
    const afterStep = await eventCount();
    const changed = await api.call(
      staff,
      'POST',
      `/accreditations/${id}/case-manager`,
      { caseManagerId: staff.id },
      { 'idempotency-key': stepKey },
    );
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('idempotency_key_reused');
    const repeated = await api.call(staff, 'POST', `/accreditations/${id}/case-manager`, handOver, {
      'idempotency-key': stepKey,
    });
    expect(repeated.status).toBe(200);
    expect(await eventCount()).toBe(afterStep);
  });

  it('frees the key of a refused step: nothing was recorded under it', async () => {
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody('Dritte GmbH'));
    const id: string = opened.body.id;
    const key = 'contract-key-0003';
    const refused = await api.call(
      staff,
      'POST',
      `/accreditations/${id}/suspend`,
      { reason: 'Zu früh' },
      {
        'idempotency-key': key,
      },
    );
    expect(refused.status).toBe(409);
    const handOver = { caseManagerId: (await api.user('staff')).id };
    const reused = await api.call(staff, 'POST', `/accreditations/${id}/case-manager`, handOver, {
      'idempotency-key': key,
    });
    expect(reused.status).toBe(200);
  });

  it('forgets an Idempotency-Key after the time it is kept: reused later, it is a new request', async () => {
    const key = 'contract-key-0004';
    const first = await api.call(staff, 'POST', '/accreditations', organisationBody('Vierte GmbH'), {
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    // Stored 25 hours ago (the default keeps a key for 24), as if a day had passed.
    await api.db
      .updateTable('idempotency_keys')
      .set({ created_at: sql<Date>`now() - interval '25 hours'` })
      .where('key', '=', key)
      .execute();
    const later = await api.call(staff, 'POST', '/accreditations', organisationBody('Fünfte GmbH'), {
      'idempotency-key': key,
    });
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
    // The sweep deletes what has expired, and only that.
    await api.db
      .updateTable('idempotency_keys')
      .set({ created_at: sql<Date>`now() - interval '25 hours'` })
      .where('key', '=', key)
      .execute();
    expect(await deleteExpiredIdempotencyKeys(api.db)).toBeGreaterThanOrEqual(1);
    const left = await api.db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute();
    expect(left).toEqual([]);
  });

  it('answers a method a path does not support with 405 and the methods it does', async () => {
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody('Vierte GmbH'));
    for (const [method, path, allowed] of [
      ['DELETE', `/accreditations/${opened.body.id}`, 'GET, HEAD'],
      ['PUT', '/accreditations', 'GET, HEAD, POST'],
      ['GET', `/accreditations/${opened.body.id}/complaints`, 'POST'],
      ['PATCH', '/register', 'GET, HEAD'],
      // Without Content-Type, which Fastify would refuse with 400 before finding no route.
      ['QUERY', '/accreditations', 'GET, HEAD, POST'],
    ] as const) {
      const response = await api.call(staff, method, path);
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        type: '/problems/method-not-allowed',
        code: 'method_not_allowed',
      });
      expect(response.headers.get('allow')).toBe(allowed);
    }
    expect((await api.call(staff, 'DELETE', '/no-such-path')).status).toBe(404);
  });

  it('answers an overlong URL with 414 problem+json', async () => {
    const response = await api.call(staff, 'GET', `/accreditations?organisationName=${'x'.repeat(10_000)}`);
    expect(response.status).toBe(414);
    expect(response.contentType).toContain('application/problem+json');
    // A path parameter longer than its schema allows is the schema's 400, not the router's 414.
    const longId = await api.call(staff, 'GET', `/accreditations/${'0'.repeat(500)}`);
    expect(longId.status).toBe(400);
    expect(longId.contentType).toContain('application/problem+json');
  });

  it('documents 413 (with a body), 414 and 429 on every route, and 422 where a key is taken', async () => {
    const document = (await api.call(null, 'GET', '/openapi.json')).body;
    const missing: string[] = [];
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const expected = ['414', '429'];
        if (['post', 'put', 'patch'].includes(method)) expected.push('413');
        if (operation.parameters?.some((p: { name: string }) => p.name === 'idempotency-key'))
          expected.push('422');
        for (const status of expected)
          if (!operation.responses?.[status]) missing.push(`${method.toUpperCase()} ${path}: ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  /** The body schema of `method path` in the OpenAPI document, as a client's generator reads it. */
  async function bodySchema(method: string, path: string) {
    const document = (await api.call(null, 'GET', '/openapi.json')).body;
    return document.paths[path][method].requestBody.content['application/json'].schema;
  }
  const fits = (pattern: string, value: string) => new RegExp(pattern).test(value);

  it('agrees with its document on what it takes (what schemathesis --checks all found refused)', async () => {
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody('Sechste GmbH'));
    const id: string = opened.body.id;

    // A name of nothing but blanks: the document's pattern refuses it, as the API does (it was
    // trimmed to nothing after the pattern let it through). A long run of blanks is refused too,
    // in one pass of the pattern rather than a backtracking search that held the API for minutes.
    const opening = await bodySchema('post', '/accreditations');
    const city: string = opening.properties.organisation.properties.address.properties.city.pattern;
    expect(fits(city, ' \n\u00a0 ')).toBe(false);
    expect(fits(city, ' Berlin\u00a0')).toBe(true);
    const label: string = (await bodySchema('post', '/users/{id}/tokens')).properties.label.pattern;
    for (const blank of [' ', `${' '.repeat(20_000)}\u0001`]) {
      const refused = await api.call(staff, 'POST', `/users/${staff.id}/tokens`, { label: blank });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toContainEqual(expect.objectContaining({ field: 'body.label' }));
      expect(fits(label, blank)).toBe(false);
    }

    // A date the calendar does not have is outside the document's pattern; 29 February in a leap year is inside.
    const auditDate: string = (await bodySchema('post', '/accreditations/{id}/audit-date')).properties
      .auditDate.pattern;
    expect([
      fits(auditDate, '2026-02-30'),
      fits(auditDate, '0000-00-00'),
      fits(auditDate, '2028-02-29'),
    ]).toEqual([false, false, true]);
    const notADay = await api.call(staff, 'POST', `/accreditations/${id}/audit-date`, {
      auditDate: '2026-02-30',
    });
    expect(notADay.status).toBe(400);

    // An application item needs documents or a statement: the document says so as anyOf.
    const application = await bodySchema('post', '/accreditations/{id}/application');
    expect(application.properties.items.items.anyOf).toEqual([
      { required: ['documentIds'], properties: { documentIds: { minItems: 1 } } },
      { required: ['statement'] },
    ]);

    // Base64 of no byte ("0=") is outside the document's pattern, as the API refuses it.
    const upload: string = (await bodySchema('post', '/documents')).properties.contentBase64.pattern;
    expect([fits(upload, '0='), fits(upload, 'AA==')]).toEqual([false, true]);
    const empty = await api.call(staff, 'POST', '/documents', {
      contentBase64: '0=',
      mediaType: 'text/plain',
    });
    expect(empty.status).toBe(400);

    // NUL in a field the route drops (one the document does not name) is no reason to refuse;
    // in a field it keeps, it is (PostgreSQL text cannot hold it).
    const before = await eventCount();
    const extension = (target: Record<string, unknown>) =>
      api.call(staff, 'POST', `/accreditations/${id}/deadline-extensions`, {
        target: { kind: 'corrective_action', id: 'CA-1', ...target },
        newDueAt: '2027-01-15T00:00:00Z',
        reason: 'Urlaub',
      });
    const unknownField = await extension({ 'note\u0000': 'a\u0000b' });
    expect(unknownField.status, JSON.stringify(unknownField.body)).toBe(409);
    const keptField = await extension({ id: 'CA\u00001' });
    expect(keptField.status).toBe(400);
    expect(keptField.body.errors).toEqual([expect.objectContaining({ field: 'body.target.id' })]);
    expect(await eventCount()).toBe(before);
  });
});
