import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../db/identity';
import { createAccountMailDispatcher } from '../../notifications/account-mail';
import { createSmtpMailer, type Mailer } from '../../notifications/mailer';
import { completeApplication } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { TestSmtp } from '../notifications/support';
import { organisationBody } from '../support/api-harness';
import { Browser, linkToken } from '../support/browser';
import { expectNoSecretStored } from '../support/secrets';
import { useTestStack } from '../support/stack';

const webUrl = 'https://portal.dim.test';

describe('invitations: a person invited by e-mail sets a password, signs in and takes a step', () => {
  const api = useTestStack({ api: true });
  const smtp = new TestSmtp();
  let mailer: Mailer;
  let staff: TestUser;
  let admin: TestUser;
  /** Every secret the test saw: none of them may be stored in clear. */
  const secrets: string[] = [];

  /** The account-mail outbox delivered as the worker does it (db → dispatcher → SMTP). */
  const deliver = () =>
    createAccountMailDispatcher({ db: api.database.db, mailer, from: 'DIM <noreply@dim.test>', webUrl })
      .dispatchPending()
      .then((report) => report.sent);
  const mailsTo = (address: string) => smtp.received.filter(({ rcptTo }) => rcptTo.includes(address));

  beforeAll(async () => {
    await smtp.start();
    mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`);
    staff = await api.user('staff');
    admin = await api.user('admin');
  });
  afterAll(async () => {
    mailer?.close();
    await smtp.close();
  });

  it('invites the contact of a new organisation once, however often the opening is retried', async () => {
    const contact = 'kontakt@neue-dienste.example';
    const body = organisationBody('Neue Dienste GmbH');
    body.organisation.contactEmail = contact;
    const headers = { 'idempotency-key': 'open-neue-dienste-1' };
    const first = await api.call(staff, 'POST', '/accreditations', body, headers);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const retried = await api.call(staff, 'POST', '/accreditations', body, headers);
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(first.body.id);
    expect(await deliver()).toBe(1);
    expect(await deliver()).toBe(0);

    const [invitation, ...more] = mailsTo(contact);
    expect(more).toEqual([]);
    const mail = invitation?.mail;
    expect(mail?.subject).toBe('Einladung zum DIM-Akkreditierungsportal');
    expect(mail?.text).toContain('Sie wurden für Neue Dienste GmbH zum Akkreditierungsportal');
    expect(mail?.text).toContain('kann nur einmal verwendet werden');
    const token = linkToken(mail?.text ?? '', webUrl, '/invitation');
    expect(mail?.html).toContain(`href="${webUrl}/invitation?token=${token}"`);
    secrets.push(token);

    const user = await findUserByEmail(api.database.db, contact);
    expect(user).toMatchObject({ role: 'organisation', organisation_id: first.body.organisation.id });

    // A password that is too short: 400, and the link still works.
    const browser = new Browser(api.baseUrl);
    const weak = await browser.call('POST', '/auth/invitations/accept', { token, password: 'kurz' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].field).toBe('body.password');
    expect(browser.sessionId).toBeUndefined();

    const password = 'Ein sicheres Passwort 2026!';
    secrets.push(password);
    const accepted = await browser.call('POST', '/auth/invitations/accept', { token, password });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.user).toEqual({
      userId: user?.user_id,
      email: contact,
      name: 'Neue Dienste GmbH',
      role: 'organisation',
      organisationId: first.body.organisation.id,
      language: 'de',
    });
    const [cookie] = accepted.setCookies;
    expect(cookie).toMatch(/^dim_session=[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Secure');
    secrets.push(browser.sessionId ?? '', browser.csrfToken ?? '');

    const reused = await new Browser(api.baseUrl).call('POST', '/auth/invitations/accept', {
      token,
      password: 'Noch ein Passwort 2026!',
    });
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe('invitation_invalid');

    // Signed out, the cookie is worth nothing; signed in again with the password.
    expect((await browser.call('POST', '/auth/sign-out')).status).toBe(204);
    expect(browser.sessionId).toBeUndefined();
    const signedIn = await browser.signIn(contact, password);
    expect(signedIn.status).toBe(200);
    secrets.push(browser.sessionId ?? '', browser.csrfToken ?? '');
    const session = await browser.call('GET', '/auth/session');
    expect(session.body).toEqual({ user: signedIn.body.user, csrfToken: browser.csrfToken });

    // The step, with the session cookie: refused without the CSRF token (or with a wrong one) …
    const stepPath = `/accreditations/${first.body.id}/application`;
    for (const csrfToken of [null, 'x'.repeat(43)]) {
      const refused = await browser.call('POST', stepPath, { items: completeApplication }, { csrfToken });
      expect(refused.status).toBe(403);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.body.code).toBe('csrf_token_invalid');
    }
    expect((await browser.call('GET', `/accreditations/${first.body.id}`)).body.status).toBe('opened');
    // … and done with it.
    const step = await browser.call('POST', stepPath, { items: completeApplication });
    expect(step.status, JSON.stringify(step.body)).toBe(200);
    expect(step.body.status).toBe('application_review');
    const timeline = (await api.call(staff, 'GET', `/accreditations/${first.body.id}`)).body.timeline;
    expect(timeline.at(-1)).toMatchObject({
      type: 'ApplicationSubmitted',
      actorId: user?.user_id,
      actorRole: 'organisation',
    });
  });

  it('invites a user created through the API in their language; a new invitation voids the old one', async () => {
    const email = 'auditorin@dim.test';
    const created = await api.call(admin, 'POST', '/users', {
      email,
      name: 'Jane Auditor',
      role: 'auditor',
      language: 'en',
    });
    expect(created.status).toBe(201);
    expect(await deliver()).toBe(1);
    const first = mailsTo(email)[0]?.mail;
    expect(first?.subject).toBe('Invitation to the DIM accreditation portal');
    expect(first?.text).toContain('Hello Jane Auditor,');
    const oldToken = linkToken(first?.text ?? '', webUrl, '/invitation');

    // Staff invite organisation users only: an auditor is "not found" to them.
    const hidden = await api.call(staff, 'POST', `/users/${created.body.user.id}/invitation`);
    expect(hidden.status).toBe(404);
    const again = await api.call(admin, 'POST', `/users/${created.body.user.id}/invitation`);
    expect(again.status).toBe(202);
    expect(await deliver()).toBe(1);
    const newToken = linkToken(mailsTo(email)[1]?.mail.text ?? '', webUrl, '/invitation');
    secrets.push(oldToken, newToken);

    const password = 'correct horse battery staple';
    const stale = await new Browser(api.baseUrl).call('POST', '/auth/invitations/accept', {
      token: oldToken,
      password,
    });
    expect(stale.body.code).toBe('invitation_invalid');
    const browser = new Browser(api.baseUrl);
    const accepted = await browser.call('POST', '/auth/invitations/accept', { token: newToken, password });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user.language).toBe('en');
    expect((await browser.call('GET', '/tasks')).status).toBe(200);
  });

  it('refuses an expired invitation', async () => {
    const created = await api.call(admin, 'POST', '/users', {
      email: 'spaet@dim.test',
      name: 'Späte Person',
      role: 'staff',
    });
    await deliver();
    const token = linkToken(mailsTo('spaet@dim.test')[0]?.mail.text ?? '', webUrl, '/invitation');
    secrets.push(token);
    await api.database.db
      .updateTable('account_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', created.body.user.id)
      .execute();
    const expired = await new Browser(api.baseUrl).call('POST', '/auth/invitations/accept', {
      token,
      password: 'lange genug und sicher',
    });
    expect(expired.status).toBe(400);
    expect(expired.body.code).toBe('invitation_invalid');
  });

  it('stores no password, session id, CSRF token or link token in clear, in any table or event', async () => {
    expect(secrets.filter((secret) => secret.length < 12)).toEqual([]);
    await expectNoSecretStored(api.database.db, secrets);
  });
});
