import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../db/database';
import { hashPassword, storePasswordHash } from '../../db/passwords';
import { createAccountMailDispatcher } from '../../notifications/account-mail';
import { createSmtpMailer, type Mailer } from '../../notifications/mailer';
import { TestSmtp } from '../notifications/support';
import { Browser, linkToken } from '../support/browser';
import { expectNoSecretStored } from '../support/secrets';
import { useTestStack } from '../support/stack';

const webUrl = 'https://portal.dim.test';
const oldPassword = 'das alte lange Passwort';

describe('password reset by e-mail, and the delivery of account mails', () => {
  const api = useTestStack({ api: true });
  const smtp = new TestSmtp();
  let mailer: Mailer;
  let now = new Date();

  const dispatcher = () =>
    createAccountMailDispatcher({
      db: api.database.db,
      mailer,
      from: 'DIM <noreply@dim.test>',
      webUrl,
      retry: { baseDelayMs: 60_000 },
      now: () => now,
    });
  const mailsTo = (address: string) => smtp.received.filter(({ rcptTo }) => rcptTo.includes(address));
  const mailRows = (userId: string) =>
    api.database.db
      .selectFrom('account_mails')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();

  /** A user with a password, in a language, at an address of the test's choosing. */
  async function account(emailPrefix: string, language: Language = 'de') {
    const created = await api.user('auditor');
    const email = `${emailPrefix}-${created.id.slice(0, 8)}@dim.test`;
    await api.database.db
      .updateTable('users')
      .set({ email, language, name: 'Robin Beispiel' })
      .where('user_id', '=', created.id)
      .execute();
    await storePasswordHash(api.database.db, created.id, await hashPassword(oldPassword));
    return { id: created.id, email };
  }

  beforeAll(async () => {
    await smtp.start();
    mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`);
  });
  afterAll(async () => {
    mailer?.close();
    await smtp.close();
  });

  it('sends a reset link in the user’s language; the new password signs in, the old one and old sessions end', async () => {
    const robin = await account('robin', 'en');
    const before = new Browser(api.baseUrl);
    expect((await before.signIn(robin.email, oldPassword)).status).toBe(200);

    const asked = await new Browser(api.baseUrl).call('POST', '/auth/password-reset', { email: robin.email });
    expect(asked.status).toBe(202);
    expect(await dispatcher().dispatchPending()).toEqual({ sent: 1, retry: 0, failed: 0 });
    const mail = mailsTo(robin.email)[0]?.mail;
    expect(mail?.subject).toBe('Reset your password');
    expect(mail?.headers.get('content-language')).toBe('en');
    expect(mail?.text).toContain('Hello Robin Beispiel,');
    const token = linkToken(mail?.text ?? '', webUrl, '/password-reset');

    const browser = new Browser(api.baseUrl);
    const weak = await browser.call('POST', '/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.status).toBe(400);
    const newPassword = 'a brand new long password';
    const confirmed = await browser.call('POST', '/auth/password-reset/confirm', {
      token,
      password: newPassword,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.user.email).toBe(robin.email);
    expect((await browser.call('GET', '/auth/session')).status).toBe(200);

    expect((await before.call('GET', '/auth/session')).status).toBe(401);
    expect((await new Browser(api.baseUrl).signIn(robin.email, oldPassword)).status).toBe(401);
    expect((await new Browser(api.baseUrl).signIn(robin.email, newPassword)).status).toBe(200);
    const again = await new Browser(api.baseUrl).call('POST', '/auth/password-reset/confirm', {
      token,
      password: 'yet another long password',
    });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('reset_token_invalid');
    await expectNoSecretStored(api.database.db, [token, newPassword, oldPassword, browser.sessionId ?? '']);
  });

  it('answers 202 for an unknown address and sends nothing; at most three reset mails an hour', async () => {
    const received = smtp.received.length;
    const unknown = await new Browser(api.baseUrl).call('POST', '/auth/password-reset', {
      email: 'niemand@dim.test',
    });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toBe('');
    const kim = await account('kim');
    for (let request = 0; request < 5; request++) {
      const asked = await new Browser(api.baseUrl).call('POST', '/auth/password-reset', { email: kim.email });
      expect(asked.status).toBe(202);
    }
    await dispatcher().dispatchPending();
    // Each new link voids the earlier ones, so only the last mail is sent.
    expect((await mailRows(kim.id)).map((row) => row.status)).toEqual(['superseded', 'superseded', 'sent']);
    expect(smtp.received.length).toBe(received + 1);
    const mail = mailsTo(kim.email)[0]?.mail;
    expect(mail?.subject).toBe('Passwort zurücksetzen');
    expect(mail?.text).toContain('Ihr bisheriges Passwort bleibt gültig');
  });

  it('refuses an expired reset link', async () => {
    const lee = await account('lee');
    await new Browser(api.baseUrl).call('POST', '/auth/password-reset', { email: lee.email });
    await dispatcher().dispatchPending();
    const token = linkToken(mailsTo(lee.email)[0]?.mail.text ?? '', webUrl, '/password-reset');
    await api.database.db
      .updateTable('account_tokens')
      .set({ expires_at: new Date(Date.now() - 1) })
      .where('user_id', '=', lee.id)
      .execute();
    const late = await new Browser(api.baseUrl).call('POST', '/auth/password-reset/confirm', {
      token,
      password: 'spät aber lang genug',
    });
    expect(late.body.code).toBe('reset_token_invalid');
    expect((await new Browser(api.baseUrl).signIn(lee.email, oldPassword)).status).toBe(200);
  });

  it('retries a mail the relay turned away for now; keeps its token only until it is sent', async () => {
    const busy = await account('busy');
    await new Browser(api.baseUrl).call('POST', '/auth/password-reset', { email: busy.email });
    expect(await dispatcher().dispatchPending()).toEqual({ sent: 0, retry: 1, failed: 0 });
    const [waiting] = await mailRows(busy.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting?.last_error).toContain('Try again later');
    expect(waiting?.token).not.toBeNull();
    // Not before its time …
    expect(await dispatcher().dispatchPending()).toEqual({ sent: 0, retry: 0, failed: 0 });
    // … then delivered, and the token is gone from the row.
    now = new Date(now.getTime() + 61_000);
    expect(await dispatcher().dispatchPending()).toEqual({ sent: 1, retry: 0, failed: 0 });
    const [sent] = await mailRows(busy.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, token: null });
    expect(mailsTo(busy.email)).toHaveLength(1);
  });

  it('gives up on a mail the relay refuses for good, or whose link expired before delivery', async () => {
    const bounce = await account('bounce');
    await new Browser(api.baseUrl).call('POST', '/auth/password-reset', { email: bounce.email });
    expect(await dispatcher().dispatchPending()).toEqual({ sent: 0, retry: 0, failed: 1 });
    expect((await mailRows(bounce.id))[0]).toMatchObject({ status: 'failed', token: null });

    const late = await account('late');
    await new Browser(api.baseUrl).call('POST', '/auth/password-reset', { email: late.email });
    now = new Date(Date.now() + 3_600_000 + 1000);
    expect(await dispatcher().dispatchPending()).toEqual({ sent: 0, retry: 0, failed: 1 });
    const [expired] = await mailRows(late.id);
    expect(expired).toMatchObject({ status: 'failed', token: null });
    expect(expired?.last_error).toContain('expired');
    expect(mailsTo(late.email)).toHaveLength(0);
    now = new Date();
  });
});
