import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database, UserRole, UserRow } from '../db/database';
import { userForToken } from '../db/identity';
import { ProblemError, problem } from './problems';

/** Who may call a route: everyone, or any authenticated user with one of the roles. */
export type Access = 'public' | readonly UserRole[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user: UserRow | null;
  }
}

const unauthenticated = () =>
  new ProblemError({ ...problem('unauthorised', 'A valid bearer token is required.') });

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
 * Bearer-token authentication and role checks, before the body is even parsed. Every route must
 * declare its `access`; a route without one fails at start-up rather than being open by accident.
 * Failed authentications are rate-limited per client address (429 with Retry-After).
 */
export const authPlugin = fp(
  async (app: FastifyInstance, { db, rateLimit }: { db: Kysely<Database>; rateLimit?: AuthRateLimit }) => {
    const failures = new FailureCounter(rateLimit ?? { max: 20, windowMs: 60_000 });
    app.decorateRequest('user', null);

    app.addHook('onRoute', (route) => {
      const access = route.config?.access;
      const documentation = route.url.startsWith('/docs') || route.schema?.hide === true;
      if (access === undefined && !documentation) {
        throw new Error(`Route ${route.method} ${route.url} declares no access`);
      }
      if (access && access !== 'public' && route.schema) {
        route.schema.security = [{ bearer: [] }];
        route.schema.description = `${route.schema.description ?? ''}\n\nRoles: ${access.join(', ')}.`.trim();
      }
    });

    app.addHook('onRequest', async (request, reply) => {
      const access = request.routeOptions.config.access ?? 'public';
      const header = request.headers.authorization;
      if (header) {
        const retryAfter = failures.blockedFor(request.ip);
        if (retryAfter > 0) {
          reply.header('retry-after', String(retryAfter));
          throw new ProblemError(problem('rateLimited', 'Too many failed authentications; try again later.'));
        }
        const match = /^Bearer ([\w-]{10,200})$/.exec(header);
        request.user = match?.[1] ? ((await userForToken(db, match[1])) ?? null) : null;
        if (!request.user) {
          failures.fail(request.ip);
          request.log.warn({ ip: request.ip }, 'authentication failed');
          throw unauthenticated();
        }
        request.log = request.log.child({ userId: request.user.user_id, role: request.user.role });
      }
      if (access === 'public') return;
      if (!request.user) throw unauthenticated();
      if (!access.includes(request.user.role)) {
        throw new ProblemError(problem('forbidden', `The role ${request.user.role} may not do this.`));
      }
    });
  },
);
