/**
 * The notifications outbox: the payload the projection writes, every statement of its delivery
 * (claim, hold, expand, retry, mark sent, fail) for notifications/dispatcher.ts, what failed for
 * the staff dashboard, and the per-user digest setting. The daily digest: notification-digest.ts.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, Language, NotificationRow, NotificationStatus } from './database';
import { appendToStream } from './event-store';

/** What the templates need besides the event's data (the projection writes it, see projections/views.ts). */
export interface NotificationPayload {
  accreditationId: string;
  organisationName: string;
  status: string;
  cycle: number;
  data: unknown;
  excludedUserIds?: string[];
}

// ─── delivery ───────────────────────────────────────────────────────────────────────────────

/**
 * The next due pending row, locked for the rest of `trx`; rows locked by another dispatcher are
 * skipped, so several dispatchers share the work.
 */
export function claimDueNotification(
  trx: Transaction<Database>,
  now: Date,
): Promise<NotificationRow | undefined> {
  return trx
    .selectFrom('notifications')
    .selectAll()
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .orderBy('global_position')
    .orderBy('notification_id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export interface Recipient {
  address: string;
  /** Empty for an organisation's contact address. */
  name: string;
  language: Language;
  /** The user chose the daily digest instead of one mail per notification. */
  digest: boolean;
}

/** The user, for the role `organisation` the organisation's contact address, for `complainant` the contact record. */
export async function findRecipient(
  trx: Transaction<Database>,
  role: string,
  id: string,
): Promise<Recipient | undefined> {
  if (role === 'organisation') {
    const organisation = await trx
      .selectFrom('organisations')
      .select(['contact_email', 'language'])
      .where('organisation_id', '=', id)
      .executeTakeFirst();
    return (
      organisation && {
        address: organisation.contact_email,
        name: '',
        language: organisation.language,
        digest: false,
      }
    );
  }
  if (role === 'complainant') {
    // A contact record, not a user (db/complaint-tables.ts); an erased one has no address left.
    const complainant = await trx
      .selectFrom('complainants')
      .select(['email', 'name', 'language'])
      .where('complainant_id', '=', id)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    return (
      complainant && {
        address: complainant.email,
        name: complainant.name,
        language: complainant.language,
        digest: false,
      }
    );
  }
  const user = await trx
    .selectFrom('users')
    .select(['email', 'name', 'language', 'notification_digest'])
    .where('user_id', '=', id)
    .executeTakeFirst();
  return (
    user && {
      address: user.email,
      name: user.name,
      language: user.language,
      digest: user.notification_digest,
    }
  );
}

/** Kept for the recipient's next daily digest. */
export async function holdNotification(trx: Transaction<Database>, notificationId: string): Promise<void> {
  await trx
    .updateTable('notifications')
    .set({ status: 'held' })
    .where('notification_id', '=', notificationId)
    .execute();
}

/** The holders of `role`, except `excludedUserIds`, by id. */
export async function roleHolders(
  trx: Transaction<Database>,
  role: string,
  excludedUserIds: readonly string[],
): Promise<string[]> {
  let query = trx
    .selectFrom('users')
    .select('user_id')
    .where('role', '=', role as never);
  if (excludedUserIds.length) query = query.where('user_id', 'not in', excludedUserIds);
  const users = await query.orderBy('user_id').execute();
  return users.map(({ user_id }) => user_id);
}

/**
 * A row addressed to a role becomes one row per person (id `<row id>/<user id>`, same payload);
 * the row itself is marked `expanded`.
 */
export async function expandNotification(
  trx: Transaction<Database>,
  row: NotificationRow,
  userIds: readonly string[],
): Promise<void> {
  await trx
    .insertInto('notifications')
    .values(
      userIds.map((userId) => ({
        notification_id: `${row.notification_id}/${userId}`,
        stream_id: row.stream_id,
        global_position: row.global_position,
        event_type: row.event_type,
        kind: row.kind,
        recipient_role: row.recipient_role,
        recipient_id: userId,
        payload: JSON.stringify(row.payload),
        last_error: null,
        created_at: row.created_at,
        sent_at: null,
      })),
    )
    .onConflict((oc) => oc.column('notification_id').doNothing())
    .execute();
  await trx
    .updateTable('notifications')
    .set({ status: 'expanded' })
    .where('notification_id', '=', row.notification_id)
    .execute();
}

/** A transient failure: tried again from `nextAttemptAt` on. */
export async function scheduleRetry(
  trx: Transaction<Database>,
  notificationId: string,
  retry: { attempts: number; error: string; nextAttemptAt: Date },
): Promise<void> {
  await trx
    .updateTable('notifications')
    .set({ attempts: retry.attempts, last_error: retry.error, next_attempt_at: retry.nextAttemptAt })
    .where('notification_id', '=', notificationId)
    .execute();
}

export async function markSent(
  trx: Transaction<Database>,
  notificationId: string,
  sent: { attempts: number; messageId: string; sentAt: Date },
): Promise<void> {
  await trx
    .updateTable('notifications')
    .set({
      status: 'sent',
      attempts: sent.attempts,
      sent_at: sent.sentAt,
      last_error: null,
      message_id: sent.messageId,
      next_attempt_at: null,
    })
    .where('notification_id', '=', notificationId)
    .execute();
}

/** The stream a notification's failure is recorded in (never the accreditation's own stream). */
export function failureStreamId(accreditationId: string | undefined): string {
  return `notifications-${accreditationId ?? 'digest'}`;
}

export interface NotificationFailedData {
  notificationId: string;
  kind: string;
  recipientRole: string;
  recipientId: string | null;
  accreditationId: string | null;
  reason: string;
  responseCode: number | null;
  attempts: number;
}

/** Permanent failure: the row is marked failed and a NotificationFailed event recorded, in `trx`. */
export async function failNotification(
  trx: Transaction<Database>,
  row: NotificationRow,
  failure: {
    reason: string;
    responseCode: number | null;
    attempts: number;
    at: Date;
  },
): Promise<void> {
  await trx
    .updateTable('notifications')
    .set({ status: 'failed', attempts: failure.attempts, last_error: failure.reason, next_attempt_at: null })
    .where('notification_id', '=', row.notification_id)
    .execute();
  const accreditationId = (row.payload as Partial<NotificationPayload>).accreditationId;
  const streamId = failureStreamId(accreditationId);
  // 'any' appends to a shared stream race on its next version; the lock orders them.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${streamId}))`.execute(trx);
  const data: NotificationFailedData = {
    notificationId: row.notification_id,
    kind: row.kind,
    recipientRole: row.recipient_role,
    recipientId: row.recipient_id,
    accreditationId: accreditationId ?? null,
    reason: failure.reason,
    responseCode: failure.responseCode,
    attempts: failure.attempts,
  };
  await appendToStream(trx, streamId, 'any', [
    {
      type: 'NotificationFailed',
      data,
      metadata: {
        actorRole: 'system',
        actorId: 'notification-dispatcher',
        causationId: row.notification_id,
      },
      businessTime: failure.at.toISOString(),
      idempotencyKey: `notification-failed/${row.notification_id}`,
    },
  ]);
}

// ─── the staff dashboard and settings ───────────────────────────────────────────────────────

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
