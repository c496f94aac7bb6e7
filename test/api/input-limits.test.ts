import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxLength } from '../../domain/text-limits';
import { applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { organisationBody, pdf, serveApi, type TestApi } from '../support/api-harness';
import { useTestStack } from '../support/stack';

describe('input limits: lengths, names, document references, uploads, concurrent users', () => {
  const api = useTestStack({ api: true });
  let staff: TestUser;
  let admin: TestUser;
  /** The same API with a small document quota. */
  let small: TestApi;

  beforeAll(async () => {
    staff = await api.user('staff');
    admin = await api.user('admin');
    small = await serveApi(api.database, api.temporal, { documentQuotaBytes: 500 });
  });
  afterAll(async () => {
    await small?.close();
  });

  async function openCase() {
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody(`Fall ${Date.now()}`));
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const applicant = await api.user('organisation', { organisationId: opened.body.organisation.id });
    return { id: opened.body.id as string, applicant };
  }

  const upload = (user: TestUser, content: Buffer, via: { call: TestApi['call'] } = api) =>
    via.call(user, 'POST', '/documents', content, { 'content-type': 'application/pdf' });

  it('refuses control and bidirectional-override characters in names with a 400 naming the field', async () => {
    for (const name of ['Muster GmbH\r\nX-Injected: yes', 'Muster\u202Egnilleh GmbH', 'Muster\u0007 GmbH']) {
      const refused = await api.call(staff, 'POST', '/accreditations', organisationBody(name));
      expect(refused.status, JSON.stringify(name)).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('body.organisation.name');
    }
    const organisations = await api.db
      .selectFrom('organisations')
      .select('name')
      .where('name', 'like', 'Muster%GmbH%')
      .execute();
    expect(organisations).toEqual([]);

    const person = await api.call(admin, 'POST', '/users', {
      email: 'zeile@example.org',
      name: 'Erika\nMustermann',
      role: 'auditor',
    });
    expect(person.status).toBe(400);
    expect(person.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.name']);
    expect(person.body.errors[0]).toMatchObject({ code: 'invalid_format', format: 'regex' });
  });

  it('refuses free text and ids over their maximum length, and accepts them at it', async () => {
    const { id, applicant } = await openCase();
    const items = (statement: string) =>
      applicationByStatements.map((item, index) => (index === 0 ? { ...item, statement } : item));
    const long = await api.call(applicant, 'POST', `/accreditations/${id}/application`, {
      items: items('x'.repeat(maxLength.text + 1)),
    });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].field).toBe('body.items.0.statement');
    // Stable terms beside the English words, for a client to say it in its own language.
    expect(long.body.errors[0]).toMatchObject({ code: 'too_big', limit: maxLength.text, origin: 'string' });
    const longId = await api.call(staff, 'POST', `/accreditations/${id}/case-manager`, {
      caseManagerId: 'x'.repeat(maxLength.id + 1),
    });
    expect(longId.status).toBe(400);
    const fits = await api.call(applicant, 'POST', `/accreditations/${id}/application`, {
      items: items('x'.repeat(maxLength.text)),
    });
    expect(fits.status, JSON.stringify(fits.body)).toBe(200);
  });

  it("refuses document references that are not stored or belong to another case's organisation", async () => {
    const { id, applicant } = await openCase();
    const stranger = await api.user('organisation');
    const theirs = (await upload(stranger, pdf(`fremd ${id}`))).body.id;
    const ours = (await upload(applicant, pdf(`eigen ${id}`))).body.id;
    const submit = (documentId: string) =>
      api.call(applicant, 'POST', `/accreditations/${id}/application`, {
        items: applicationByStatements.map((item, index) =>
          index === 1 ? { itemId: item.itemId, documentIds: [documentId] } : item,
        ),
      });
    for (const documentId of ['0'.repeat(64), theirs]) {
      const refused = await submit(documentId);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('unknown_document');
      expect(refused.body.errors[0].field).toBe('body.items.1.documentIds.0');
    }
    const timeline = (await api.call(staff, 'GET', `/accreditations/${id}`)).body.timeline;
    expect(timeline.map((entry: { type: string }) => entry.type)).not.toContain('ApplicationSubmitted');
    expect((await submit(ours)).status).toBe(200);
  });

  it('keeps each organisation within its document quota; its own repeated upload does not count twice', async () => {
    const organisation = await api.user('organisation');
    const padded = (seed: string) => Buffer.concat([pdf(seed), Buffer.alloc(150, 0x20)]);
    const first = await upload(organisation, padded('eins'), small);
    expect(first.status).toBe(201);
    expect((await upload(organisation, padded('zwei'), small)).status).toBe(201);
    const over = await upload(organisation, padded('drei'), small);
    expect(over.status).toBe(413);
    expect(over.body.code).toBe('document_quota_exceeded');
    expect((await upload(organisation, padded('eins'), small)).body).toMatchObject({ duplicate: true });
    // Another organisation has a quota of its own.
    expect((await upload(await api.user('organisation'), padded('drei'), small)).status).toBe(201);
  });

  it('answers users created at the same moment with the same e-mail by one 201 and 409s', async () => {
    const body = { email: `gleichzeitig-${Date.now()}@example.org`, name: 'Gleich Zeitig', role: 'auditor' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api.call(admin, 'POST', '/users', body)),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const answer of answers.filter((a) => a.status === 409))
      expect(answer.body.code).toBe('email_taken');
  });
});
