import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUser } from '../../db/identity';
import { hashPassword, storePasswordHash } from '../../db/passwords';
import { serveApi, type TestApi } from '../support/api-harness';
import { Browser, rawRequest } from '../support/browser';
import { useTestStack } from '../support/stack';

const credentialLimits = { perCredential: 3, perAddress: 6, windowMs: 60_000 };
const publicRateLimits = {
  register: 4,
  signIn: 1000,
  passwordReset: 2,
  accountLinks: 1000,
  windowMs: 60_000,
};
const password = 'ein langes Passwort für Tests';

/** A bearer token that matches no token; `prefix` makes its first 12 characters differ. */
const deadToken = (prefix: string, tail = 'x') => `dim_${prefix.padEnd(8, 'q')}${tail.repeat(30)}`;

describe('failed-credential limits, proxies, headers and public rate limits', () => {
  const api = useTestStack({ api: { credentialLimits, publicRateLimits } });
  /** A second API process on the same database, and one behind a trusted proxy. */
  let second: TestApi;
  let proxied: TestApi;

  beforeAll(async () => {
    second = await serveApi(api.database, api.temporal, { credentialLimits });
    proxied = await serveApi(api.database, api.temporal, { credentialLimits, trustProxy: 1 });
  });
  afterAll(async () => {
    await second?.close();
    await proxied?.close();
  });

  const bearer = (baseUrl: string, token: string, from: string, forwardedFor?: string) =>
    rawRequest(baseUrl, 'GET', '/me', {
      localAddress: from,
      headers: {
        authorization: `Bearer ${token}`,
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
    });

  it('keeps valid tokens and sessions working at an address that is blocked for failures', async () => {
    const from = '127.0.0.41';
    const staff = await api.user('staff');
    await storePasswordHash(api.db, staff.id, await hashPassword(password));
    const browser = new Browser(api.baseUrl, from);
    expect((await browser.signIn((await findUser(api.db, staff.id))?.email ?? '', password)).status).toBe(
      200,
    );

    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push((await bearer(api.baseUrl, deadToken('aaaa'), from)).status);
    expect(answers).toEqual([401, 401, 401, 429]);
    const limited = await bearer(api.baseUrl, deadToken('aaaa'), from);
    expect(limited.body.type).toBe('/problems/rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    expect((await bearer(api.baseUrl, staff.token, from)).status).toBe(200);
    expect((await browser.call('GET', '/me')).status).toBe(200);
    // Another credential from the same address (another client behind the same NAT) is not blocked…
    expect((await bearer(api.baseUrl, deadToken('bbbb'), from)).status).toBe(401);
    // … until the address as a whole is over its limit; valid credentials still pass then.
    expect((await bearer(api.baseUrl, deadToken('cccc'), from)).status).toBe(429);
    expect((await bearer(api.baseUrl, staff.token, from)).status).toBe(200);
    expect((await browser.call('GET', '/me')).status).toBe(200);
  });

  it('counts failures in PostgreSQL, so another API process refuses the same credential', async () => {
    const from = '127.0.0.42';
    for (let i = 0; i < 3; i += 1)
      expect((await bearer(api.baseUrl, deadToken('dddd'), from)).status).toBe(401);
    expect((await bearer(second.baseUrl, deadToken('dddd'), from)).status).toBe(429);
  });

  it('counts by the forwarded address behind a trusted proxy, and ignores X-Forwarded-For otherwise', async () => {
    const proxy = '127.0.0.43';
    for (let i = 0; i < 3; i += 1) {
      expect((await bearer(proxied.baseUrl, deadToken('eeee'), proxy, '203.0.113.7')).status).toBe(401);
    }
    expect((await bearer(proxied.baseUrl, deadToken('eeee'), proxy, '203.0.113.7')).status).toBe(429);
    expect((await bearer(proxied.baseUrl, deadToken('eeee'), proxy, '203.0.113.8')).status).toBe(401);

    const direct = '127.0.0.44';
    for (let i = 0; i < 3; i += 1) {
      await bearer(second.baseUrl, deadToken('ffff'), direct, `198.51.100.${i}`);
    }
    expect((await bearer(second.baseUrl, deadToken('ffff'), direct, '198.51.100.99')).status).toBe(429);
  });

  it('limits requests to public routes per address, as problem+json with Retry-After', async () => {
    const from = '127.0.0.45';
    const search = () =>
      rawRequest(api.baseUrl, 'GET', '/register?organisation=Muster', { localAddress: from });
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push((await search()).status);
    expect(answers).toEqual([200, 200, 200, 200, 429]);
    const limited = await search();
    expect(limited.contentType).toContain('application/problem+json');
    expect(limited.body.type).toBe('/problems/rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(
      (await rawRequest(api.baseUrl, 'GET', '/register?organisation=Muster', { localAddress: '127.0.0.46' }))
        .status,
    ).toBe(200);

    const reset = () =>
      rawRequest(api.baseUrl, 'POST', '/auth/password-reset', {
        localAddress: from,
        body: { email: 'niemand@dim.test' },
      });
    expect([(await reset()).status, (await reset()).status, (await reset()).status]).toEqual([202, 202, 429]);
  });

  it('sends security headers with one Content-Security-Policy on API responses and the docs', async () => {
    for (const path of ['/register', '/docs/', '/openapi.json', '/no-such-route']) {
      const response = await rawRequest(second.baseUrl, 'GET', path, { localAddress: '127.0.0.47' });
      const csp = response.headers['content-security-policy'];
      expect(typeof csp, path).toBe('string');
      expect(csp, path).toContain("frame-ancestors 'none'");
      // Two policies would arrive joined by a comma.
      expect(csp, path).not.toContain(',');
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
      expect(response.headers['referrer-policy'], path).toBe('no-referrer');
      expect(response.headers['strict-transport-security'], path).toContain('max-age=31536000');
      expect(response.headers['x-frame-options'], path).toBe('SAMEORIGIN');
    }
  });
});
