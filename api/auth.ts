import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database, UserRole, UserRow } from '../db/database';
import { userForToken } from '../db/identity';
import { sessionUser } from '../db/sessions';
import { ProblemError, problem } from './problems';
import { csrfHeader, csrfTokenMatches, isSessionId, type SessionConfig, sessionCookie } from './session';

/** Who may call a route: everyone, or any authenticated user with one of the roles. */
export type Access = 'public' | readonly UserRole[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user: UserRow | null;
    /** The session id of a request authenticated by its session cookie. */
    sessionId: string | null;
  }
}

const unauthenticated = () =>
  new ProblemError(
    problem('unauthorised', 'Sign in, or send a valid bearer token.', { code: 'not_authenticated' }),
  );

/** Methods that change nothing: the only ones a cookie-authenticated request may send without CSRF token. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The authenticated user of a route that is not public (the access hook guarantees one). */
export function currentUser(request: FastifyRequest): UserRow {
  if (!request.user) throw unauthenticated();
  return request.user;
}

export interface AuthRateLimit {
  /** Failed authentications per client address within the window before 429. */
  max: number;
  windowMs: number;
}

/** Counts failed authentications per client address in fixed windows (one process; enough here). */
class FailureCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  constructor(private readonly limit: AuthRateLimit) {}

  /** Seconds until the address may try again, or 0 if it may now. */
  blockedFor(address: string, now = Date.now()): number {
    const window = this.windows.get(address);
    if (!window || window.resetAt <= now) return 0;
    return window.count >= this.limit.max ? Math.ceil((window.resetAt - now) / 1000) : 0;
  }

  fail(address: string, now = Date.now()) {
    const window = this.windows.get(address);
    if (!window || window.resetAt <= now) {
      if (this.windows.size > 10_000) this.sweep(now);
      this.windows.set(address, { count: 1, resetAt: now + this.limit.windowMs });
    } else {
      window.count += 1;
    }
  }

  private sweep(now: number) {
    for (const [address, window] of this.windows) if (window.resetAt <= now) this.windows.delete(address);
  }
}

/**
 * Authentication and role checks, before the body is even parsed: a bearer token (CLI,
 * automation) or the session cookie of a signed-in person, whose writes must carry the session's
 * CSRF token. Every route must declare its `access`; a route without one fails at start-up rather
 * than being open by accident. Failed bearer authentications are rate-limited per client address
 * (429 with Retry-After); sign-in has limits of its own (db/sign-in-limits.ts).
 */
export const authPlugin = fp(
  async (
    app: FastifyInstance,
    { db, rateLimit, sessions }: { db: Kysely<Database>; rateLimit?: AuthRateLimit; sessions: SessionConfig },
  ) => {
    const failures = new FailureCounter(rateLimit ?? { max: 20, windowMs: 60_000 });
    await app.register(cookie);
    app.decorateRequest('user', null);
    app.decorateRequest('sessionId', null);

    app.addHook('onRoute', (route) => {
      const access = route.config?.access;
      const documentation = route.url.startsWith('/docs') || route.schema?.hide === true;
      if (access === undefined && !documentation) {
        throw new Error(`Route ${route.method} ${route.url} declares no access`);
      }
      if (access && access !== 'public' && route.schema) {
        const methods = [route.method].flat();
        const writes = methods.some((method) => !safeMethods.has(method));
        route.schema.security = [{ bearer: [] }, writes ? { session: [], csrf: [] } : { session: [] }];
        route.schema.description = `${route.schema.description ?? ''}\n\nRoles: ${access.join(', ')}.`.trim();
      }
    });

    /** A session cookie, when there is no bearer token; a write must carry the CSRF token. */
    async function authenticateSession(request: FastifyRequest) {
      const sessionId = request.cookies[sessionCookie];
      if (!isSessionId(sessionId)) return;
      request.user = (await sessionUser(db, sessionId, sessions)) ?? null;
      if (!request.user) return;
      request.sessionId = sessionId;
      request.log = request.log.child({ userId: request.user.user_id, role: request.user.role });
      if (!safeMethods.has(request.method) && !csrfTokenMatches(sessionId, request.headers[csrfHeader])) {
        throw new ProblemError(
          problem('forbidden', `A signed-in write must carry the session's ${csrfHeader} header.`, {
            code: 'csrf_token_invalid',
          }),
        );
      }
    }

    app.addHook('onRequest', async (request, reply) => {
      const access = request.routeOptions.config.access ?? 'public';
      const header = request.headers.authorization;
      if (header) {
        const retryAfter = failures.blockedFor(request.ip);
        if (retryAfter > 0) {
          reply.header('retry-after', String(retryAfter));
          throw new ProblemError(
            problem('rateLimited', 'Too many failed authentications; try again later.', {
              code: 'too_many_failed_authentications',
            }),
          );
        }
        const match = /^Bearer ([\w-]{10,200})$/.exec(header);
        request.user = match?.[1] ? ((await userForToken(db, match[1])) ?? null) : null;
        if (!request.user) {
          failures.fail(request.ip);
          request.log.warn({ ip: request.ip }, 'authentication failed');
          throw unauthenticated();
        }
        request.log = request.log.child({ userId: request.user.user_id, role: request.user.role });
      } else if (access !== 'public') {
        await authenticateSession(request);
      }
      if (access === 'public') return;
      if (!request.user) throw unauthenticated();
      if (!access.includes(request.user.role)) {
        // The code the workflow gives a step the actor's role may not take: one code for one refusal.
        throw new ProblemError(
          problem('forbidden', `The role ${request.user.role} may not do this.`, { code: 'not_authorised' }),
        );
      }
    });
  },
);
