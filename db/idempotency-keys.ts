import { type Kysely, sql } from 'kysely';
import type { Database } from './database';

/** How long a stored Idempotency-Key is kept by default (hours); env IDEMPOTENCY_KEY_HOURS. */
export const defaultIdempotencyKeyHours = 24;

const expiredBefore = (hours: number) => sql<Date>`now() - make_interval(hours => ${hours})`;

/**
 * Records that `userId` uses `key` for the request `requestHash`, unless the key is taken: answers
 * false when it was first used for another request. A key stored longer than `keptHours` ago has
 * expired: its reuse is a new request.
 */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  userId: string,
  key: string,
  requestHash: string,
  keptHours = defaultIdempotencyKeyHours,
): Promise<{ claimed: boolean; storedAt?: Date }> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .where('created_at', '<', expiredBefore(keptHours))
    .execute();
  await db
    .insertInto('idempotency_keys')
    .values({ user_id: userId, key, request_hash: requestHash })
    .onConflict((conflict) => conflict.columns(['user_id', 'key']).doNothing())
    .execute();
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'created_at'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  // Gone meanwhile: released by a refused request with the same key, which recorded nothing.
  if (!row) return { claimed: true };
  return { claimed: row.request_hash === requestHash, storedAt: row.created_at };
}

/** Frees a key again (its request was refused and recorded nothing). */
export async function releaseIdempotencyKey(
  db: Kysely<Database>,
  userId: string,
  key: string,
  requestHash: string,
): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .where('request_hash', '=', requestHash)
    .execute();
}

/** Deletes every key stored longer than `keptHours` ago; answers how many. */
export async function deleteExpiredIdempotencyKeys(
  db: Kysely<Database>,
  keptHours = defaultIdempotencyKeyHours,
): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', expiredBefore(keptHours))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
