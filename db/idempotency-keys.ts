import type { Kysely } from 'kysely';
import type { Database } from './database';

/**
 * Records that `userId` uses `key` for the request `requestHash`, unless the key is taken: answers
 * false when it was first used for another request.
 */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  userId: string,
  key: string,
  requestHash: string,
): Promise<boolean> {
  await db
    .insertInto('idempotency_keys')
    .values({ user_id: userId, key, request_hash: requestHash })
    .onConflict((conflict) => conflict.columns(['user_id', 'key']).doNothing())
    .execute();
  const row = await db
    .selectFrom('idempotency_keys')
    .select('request_hash')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  // Gone meanwhile: released by a refused request with the same key, which recorded nothing.
  return !row || row.request_hash === requestHash;
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
