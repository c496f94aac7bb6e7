/**
 * The session cookie and its CSRF token, as the sign-in contract fixes them.
 *
 * CSRF: a per-session token compared in constant time, not @fastify/csrf-protection. That plugin
 * wants @fastify/session or @fastify/secure-session to keep its secret, and our sessions live in
 * PostgreSQL already. The token is derived from the session id (HMAC-SHA256 keyed by it), so it is
 * stored nowhere, is the same for the whole session (the web app reads it once, from sign-in or
 * `GET /auth/session`), cannot be computed without the HttpOnly cookie, and reveals nothing of it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type Env, loadEnv } from '../config/env';
import type { Database, UserRow } from '../db/database';
import { asUser, recordIdentityEvent } from '../db/identity-events';
import { createSession, endSession, type SessionPolicy } from '../db/sessions';
import { presentSessionUser } from './presenters';

export const sessionCookie = 'dim_session';
export const csrfHeader = 'x-csrf-token';

export interface SessionConfig extends SessionPolicy {
  /** `Secure` on the cookie: everywhere except a local http:// development setup. */
  secureCookie: boolean;
}

export function sessionConfigFromEnv(env: Env): SessionConfig {
  return {
    idleMs: env.SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
    // Plain http only in local development, where a `Secure` cookie would never be sent back.
    secureCookie: !env.PUBLIC_WEB_URL.startsWith('http://'),
  };
}

/** The environment's default expiry (30 min idle, 12 h absolute), with a `Secure` cookie. */
export const defaultSessionConfig: SessionConfig = {
  ...sessionConfigFromEnv(loadEnv({})),
  secureCookie: true,
};

/** The shape of a session id this API issues (32 random bytes, base64url). */
export const isSessionId = (value: string | undefined): value is string =>
  value !== undefined && /^[\w-]{43}$/.test(value);

export const csrfTokenFor = (sessionId: string): string =>
  createHmac('sha256', sessionId).update('dim csrf token v1').digest('base64url');

export function csrfTokenMatches(sessionId: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Signs the user in: a new session (the one the request came with, if any, ends — a session id
 * is never carried across a sign-in), its cookie, and the body with the CSRF token.
 */
export async function startSession(
  db: Kysely<Database>,
  config: SessionConfig,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserRow,
) {
  const previous = request.cookies[sessionCookie];
  if (isSessionId(previous)) await endSession(db, previous);
  const { sessionId, expiresAt } = await db.transaction().execute(async (trx) => {
    const session = await createSession(trx, user.user_id, config);
    await recordIdentityEvent(trx, asUser(user), user.user_id, { type: 'SessionStarted', data: {} });
    return session;
  });
  reply.setCookie(sessionCookie, sessionId, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.secureCookie,
    expires: expiresAt,
  });
  return { user: presentSessionUser(user), csrfToken: csrfTokenFor(sessionId) };
}

export function clearSessionCookie(reply: FastifyReply, config: SessionConfig): void {
  reply.clearCookie(sessionCookie, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.secureCookie,
  });
}
