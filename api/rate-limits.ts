import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError, problem } from './problems';

/**
 * Requests per client address and window on the public routes — the ones anyone can call without
 * a credential. Counted in each API process's memory: a database write per public read would cost
 * more than the limit saves, so with N processes a client gets up to N times the figure. Failed
 * sign-ins and bearer tokens are counted in PostgreSQL on top (db/sign-in-limits.ts).
 */
export interface PublicRateLimits {
  /** The public register: search and certificate lookup. */
  register: number;
  /** Sign-in attempts, right or wrong. */
  signIn: number;
  /** Requests for a password-reset e-mail. */
  passwordReset: number;
  /** Redeemed invitation and reset links. */
  accountLinks: number;
  /** Complaints lodged through the public form. */
  complaints: number;
  windowMs: number;
}

export const defaultPublicRateLimits: PublicRateLimits = {
  register: 300,
  signIn: 30,
  passwordReset: 10,
  accountLinks: 30,
  complaints: 10,
  windowMs: 60_000,
};

export type PublicRouteGroup = Exclude<keyof PublicRateLimits, 'windowMs'>;

/** The `config.rateLimit` of a public route of the group. */
export function publicRateLimit(limits: PublicRateLimits, group: PublicRouteGroup): RateLimitOptions {
  return {
    max: limits[group],
    timeWindow: limits.windowMs,
    keyGenerator: (request) => `${group}:${request.ip}`,
  };
}

/** Limits only the routes that name one (`global: false`); a refusal is a 429 problem with Retry-After. */
export const rateLimitPlugin = fp(async (app: FastifyInstance) => {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () =>
      new ProblemError(problem('rateLimited', 'Too many requests from this address; try again later.')),
  });
});
