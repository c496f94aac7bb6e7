import { beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../fixtures/users';
import { organisationBody } from '../support/api-harness';
import { useTestStack } from '../support/stack';

/** Issue 22, item 5: a case manager gives access only to the organisations of the cases they manage. */
describe('who may give an organisation user access', () => {
  const api = useTestStack({ api: true });
  let caseManager: TestUser;
  let otherStaff: TestUser;
  let admin: TestUser;
  let applicant: TestUser;
  let organisationId: string;

  beforeAll(async () => {
    [caseManager, otherStaff, admin] = [
      await api.user('staff'),
      await api.user('staff'),
      await api.user('admin'),
    ];
    const opened = await api.call(
      caseManager,
      'POST',
      '/accreditations',
      organisationBody('Zugangsdienst GmbH'),
    );
    organisationId = opened.body.organisation.id;
    // The other case manager manages a case too, of another organisation.
    await api.call(otherStaff, 'POST', '/accreditations', organisationBody('Nachbardienst GmbH'));
    applicant = await api.user('organisation', { organisationId });
  });

  const count = async (table: 'api_tokens' | 'users' | 'account_tokens') =>
    Number(
      (
        await api.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const newPerson = () => ({
    email: `person-${Math.random().toString(36).slice(2)}@zugangsdienst.example`,
    name: 'Paula Person',
    role: 'organisation',
    organisationId,
  });

  it('refuses a staff member who manages no case of the organisation: no token, user or invitation', async () => {
    const before = [await count('api_tokens'), await count('users'), await count('account_tokens')];
    const token = await api.call(otherStaff, 'POST', `/users/${applicant.id}/tokens`, {});
    expect(token.status).toBe(404);
    const invitation = await api.call(otherStaff, 'POST', `/users/${applicant.id}/invitation`);
    expect(invitation.status).toBe(404);
    const revocation = await api.call(otherStaff, 'DELETE', `/users/${applicant.id}/tokens`);
    expect(revocation.status).toBe(404);
    const created = await api.call(otherStaff, 'POST', '/users', newPerson());
    expect(created.status).toBe(403);
    expect(created.body).toMatchObject({ code: 'not_case_manager' });
    expect([await count('api_tokens'), await count('users'), await count('account_tokens')]).toEqual(before);
    // The refused token was never usable: the applicant's own token still is the only one.
    expect((await api.call(applicant, 'GET', '/me')).status).toBe(200);
  });

  it('lets the organisation’s case manager and an administrator do it', async () => {
    const byCaseManager = await api.call(caseManager, 'POST', `/users/${applicant.id}/tokens`, {});
    expect(byCaseManager.status).toBe(201);
    const me = await api.call(
      { headers: { authorization: `Bearer ${byCaseManager.body.token}` } },
      'GET',
      '/me',
    );
    expect(me.body).toMatchObject({ id: applicant.id });
    expect((await api.call(caseManager, 'POST', '/users', newPerson())).status).toBe(201);
    expect((await api.call(admin, 'POST', `/users/${applicant.id}/tokens`, {})).status).toBe(201);
  });
});
