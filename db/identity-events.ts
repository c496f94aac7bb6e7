/**
 * Identity as events (issue 22, item 5): each change of who may do what — a user created, a token
 * issued or revoked, an invitation sent, a password set, a session started or ended, the person's
 * data erased — is an event
 * of the target user's identity stream, with the actor (who did it) in its metadata, appended in
 * the transaction of the change itself. No e-mail address, name or secret goes into an event.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, UserRole } from './database';
import { appendToStream } from './event-store';

export type IdentityEvent =
  | { type: 'UserCreated'; data: { role: UserRole; organisationId: string | null } }
  | { type: 'TokenIssued'; data: { label: string; expiresAt: string } }
  | { type: 'TokensRevoked'; data: { revoked: number } }
  | { type: 'InvitationSent'; data: Record<string, never> }
  | { type: 'PasswordSet'; data: { via: 'invitation' | 'password_reset' } }
  | { type: 'SessionStarted'; data: Record<string, never> }
  | { type: 'SessionEnded'; data: Record<string, never> }
  | { type: 'PersonalDataErased'; data: Record<string, never> };

/** Who acted: a user, or the system itself (`npm start` creating the local administrator). */
export interface IdentityActor {
  id: string;
  role: UserRole | 'system';
}

export const identityStreamId = (userId: string) => `identity-${userId}`;

/** Appends the event to the target's identity stream (in `db`'s transaction, when it is one). */
export async function recordIdentityEvent(
  db: Kysely<Database>,
  actor: IdentityActor,
  targetUserId: string,
  event: IdentityEvent,
): Promise<void> {
  await appendToStream(db, identityStreamId(targetUserId), 'any', [
    {
      type: event.type,
      data: { userId: targetUserId, ...event.data },
      metadata: { actorId: actor.id, actorRole: actor.role, targetUserId },
      businessTime: new Date().toISOString(),
      idempotencyKey: randomUUID(),
    },
  ]);
}

/** The actor of a signed-in user's own step. */
export const asUser = (user: { user_id: string; role: UserRole }): IdentityActor => ({
  id: user.user_id,
  role: user.role,
});
