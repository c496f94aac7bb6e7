import { type Kysely, sql } from 'kysely';

/**
 * Delivery state of the notifications outbox (notifications/dispatcher.ts) and the staff digest.
 *
 * - `next_attempt_at`: when a transient failure may be retried (null = at once). Null on insert, so
 *   a rebuilt row equals the live one.
 * - statuses beyond pending / sent / failed: `held` (waiting for the recipient's daily digest),
 *   `digested` (sent as part of the digest `digest_id`), `expanded` (a row addressed to a role was
 *   split into one row per person, `<id>/<user id>`).
 * - `message_id`: the Message-ID the message was sent with (derived from the notification id).
 * - `users.notification_digest`: staff who prefer one daily summary to one mail per item.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`.execute(db);
  await sql`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
    CHECK (status IN ('pending', 'sent', 'failed', 'held', 'digested', 'expanded'))`.execute(db);
  await db.schema
    .alterTable('notifications')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('digest_id', 'text')
    .addColumn('message_id', 'text')
    .execute();
  await sql`CREATE INDEX notifications_held ON notifications (recipient_id) WHERE status = 'held'`.execute(
    db,
  );
  await sql`CREATE INDEX notifications_failed ON notifications (created_at) WHERE status = 'failed'`.execute(
    db,
  );
  await db.schema
    .alterTable('users')
    .addColumn('notification_digest', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('notification_digest').execute();
  await sql`DROP INDEX IF EXISTS notifications_failed`.execute(db);
  await sql`DROP INDEX IF EXISTS notifications_held`.execute(db);
  await db.schema
    .alterTable('notifications')
    .dropColumn('message_id')
    .dropColumn('digest_id')
    .dropColumn('next_attempt_at')
    .execute();
  await sql`UPDATE notifications SET status = 'sent' WHERE status IN ('digested', 'expanded')`.execute(db);
  await sql`UPDATE notifications SET status = 'pending' WHERE status = 'held'`.execute(db);
  await sql`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`.execute(db);
  await sql`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
    CHECK (status IN ('pending', 'sent', 'failed'))`.execute(db);
}
