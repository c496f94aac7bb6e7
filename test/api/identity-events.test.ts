import { beforeAll, describe, expect, it } from 'vitest';
import { readStream } from '../../db/event-store';
import { identityStreamId } from '../../db/identity-events';
import type { TestUser } from '../fixtures/users';
import { organisationBody } from '../support/api-harness';
import { Browser } from '../support/browser';
import { useTestStack } from '../support/stack';

/** Issue 22, item 5: who gave whom which access, and when they used it, as events. */
describe('identity as events', () => {
  const api = useTestStack({ api: true });
  let caseManager: TestUser;
  let otherStaff: TestUser;
  let organisationId: string;

  beforeAll(async () => {
    [caseManager, otherStaff] = [await api.user('staff'), await api.user('staff')];
    const opened = await api.call(
      caseManager,
      'POST',
      '/accreditations',
      organisationBody('Identitätsdienst GmbH'),
    );
    organisationId = opened.body.organisation.id;
  });

  const identity = async (userId: string) =>
    (await readStream(api.db, identityStreamId(userId))).map(({ type, data, metadata }) => ({
      type,
      data,
      actor: `${metadata.actorRole}:${metadata.actorId}`,
    }));

  const pendingInvitation = async (userId: string) =>
    (
      await api.db
        .selectFrom('account_mails')
        .select('token')
        .where('user_id', '=', userId)
        .where('status', '=', 'pending')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow()
    ).token as string;

  it('records creation, tokens, invitations, the password and sessions in the user’s stream, with the actor', async () => {
    const email = 'ida@identitaetsdienst.example';
    const created = await api.call(caseManager, 'POST', '/users', {
      email,
      name: 'Ida Identität',
      role: 'organisation',
      organisationId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const userId: string = created.body.user.id;
    const staff = `staff:${caseManager.id}`;

    // Refused: nothing is recorded.
    expect((await api.call(otherStaff, 'POST', `/users/${userId}/tokens`, {})).status).toBe(404);
    expect((await api.call(caseManager, 'POST', `/users/${userId}/tokens`, { label: 'cli' })).status).toBe(
      201,
    );
    expect((await api.call(caseManager, 'DELETE', `/users/${userId}/tokens`)).body).toEqual({ revoked: 2 });
    expect((await api.call(caseManager, 'POST', `/users/${userId}/invitation`)).status).toBe(202);

    const browser = new Browser(api.baseUrl);
    const password = 'ein langes Passwort 2026';
    const token = await pendingInvitation(userId);
    expect((await browser.call('POST', '/auth/invitations/accept', { token, password })).status).toBe(200);
    expect((await browser.call('POST', '/auth/sign-out')).status).toBe(204);
    expect((await browser.signIn(email, password)).status).toBe(200);

    const person = `organisation:${userId}`;
    const events = await identity(userId);
    expect(events.map(({ type, actor }) => [type, actor])).toEqual([
      ['UserCreated', staff],
      ['TokenIssued', staff],
      ['InvitationSent', staff],
      ['TokenIssued', staff],
      ['TokensRevoked', staff],
      ['InvitationSent', staff],
      ['PasswordSet', person],
      ['SessionStarted', person],
      ['SessionEnded', person],
      ['SessionStarted', person],
    ]);
    expect(events[0]?.data).toEqual({ userId, role: 'organisation', organisationId });
    expect(events[3]?.data).toMatchObject({ userId, label: 'cli' });
    expect(events[6]?.data).toEqual({ userId, via: 'invitation' });
    // No address, name or secret in the events.
    const stored = JSON.stringify(await readStream(api.db, identityStreamId(userId)));
    for (const secret of [email, 'Ida Identität', password, token]) expect(stored).not.toContain(secret);
  });
});
