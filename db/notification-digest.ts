/**
 * The statements of the daily digest (notifications/digest.ts makes it): who is due one, what it
 * carries (the notifications held for the user, their tasks due soon), and the digest row itself.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, NotificationRow } from './database';

/** A notification held for a digest, as the digest carries it. */
export interface DigestItem {
  notificationId: string;
  kind: string;
  role: string;
  payload: unknown;
  createdAt: string;
}

export interface DigestTask {
  kind: string;
  accreditationId: string;
  organisationName: string;
  dueAt: string | null;
  overdue: boolean;
}

/** The payload of a `daily_digest` row. */
export interface DigestPayload {
  date: string;
  items: DigestItem[];
  tasks: DigestTask[];
}

/** The id of a user's digest of `date` (YYYY-MM-DD): one a day. */
export function digestId(userId: string, date: string): string {
  return `digest/${userId}/${date}`;
}

/** Users who chose the digest and have none for `date` yet. */
export function usersAwaitingDigest(
  db: Kysely<Database>,
  date: string,
): Promise<{ user_id: string; role: string }[]> {
  return db
    .selectFrom('users')
    .select(['user_id', 'role'])
    .where('notification_digest', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notifications')
            .select('notification_id')
            .whereRef('notification_id', '=', sql<string>`'digest/' || users.user_id || '/' || ${date}`),
        ),
      ),
    )
    .execute();
}

/** The notifications held for `userId`, locked for the rest of `trx`. */
export function heldNotifications(trx: Transaction<Database>, userId: string): Promise<NotificationRow[]> {
  return trx
    .selectFrom('notifications')
    .selectAll()
    .where('status', '=', 'held')
    .where('recipient_id', '=', userId)
    .orderBy('global_position')
    .forUpdate()
    .execute();
}

/** The open tasks assigned to `userId` that are due by `until` (overdue ones included). */
export function tasksDueBy(trx: Transaction<Database>, userId: string, until: Date) {
  return trx
    .selectFrom('tasks')
    .select(['kind', 'accreditation_id', 'organisation_name', 'due_at'])
    .where('assignee_id', '=', userId)
    .where('due_at', 'is not', null)
    .where('due_at', '<=', until)
    .orderBy('due_at')
    .execute();
}

/**
 * Adds the `daily_digest` row and marks the held rows it carries `digested`; false (and nothing
 * changed) when the digest exists already.
 */
export async function insertDigest(
  trx: Transaction<Database>,
  digest: { id: string; userId: string; role: string; payload: DigestPayload; createdAt: Date },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('notifications')
    .values({
      notification_id: digest.id,
      stream_id: 'digest',
      global_position: 0,
      event_type: 'DailyDigest',
      kind: 'daily_digest',
      recipient_role: digest.role,
      recipient_id: digest.userId,
      payload: JSON.stringify(digest.payload),
      last_error: null,
      created_at: digest.createdAt,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('notification_id').doNothing())
    .returning('notification_id')
    .executeTakeFirst();
  if (!inserted) return false;
  const heldIds = digest.payload.items.map((item) => item.notificationId);
  if (heldIds.length) {
    await trx
      .updateTable('notifications')
      .set({ status: 'digested', digest_id: digest.id })
      .where('notification_id', 'in', heldIds)
      .execute();
  }
  return true;
}
