import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { UserRow } from '../db/database';
import {
  claimIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  releaseIdempotencyKey,
} from '../db/idempotency-keys';
import type { ApiDependencies } from './dependencies';
import { ProblemError, problem } from './problems';

export const IdempotencyHeaders = z
  .object({
    'idempotency-key': z
      .string()
      .regex(/^[\w-]{8,100}$/)
      .optional()
      .describe(
        'Repeat a request (e.g. after 503) with the same key: the step is done at most once. ' +
          'The key reused with another request (route or body) is refused with 422. ' +
          'A key is kept for 24 hours (as configured); reused later, it is a new request.',
      ),
  })
  .loose();

/** JSON with the keys of every object sorted: the same body, however its keys are ordered. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Runs `action` under the request's Idempotency-Key (a fresh one when none is given). A key the
 * user already used for another request (method, path or body differ) is refused with 422 before
 * anything happens. A request refused with a 4xx recorded nothing, so its key is free again; after
 * a 503 the key stays with its request, which may still be recorded.
 */
export async function withIdempotencyKey<T>(
  { db, idempotencyKeyHours }: Pick<ApiDependencies, 'db' | 'idempotencyKeyHours'>,
  request: FastifyRequest,
  user: UserRow,
  action: (key: string, retryKey: string) => Promise<T>,
): Promise<T> {
  const given = request.headers['idempotency-key'];
  // A fresh key is stored too: a 503 hands it out, and a retry with it must find the same request.
  const key = typeof given === 'string' ? given : randomUUID();
  const path = request.url.split('?')[0];
  const requestHash = createHash('sha256')
    .update(`${request.method} ${path}\n${canonicalJson(request.body)}`)
    .digest('hex');
  const claim = await claimIdempotencyKey(db, user.user_id, key, requestHash, idempotencyKeyHours);
  if (!claim.claimed) {
    throw new ProblemError(
      problem('idempotencyKeyReused', 'This Idempotency-Key was used for another request; use a new key.', {
        code: 'idempotency_key_reused',
      }),
    );
  }
  try {
    // Scoped to when the key was stored: the same key after expiry records a new request. The
    // client retries with its own key (`retryKey`, in a 503's updateId).
    return await action(claim.storedAt ? `${key}-${claim.storedAt.getTime()}` : key, key);
  } catch (error) {
    if (error instanceof ProblemError && error.problem.status < 500) {
      await releaseIdempotencyKey(db, user.user_id, key, requestHash);
    }
    throw error;
  }
}

const sweepIntervalMs = 60 * 60 * 1000;

/** Deletes expired Idempotency-Keys hourly while the API runs (harmless with several APIs). */
export function sweepExpiredIdempotencyKeys(
  app: FastifyInstance,
  { db, idempotencyKeyHours }: Pick<ApiDependencies, 'db' | 'idempotencyKeyHours'>,
): void {
  let timer: NodeJS.Timeout | undefined;
  const sweep = () =>
    deleteExpiredIdempotencyKeys(db, idempotencyKeyHours).catch((error) =>
      app.log.warn({ err: error }, 'expired idempotency keys not deleted'),
    );
  app.addHook('onReady', async () => {
    timer = setInterval(sweep, sweepIntervalMs);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
