import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database, UserRole, UserRow } from '../db/database';
import { userForToken } from '../db/identity';
import { sessionUser } from '../db/sessions';
import { type CredentialLimits, countFailedCredential, defaultCredentialLimits } from '../db/sign-in-limits';
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

/**
 * Authentication and role checks, before the body is even parsed: a bearer token (CLI,
 * automation) or the session cookie of a signed-in person, whose writes must carry the session's
 * CSRF token. Every route must declare its `access`; a route without one fails at start-up rather
 * than being open by accident. A bearer token is looked up first and a valid one always passes;
 * failed ones are counted per address and token prefix, shared by every API process (429 with
 * Retry-After; db/sign-in-limits.ts). An unknown session cookie is not counted: a browser whose
 * session expired must get its 401 and sign in again, and session ids are 256 random bits.
 */
export const authPlugin = fp(
  async (
    app: FastifyInstance,
    {
      db,
      rateLimit,
      sessions,
    }: { db: Kysely<Database>; rateLimit?: CredentialLimits; sessions: SessionConfig },
  ) => {
    const limits = rateLimit ?? defaultCredentialLimits;
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

    /**
     * A session cookie, when there is no bearer token; a write must carry the CSRF token. On a
     * public route (`optional`) a write without it is simply anonymous: a forged request from another
     * site must not act as the person, and the route is open to anyone anyway.
     */
    async function authenticateSession(request: FastifyRequest, optional = false) {
      const sessionId = request.cookies[sessionCookie];
      if (!isSessionId(sessionId)) return;
      const csrfMissing =
        !safeMethods.has(request.method) && !csrfTokenMatches(sessionId, request.headers[csrfHeader]);
      if (optional && csrfMissing) return;
      request.user = (await sessionUser(db, sessionId, sessions)) ?? null;
      if (!request.user) return;
      request.sessionId = sessionId;
      request.log = request.log.child({ userId: request.user.user_id, role: request.user.role });
      if (csrfMissing) {
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
        const credential = /^Bearer ([\w-]{10,200})$/.exec(header)?.[1];
        request.user = credential ? ((await userForToken(db, credential)) ?? null) : null;
        if (!request.user) {
          const retryAfter = await countFailedCredential(db, limits, request.ip, credential ?? header);
          request.log.warn({ ip: request.ip }, 'authentication failed');
          if (retryAfter > 0) {
            reply.header('retry-after', String(retryAfter));
            throw new ProblemError(
              problem('rateLimited', 'Too many failed authentications; try again later.', {
                code: 'too_many_failed_authentications',
              }),
            );
          }
          throw unauthenticated();
        }
        request.log = request.log.child({ userId: request.user.user_id, role: request.user.role });
      } else {
        // On a public route the person signed in is known too (e.g. staff recording a complaint).
        await authenticateSession(request, access === 'public');
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
