/**
 * Browser sessions. The session id (256 random bits) lives only in the person's cookie; the table
 * keeps its SHA-256, the user, and the two clocks: idle expiry counts from `last_seen_at`,
 * absolute expiry is `expires_at`, fixed at sign-in.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { preparedStatement } from './connection';
import type { Database, UserRow } from './database';
import { hashToken, userColumns } from './identity';

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteMs: number;
}

/** A random secret for a cookie or a link: 256 bits, URL-safe. */
export const newSecret = () => randomBytes(32).toString('base64url');

/**
 * Starts a session for the user and returns its id (for the cookie). Sessions that have passed
 * their absolute expiry are deleted on the way, so the table does not grow without bound.
 */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  policy: SessionPolicy,
): Promise<{ sessionId: string; expiresAt: Date }> {
  const sessionId = newSecret();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  await db
    .insertInto('sessions')
    .values({
      session_hash: hashToken(sessionId),
      user_id: userId,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { sessionId, expiresAt };
}

const sessionUserStatement = preparedStatement('session_user');

/**
 * The user of a live session (neither idle nor past its absolute expiry), or undefined. Marks the
 * session as used — at most once a minute (or per tenth of the idle time), not at every request.
 */
export async function sessionUser(
  db: Kysely<Database>,
  sessionId: string,
  policy: SessionPolicy,
): Promise<UserRow | undefined> {
  const now = Date.now();
  const sessionHash = hashToken(sessionId);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.user_id', 'sessions.user_id')
    .modifyFront(sessionUserStatement)
    .select([...userColumns, 'sessions.last_seen_at'])
    .where('sessions.session_hash', '=', sessionHash)
    .where('sessions.expires_at', '>', new Date(now))
    .where('sessions.last_seen_at', '>', new Date(now - policy.idleMs))
    .executeTakeFirst();
  if (!row) return undefined;
  const { last_seen_at: lastSeen, ...user } = row;
  if (now - lastSeen.getTime() > Math.min(60_000, policy.idleMs / 10)) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now) })
      .where('session_hash', '=', sessionHash)
      .execute();
  }
  return user;
}

export async function endSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('session_hash', '=', hashToken(sessionId)).execute();
}

/** Ends every session of the user (a new password was set). */
export async function endSessionsOf(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
