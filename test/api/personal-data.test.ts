import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { eraseOrganisationData } from '../../db/organisation-erasure';
import { hashPassword, storePasswordHash } from '../../db/passwords';
import { erasedName } from '../../db/personal-data';
import { rebuildProjections } from '../../db/projections/rebuild';
import { verifyHashChains } from '../../db/verify';
import { shreddedPlaceholder } from '../../domain/events/personal-fields';
import { erasedOrganisationName } from '../../domain/retention';
import type { TestUser } from '../fixtures/users';
import { awaitingDecision, inDocumentReview } from '../support/awaiting-decision';
import { Browser } from '../support/browser';
import { useTestStack } from '../support/stack';

const password = 'ein langes Passwort für Tests';

/**
 * Data protection (DSGVO Art. 15, 17): a person's data as a download, for themselves and for an
 * administrator; erasure that leaves nobody named, survives a projection rebuild and keeps the
 * event store's hash chains valid.
 */
describe('personal data through the API', () => {
  const api = useTestStack({
    api: { credentialLimits: { perCredential: 1000, perAddress: 1000, windowMs: 60_000 } },
  });
  let admin: TestUser;
  let staff: TestUser;
  let auditor: TestUser;
  /** The auditor's unmistakable name and address, to look for everywhere after the erasure. */
  const name = `Erika Löschbar ${randomUUID().slice(0, 8)}`;
  const email = `erika.loeschbar.${randomUUID().slice(0, 8)}@pruefer.example`;
  let caseId: string;

  beforeAll(async () => {
    admin = await api.user('admin');
    staff = await api.user('staff');
    auditor = await api.user('auditor');
    await api.db.updateTable('users').set({ name, email }).where('user_id', '=', auditor.id).execute();
    await storePasswordHash(api.db, auditor.id, await hashPassword(password));
    ({ id: caseId } = await awaitingDecision(api, staff, auditor, 'Datenschutz Prüffall GmbH'));
  }, 120_000);

  it('gives the person everything held about them, as a download, without a secret', async () => {
    const issued = await api.call(admin, 'POST', `/users/${auditor.id}/tokens`, { label: 'Prüfwerkzeug' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const response = await fetch(`${api.baseUrl}/me/personal-data`, { headers: auditor.headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="personal-data-${auditor.id}.json"`,
    );
    const text = await response.text();
    const data = JSON.parse(text);
    expect(data.account).toMatchObject({ id: auditor.id, name, email, role: 'auditor' });
    expect(data.account.passwordChangedAt).not.toBeNull();
    expect(data.apiTokens.map((token: { label: string }) => token.label)).toEqual(['test', 'Prüfwerkzeug']);
    const types = data.steps.map((step: { type: string }) => step.type);
    expect(types).toContain('DocumentReviewCompleted');
    expect(types.filter((type: string) => type === 'AuditElementCompleted')).toHaveLength(3);
    expect(data.steps.every((step: { stream: string }) => step.stream === `accreditation-${caseId}`)).toBe(
      true,
    );
    expect(data.identity).toEqual([
      expect.objectContaining({
        type: 'TokenIssued',
        byThemselves: false,
        data: expect.objectContaining({ label: 'Prüfwerkzeug' }),
      }),
    ]);
    expect(text).not.toContain(auditor.token);
    expect(text).not.toContain(issued.body.token);
    expect(text).not.toMatch(/\$argon2/);

    const asAdmin = await api.call(admin, 'GET', `/users/${auditor.id}/personal-data`);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toEqual(data);
    const asStaff = await api.call(staff, 'GET', `/users/${auditor.id}/personal-data`);
    expect(asStaff.status).toBe(403);
    expect((await api.call(admin, 'GET', `/users/${randomUUID()}/personal-data`)).status).toBe(404);
  });

  it('refuses to erase a person who holds open tasks, and one’s own account; nothing changes', async () => {
    const reviewer = await api.user('auditor');
    await inDocumentReview(api, staff, reviewer, 'Offene Aufgabe GmbH');
    const held = await api.db
      .selectFrom('tasks')
      .select('task_id')
      .where('assignee_id', '=', reviewer.id)
      .execute();
    expect(held.length).toBeGreaterThan(0);

    const refused = await api.call(admin, 'DELETE', `/users/${reviewer.id}/personal-data`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('person_has_open_tasks');
    expect((await api.call(reviewer, 'GET', '/me')).status).toBe(200);

    const self = await api.call(admin, 'DELETE', `/users/${admin.id}/personal-data`);
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('erase_self');
    expect((await api.call(staff, 'DELETE', `/users/${auditor.id}/personal-data`)).status).toBe(403);
  });

  /** The tables with a row that names the auditor or gives their address. */
  const mentions = async () => {
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(api.db);
    const found: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ count: string }>`
        SELECT count(*) AS count FROM ${sql.table(table_name)} AS t
        WHERE t::text ILIKE ${`%${name}%`} OR t::text ILIKE ${`%${email}%`}`.execute(api.db);
      if (Number(rows.rows[0]?.count) > 0) found.push(table_name);
    }
    return found;
  };

  it('erases the account: no sign-in, nobody named anywhere, also after a rebuild; the chains still verify', async () => {
    expect(await mentions()).toContain('users');
    const erased = await api.call(admin, 'DELETE', `/users/${auditor.id}/personal-data`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(204);
    const identity = await api.db
      .selectFrom('events')
      .select(['event_type', sql<string>`metadata->>'actorId'`.as('actor')])
      .where('stream_id', '=', `identity-${auditor.id}`)
      .orderBy('stream_version', 'desc')
      .executeTakeFirstOrThrow();
    expect(identity).toEqual({ event_type: 'PersonalDataErased', actor: admin.id });

    expect((await api.call(auditor, 'GET', '/me')).status).toBe(401);
    expect((await new Browser(api.baseUrl, '127.0.0.41').signIn(email, password)).status).toBe(401);
    const users = await api.call(admin, 'GET', '/users?role=auditor&limit=500');
    const listed = users.body.items.find((user: { id: string }) => user.id === auditor.id);
    expect(listed).toMatchObject({ name: erasedName });
    // The case still shows what was done, by whom it no longer says.
    const file = await api.call(staff, 'GET', `/accreditations/${caseId}/file`);
    expect(file.status).toBe(200);
    expect(JSON.stringify(file.body)).not.toContain(name);

    expect(await mentions()).toEqual([]);
    await rebuildProjections(api.db, { batchSize: 50 });
    expect(await mentions()).toEqual([]);
    const chains = await verifyHashChains(api.db);
    expect(chains.problems).toEqual([]);
  });

  it('shreds the organisation’s name out of the events with its key: no table, no answer names it', async () => {
    const organisationName = 'Datenschutz Prüffall GmbH';
    const holding = async () => {
      const found: string[] = [];
      for (const table of [
        'events',
        'accreditations',
        'tasks',
        'case_files',
        'organisations',
        'notifications',
      ]) {
        const rows = await sql<{ count: string }>`SELECT count(*) AS count FROM ${sql.table(table)} AS t
          WHERE t::text LIKE ${`%${organisationName}%`}`.execute(api.db);
        if (Number(rows.rows[0]?.count) > 0) found.push(table);
      }
      return found;
    };
    // Sealed in the events from the start; every other table reads it opened.
    expect(await holding()).toEqual([
      'accreditations',
      'tasks',
      'case_files',
      'organisations',
      'notifications',
    ]);
    const before = await api.call(staff, 'GET', `/accreditations/${caseId}`);
    expect(before.body.organisation.name).toBe(organisationName);
    const { organisation_id } = await api.db
      .selectFrom('accreditations')
      .select('organisation_id')
      .where('accreditation_id', '=', caseId)
      .executeTakeFirstOrThrow();

    await eraseOrganisationData(api.db, organisation_id, erasedOrganisationName);
    await rebuildProjections(api.db, { batchSize: 50 });
    expect(await holding()).toEqual([]);
    for (const path of [
      `/accreditations/${caseId}`,
      `/accreditations/${caseId}/file`,
      '/accreditations',
      '/tasks',
    ]) {
      const answer = await api.call(staff, 'GET', path);
      expect(answer.status, path).toBe(200);
      expect(JSON.stringify(answer.body), path).not.toContain(organisationName);
    }
    expect((await api.call(staff, 'GET', `/accreditations/${caseId}`)).body.organisation.name).toBe(
      shreddedPlaceholder,
    );
    expect((await verifyHashChains(api.db)).problems).toEqual([]);
  });
});
