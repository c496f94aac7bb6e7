/**
 * The outbox dispatcher: delivers the notifications the inline projection wrote into
 * `notifications` in the same transaction as the events that caused them.
 *
 * Why a dispatcher loop in the worker process and not a Temporal activity per notification: the
 * outbox row is already durable, atomic with its event and keyed by a deterministic id, so it
 * carries everything a retrying activity would (attempts, backoff, final state), visibly in SQL
 * for the dashboard. Activities started by the workflow would need the outbox ids in workflow code,
 * grow every case's history by a scheduled activity per mail over years of life cycle, and need a
 * `patched()` change to a shipped workflow; the dispatcher leaves the workflow as it is and keeps
 * mail entirely off the path a user waits on (the update's local activity only inserts the row).
 *
 * Exactly once, per row: a transaction claims the row (`FOR UPDATE SKIP LOCKED`, so several
 * dispatchers share the work), sends it, and marks it sent in that same transaction after the SMTP
 * server accepted it. A row that was marked sent is never sent again. The one window left — the
 * process dies after the server accepted but before the commit — re-sends the message with the
 * same deterministic Message-ID (from the row id), so a duplicate is identifiable.
 */
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Database, Language, NotificationRow } from '../db/database';
import { appendToStream } from '../db/event-store';
import type { NotificationPayload } from '../db/projections/views';
import { classifyFailure, type Mailer, messageIdFor } from './mailer';
import { type DigestItem, type DigestPayload, type DigestTask, renderNotification } from './templates';

export interface RetryPolicy {
  /** Delay after the first transient failure; doubled after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many transient failures the notification fails permanently. */
  maxAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 12,
};

export interface DispatcherOptions {
  db: Kysely<Database>;
  mailer: Mailer;
  from: string;
  /** Base URL of the web UI for deep links. */
  webUrl: string;
  retry?: Partial<RetryPolicy>;
  /** Hour of the day (UTC) from which the daily digests are made. */
  digestHour?: number;
  /** Open tasks due within this many days count as "due soon" in a digest. */
  digestHorizonDays?: number;
  now?: () => Date;
  log?: (message: string, details?: Record<string, unknown>) => void;
  /** Failure injection for tests: thrown errors abort the dispatch at that point. */
  faults?: {
    /** After the SMTP server accepted the message, before the row is marked sent (rolls back). */
    afterAccepted?: (notificationId: string) => void;
    /** After the row was marked sent and committed. */
    afterCommit?: (notificationId: string) => void;
  };
}

export type Outcome = 'sent' | 'held' | 'expanded' | 'retry' | 'failed';

export interface DispatchReport {
  sent: number;
  held: number;
  expanded: number;
  retry: number;
  failed: number;
}

interface Recipient {
  address: string;
  name: string;
  language: Language;
  digest: boolean;
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
  address: string | null;
  accreditationId: string | null;
  reason: string;
  responseCode: number | null;
  attempts: number;
}

export function createDispatcher(options: DispatcherOptions) {
  const { db, mailer } = options;
  const retry = { ...defaultRetryPolicy, ...options.retry };
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const digestHour = options.digestHour ?? 6;
  const horizonMs = (options.digestHorizonDays ?? 7) * 86_400_000;

  /** Claims, sends and records one due notification; undefined when none is due. */
  async function dispatchOne(): Promise<{ id: string; outcome: Outcome } | undefined> {
    const result = await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('notifications')
        .selectAll()
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now())]))
        .orderBy('global_position')
        .orderBy('notification_id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return undefined;
      return { id: row.notification_id, outcome: await deliver(trx, row) };
    });
    if (result?.outcome === 'sent') options.faults?.afterCommit?.(result.id);
    return result;
  }

  async function deliver(trx: Transaction<Database>, row: NotificationRow): Promise<Outcome> {
    if (row.recipient_id === null) return expand(trx, row);
    const recipient = await resolveRecipient(trx, row);
    if (!recipient) {
      await fail(trx, row, null, `No ${row.recipient_role} ${row.recipient_id} with an e-mail address`, null);
      return 'failed';
    }
    if (recipient.digest && row.kind !== 'daily_digest') {
      await trx
        .updateTable('notifications')
        .set({ status: 'held' })
        .where('notification_id', '=', row.notification_id)
        .execute();
      return 'held';
    }
    const messageId = messageIdFor(row.notification_id);
    const rendered = renderNotification({
      notificationId: row.notification_id,
      kind: row.kind,
      role: row.recipient_role,
      language: recipient.language,
      recipientName: recipient.name,
      payload: row.payload,
      createdAt: row.created_at.toISOString(),
      sequence: row.global_position,
      webUrl: options.webUrl.replace(/\/+$/, ''),
    });
    const attempts = row.attempts + 1;
    try {
      await mailer.send({
        from: options.from,
        to: recipient.address,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId,
        language: recipient.language,
        notificationId: row.notification_id,
        ...(rendered.calendar
          ? { calendar: { filename: `${row.kind}.ics`, content: rendered.calendar } }
          : {}),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const responseCode = (error as { responseCode?: number }).responseCode ?? null;
      if (classifyFailure(error) === 'permanent' || attempts >= retry.maxAttempts) {
        await fail(trx, row, recipient.address, message, responseCode);
        return 'failed';
      }
      const delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempts - 1));
      await trx
        .updateTable('notifications')
        .set({ attempts, last_error: message, next_attempt_at: new Date(now().getTime() + delay) })
        .where('notification_id', '=', row.notification_id)
        .execute();
      log('notification delivery failed, will retry', {
        id: row.notification_id,
        attempts,
        delay,
        error: message,
      });
      return 'retry';
    }
    options.faults?.afterAccepted?.(row.notification_id);
    await trx
      .updateTable('notifications')
      .set({
        status: 'sent',
        attempts,
        sent_at: now(),
        last_error: null,
        message_id: messageId,
        next_attempt_at: null,
      })
      .where('notification_id', '=', row.notification_id)
      .execute();
    return 'sent';
  }

  /** A row addressed to a role: one row per holder of the role (minus the excluded), same payload. */
  async function expand(trx: Transaction<Database>, row: NotificationRow): Promise<Outcome> {
    const excluded = (row.payload as NotificationPayload).excludedUserIds ?? [];
    let query = trx
      .selectFrom('users')
      .select('user_id')
      .where('role', '=', row.recipient_role as never);
    if (excluded.length) query = query.where('user_id', 'not in', excluded);
    const users = await query.orderBy('user_id').execute();
    if (users.length === 0) {
      await fail(trx, row, null, `Nobody holds the role ${row.recipient_role}`, null);
      return 'failed';
    }
    await trx
      .insertInto('notifications')
      .values(
        users.map(({ user_id }) => ({
          notification_id: `${row.notification_id}/${user_id}`,
          stream_id: row.stream_id,
          global_position: row.global_position,
          event_type: row.event_type,
          kind: row.kind,
          recipient_role: row.recipient_role,
          recipient_id: user_id,
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
    return 'expanded';
  }

  async function resolveRecipient(
    trx: Transaction<Database>,
    row: NotificationRow,
  ): Promise<Recipient | undefined> {
    const id = row.recipient_id as string;
    if (row.recipient_role === 'organisation') {
      const organisation = await trx
        .selectFrom('organisations')
        .select(['contact_email', 'name', 'language'])
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

  /** Permanent failure: the row is marked failed and a NotificationFailed event recorded, atomically. */
  async function fail(
    trx: Transaction<Database>,
    row: NotificationRow,
    address: string | null,
    reason: string,
    responseCode: number | null,
  ): Promise<void> {
    const attempts = row.attempts + (address ? 1 : 0);
    await trx
      .updateTable('notifications')
      .set({ status: 'failed', attempts, last_error: reason, next_attempt_at: null })
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
      address,
      accreditationId: accreditationId ?? null,
      reason,
      responseCode,
      attempts,
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
        businessTime: now().toISOString(),
        idempotencyKey: `notification-failed/${row.notification_id}`,
      },
    ]);
    log('notification failed permanently', { id: row.notification_id, reason });
  }

  /** Dispatches due notifications until none is left (or `limit` were handled). */
  async function dispatchPending(limit = 500): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, held: 0, expanded: 0, retry: 0, failed: 0 };
    for (let handled = 0; handled < limit; handled++) {
      const result = await dispatchOne();
      if (!result) break;
      report[result.outcome] += 1;
    }
    return report;
  }

  /**
   * Once a day (from `digestHour` UTC on), for each user who chose the digest: one `daily_digest`
   * outbox row (id `digest/<user>/<date>`, so a second run the same day adds nothing) with the
   * notifications held for them and their open tasks that are overdue or due soon; the held rows
   * become `digested` in the same transaction. The digest row is then sent like any other.
   */
  async function makeDigests(): Promise<number> {
    const at = now();
    if (at.getUTCHours() < digestHour) return 0;
    const date = at.toISOString().slice(0, 10);
    const users = await db
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
    let made = 0;
    for (const user of users) {
      const digestId = `digest/${user.user_id}/${date}`;
      const created = await db.transaction().execute(async (trx) => {
        const held = await trx
          .selectFrom('notifications')
          .selectAll()
          .where('status', '=', 'held')
          .where('recipient_id', '=', user.user_id)
          .orderBy('global_position')
          .forUpdate()
          .execute();
        const taskRows = await trx
          .selectFrom('tasks')
          .select(['kind', 'accreditation_id', 'organisation_name', 'due_at'])
          .where('assignee_id', '=', user.user_id)
          .where('due_at', 'is not', null)
          .where('due_at', '<=', new Date(at.getTime() + horizonMs))
          .orderBy('due_at')
          .execute();
        if (held.length === 0 && taskRows.length === 0) return false;
        const items: DigestItem[] = held.map((row) => ({
          notificationId: row.notification_id,
          kind: row.kind,
          role: row.recipient_role,
          payload: row.payload,
          createdAt: row.created_at.toISOString(),
        }));
        const tasks: DigestTask[] = taskRows.map((task) => ({
          kind: task.kind,
          accreditationId: task.accreditation_id,
          organisationName: task.organisation_name,
          dueAt: task.due_at?.toISOString() ?? null,
          overdue: task.due_at !== null && task.due_at.getTime() < at.getTime(),
        }));
        const payload: DigestPayload = { date, items, tasks };
        const inserted = await trx
          .insertInto('notifications')
          .values({
            notification_id: digestId,
            stream_id: 'digest',
            global_position: 0,
            event_type: 'DailyDigest',
            kind: 'daily_digest',
            recipient_role: user.role,
            recipient_id: user.user_id,
            payload: JSON.stringify(payload),
            last_error: null,
            created_at: at,
            sent_at: null,
          })
          .onConflict((oc) => oc.column('notification_id').doNothing())
          .returning('notification_id')
          .executeTakeFirst();
        if (!inserted) return false;
        if (held.length) {
          await trx
            .updateTable('notifications')
            .set({ status: 'digested', digest_id: digestId })
            .where(
              'notification_id',
              'in',
              held.map((row) => row.notification_id),
            )
            .execute();
        }
        return true;
      });
      if (created) made += 1;
    }
    return made;
  }

  /**
   * Runs until `signal` aborts: digests (checked once a minute) and due notifications (every
   * `intervalMs`). Errors are logged and the loop goes on; the next tick retries.
   */
  async function run(signal: AbortSignal, intervalMs = 1_000): Promise<void> {
    let lastDigestCheck = 0;
    while (!signal.aborted) {
      try {
        if (Date.now() - lastDigestCheck >= 60_000) {
          lastDigestCheck = Date.now();
          await makeDigests();
        }
        const report = await dispatchPending();
        if (report.sent + report.failed + report.retry > 0) log('notifications dispatched', { ...report });
      } catch (error) {
        log('notification dispatch failed', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
      await sleep(intervalMs, signal);
    }
  }

  return { dispatchOne, dispatchPending, makeDigests, run };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
