/**
 * Read queries and settings of the notifications outbox (delivered by notifications/dispatcher.ts):
 * what failed for the staff dashboard, and the per-user digest setting.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, NotificationStatus } from './database';

export interface FailedNotification {
  notificationId: string;
  accreditationId: string | null;
  organisationName: string | null;
  kind: string;
  recipientRole: string;
  recipientId: string | null;
  error: string | null;
  attempts: number;
  createdAt: Date;
}

/** Notifications that could not be delivered (permanent SMTP failure, unknown recipient), newest first. */
export async function failedNotifications(
  db: Kysely<Database>,
  options: { limit?: number; accreditationId?: string } = {},
): Promise<FailedNotification[]> {
  let query = db
    .selectFrom('notifications')
    .select([
      'notification_id',
      'kind',
      'recipient_role',
      'recipient_id',
      'last_error',
      'attempts',
      'created_at',
      sql<string | null>`payload->>'accreditationId'`.as('accreditation_id'),
      sql<string | null>`payload->>'organisationName'`.as('organisation_name'),
    ])
    .where('status', '=', 'failed');
  if (options.accreditationId) {
    query = query.where(sql<string>`payload->>'accreditationId'`, '=', options.accreditationId);
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('notification_id')
    .limit(options.limit ?? 100)
    .execute();
  return rows.map((row) => ({
    notificationId: row.notification_id,
    accreditationId: row.accreditation_id,
    organisationName: row.organisation_name,
    kind: row.kind,
    recipientRole: row.recipient_role,
    recipientId: row.recipient_id,
    error: row.last_error,
    attempts: row.attempts,
    createdAt: row.created_at,
  }));
}

/** How many notifications are in each state (the dashboard's outbox health). */
export async function notificationCounts(db: Kysely<Database>): Promise<Record<NotificationStatus, number>> {
  const rows = await db
    .selectFrom('notifications')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<NotificationStatus, number> = {
    pending: 0,
    sent: 0,
    failed: 0,
    held: 0,
    digested: 0,
    expanded: 0,
  };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/**
 * Switches the daily digest on or off for a user. Off: notifications held for the next digest are
 * released and sent one by one.
 */
export async function setNotificationDigest(
  db: Kysely<Database>,
  userId: string,
  enabled: boolean,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ notification_digest: enabled })
      .where('user_id', '=', userId)
      .execute();
    if (!enabled) {
      await trx
        .updateTable('notifications')
        .set({ status: 'pending' })
        .where('status', '=', 'held')
        .where('recipient_id', '=', userId)
        .execute();
    }
  });
}
