import type { AddressInfo } from 'node:net';
import { hash } from '@node-rs/argon2';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { sessionConfigFromEnv } from '../../api/session';
import { loadEnv } from '../../config/env';
import { createLogger } from '../../config/logger';
import { sendPasswordReset } from '../../db/account-tokens';
import type { UserRole } from '../../db/database';
import { findUser, hashToken } from '../../db/identity';
import { hashPassword, storePasswordHash } from '../../db/passwords';
import { Browser } from '../support/browser';
import { useTestStack } from '../support/stack';

const password = 'ein langes Passwort für Tests';
const limits = { perAccountAtAddress: 3, perAccount: 5, perAddress: 6, windowMs: 60_000 };

describe('sessions and sign-in limits', () => {
  const api = useTestStack({ api: { signInLimits: limits } });
  /** One argon2 hash for every test user: hashing is what takes time here. */
  let passwordHash: string;

  beforeAll(async () => {
    passwordHash = await hashPassword(password);
  });

  /** A user who has set the password; their e-mail address. */
  async function person(role: UserRole = 'auditor'): Promise<{ id: string; email: string }> {
    const user = await api.user(role);
    await storePasswordHash(api.database.db, user.id, passwordHash);
    const row = await findUser(api.database.db, user.id);
    return { id: user.id, email: row?.email ?? '' };
  }

  const browserAt = (address = '127.0.0.1') => new Browser(api.baseUrl, address);
  const session = (sessionId: string) =>
    api.database.db
      .selectFrom('sessions')
      .selectAll()
      .where('session_hash', '=', hashToken(sessionId))
      .executeTakeFirst();

  it('answers an unknown e-mail and a wrong password alike', async () => {
    const { email } = await person();
    const wrong = await browserAt('127.0.0.30').signIn(email, 'falsches Passwort');
    const unknown = await browserAt('127.0.0.30').signIn('niemand@dim.test', password);
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.setCookies).toEqual([]);
    const invitedOnly = await api.user('staff');
    const noPassword = await browserAt('127.0.0.30').signIn(
      (await findUser(api.database.db, invitedOnly.id))?.email ?? '',
      password,
    );
    expect(noPassword.body).toEqual(wrong.body);
  });

  it('limits failures of an account at an address, but not the account elsewhere, other accounts or sessions', async () => {
    const anna = await person();
    const ben = await person();
    const annaAtHome = browserAt('127.0.0.5');
    expect((await annaAtHome.signIn(anna.email, password)).status).toBe(200);

    const guesser = browserAt('127.0.0.2');
    for (let attempt = 0; attempt < limits.perAccountAtAddress; attempt++) {
      expect((await guesser.signIn(anna.email, `guess ${attempt}`)).status).toBe(401);
    }
    const blocked = await guesser.signIn(anna.email, password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('sign_in_rate_limited');
    expect(blocked.contentType).toContain('application/problem+json');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);

    expect((await browserAt('127.0.0.3').signIn(anna.email, password)).status).toBe(200);
    expect((await guesser.signIn(ben.email, password)).status).toBe(200);
    expect((await annaAtHome.call('GET', '/auth/session')).status).toBe(200);
  });

  it('limits failures of one account from many addresses; a password reset lifts it', async () => {
    const carla = await person();
    for (let host = 11; host < 11 + limits.perAccount; host++) {
      expect((await browserAt(`127.0.0.${host}`).signIn(carla.email, 'guess')).status).toBe(401);
    }
    const browser = browserAt('127.0.0.40');
    expect((await browser.signIn(carla.email, password)).status).toBe(429);

    expect(await sendPasswordReset(api.database.db, carla.email)).toBe(true);
    const { token } = await api.database.db
      .selectFrom('account_mails')
      .select('token')
      .where('user_id', '=', carla.id)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    const reset = await browser.call('POST', '/auth/password-reset/confirm', {
      token,
      password: 'ein neues langes Passwort',
    });
    expect(reset.status).toBe(200);
    expect((await browserAt('127.0.0.41').signIn(carla.email, 'ein neues langes Passwort')).status).toBe(200);
  });

  it('limits one address trying many accounts, not other addresses', async () => {
    const dora = await person();
    const sprayer = browserAt('127.0.0.20');
    for (let account = 0; account < limits.perAddress; account++) {
      expect((await sprayer.signIn(`unbekannt-${account}@dim.test`, password)).status).toBe(401);
    }
    expect((await sprayer.signIn(dora.email, password)).status).toBe(429);
    expect((await browserAt('127.0.0.21').signIn(dora.email, password)).status).toBe(200);
  });

  it('ends a session after the idle time and after the absolute time, and marks use', async () => {
    const { email } = await person();
    const idle = browserAt();
    await idle.signIn(email, password);
    const idleId = idle.sessionId ?? '';
    // Used five minutes ago: a request marks it used now.
    await api.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 5 * 60_000) })
      .where('session_hash', '=', hashToken(idleId))
      .execute();
    expect((await idle.call('GET', '/auth/session')).status).toBe(200);
    expect((await session(idleId))?.last_seen_at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Unused for 31 minutes: over.
    await api.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('session_hash', '=', hashToken(idleId))
      .execute();
    const idleAnswer = await idle.call('GET', '/auth/session');
    expect(idleAnswer.status).toBe(401);
    expect(idleAnswer.contentType).toContain('application/problem+json');

    const old = browserAt();
    await old.signIn(email, password);
    const started = await session(old.sessionId ?? '');
    expect((started?.expires_at.getTime() ?? 0) - (started?.created_at.getTime() ?? 0)).toBeCloseTo(
      12 * 3_600_000,
      -3,
    );
    await api.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('session_hash', '=', hashToken(old.sessionId ?? ''))
      .execute();
    expect((await old.call('GET', '/auth/session')).status).toBe(401);
  });

  it('gives a new session id at every sign-in and ends the one the browser had', async () => {
    const { email } = await person();
    const browser = browserAt();
    await browser.signIn(email, password);
    const first = browser.sessionId ?? '';
    const firstCsrf = browser.csrfToken;
    await browser.signIn(email, password);
    expect(browser.sessionId).not.toBe(first);
    expect(browser.csrfToken).not.toBe(firstCsrf);
    expect(await session(first)).toBeUndefined();
    const stale = new Browser(api.baseUrl);
    stale.sessionId = first;
    expect((await stale.call('GET', '/auth/session')).status).toBe(401);
  });

  it('signs out only with the CSRF token, and then the session is gone on the server', async () => {
    const { email } = await person();
    const browser = browserAt();
    await browser.signIn(email, password);
    const sessionId = browser.sessionId ?? '';
    const forged = await browser.call('POST', '/auth/sign-out', undefined, { csrfToken: null });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('csrf_token_invalid');
    expect(await session(sessionId)).toBeDefined();

    const out = await browser.call('POST', '/auth/sign-out');
    expect(out.status).toBe(204);
    expect(out.setCookies[0]).toMatch(/^dim_session=;/);
    expect(await session(sessionId)).toBeUndefined();
    const replayed = new Browser(api.baseUrl);
    replayed.sessionId = sessionId;
    expect((await replayed.call('GET', '/auth/session')).status).toBe(401);
  });

  it('refuses the CSRF token of another session; a bearer token needs none', async () => {
    const { email } = await person('staff');
    const mine = browserAt();
    const other = browserAt();
    await mine.signIn(email, password);
    await other.signIn(email, password);
    const crossed = await mine.call('POST', '/auth/sign-out', undefined, { csrfToken: other.csrfToken });
    expect(crossed.body.code).toBe('csrf_token_invalid');

    const staff = await api.user('staff');
    const bearer = await api.call(staff, 'GET', '/auth/session');
    expect(bearer.body.csrfToken).toBeNull();
    expect(bearer.body.user.userId).toBe(staff.id);
    // With a bearer token the cookie is not looked at, so no CSRF token is asked for.
    const both = await mine.call(
      'PUT',
      '/me/notification-digest',
      { enabled: true },
      {
        csrfToken: null,
        headers: staff.headers,
      },
    );
    expect(both.status).toBe(200);
  });

  it('re-hashes a password stored with another argon2 setting at the next sign-in', async () => {
    const { id, email } = await person();
    await storePasswordHash(api.database.db, id, await hash(password, { memoryCost: 4096, timeCost: 3 }));
    expect((await browserAt().signIn(email, password)).status).toBe(200);
    const stored = await api.database.db
      .selectFrom('passwords')
      .select('hash')
      .where('user_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await browserAt().signIn(email, password)).status).toBe(200);
  });

  it('sets the cookie Secure unless the web application is plain http (local development)', async () => {
    const local = sessionConfigFromEnv(loadEnv({ PUBLIC_WEB_URL: 'http://127.0.0.1:3000' }));
    const deployed = sessionConfigFromEnv(
      loadEnv({ PUBLIC_WEB_URL: 'https://akkreditierung.dim.de', SESSION_IDLE_MINUTES: '5' }),
    );
    expect(local.secureCookie).toBe(false);
    expect(deployed).toEqual({ idleMs: 300_000, absoluteMs: 12 * 3_600_000, secureCookie: true });

    const app = await buildApp({
      db: api.database.db,
      temporal: api.temporal.client,
      taskQueue: api.temporal.taskQueue,
      logger: false,
      sessions: local,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { email } = await person();
      const browser = new Browser(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
      const signedIn = await browser.signIn(email, password);
      expect(signedIn.setCookies[0]).toContain('HttpOnly');
      expect(signedIn.setCookies[0]).not.toContain('Secure');
    } finally {
      await app.close();
    }
  });

  it('writes no password, session id, CSRF token or link token into the log', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      db: api.database.db,
      temporal: api.temporal.client,
      taskQueue: api.temporal.taskQueue,
      logger: createLogger({ LOG_LEVEL: 'trace' }, 'api', { write: (line: string) => lines.push(line) }),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { email } = await person();
      const browser = new Browser(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
      await browser.signIn(email, password);
      const secrets = [password, browser.sessionId ?? '', browser.csrfToken ?? '', 'link-token-in-the-query'];
      await browser.call('GET', '/auth/session');
      await browser.call('POST', '/auth/sign-out');
      await browser.call('GET', '/invitation?token=link-token-in-the-query&lang=de');
      const text = lines.join('');
      expect(text).toContain('signed in');
      expect(text).toContain('/invitation?token=[redacted]&lang=de');
      for (const secret of secrets) expect(text).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
