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
import type { Database, NotificationRow } from '../db/database';
import {
  claimDueNotification,
  expandNotification,
  failNotification,
  findRecipient,
  holdNotification,
  markSent,
  type NotificationPayload,
  roleHolders,
  scheduleRetry,
} from '../db/notifications';
import { composeMessage } from './compose';
import { makeDigests } from './digest';
import { classifyFailure, type Mailer, withoutAddresses } from './mailer';

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

export function createDispatcher(options: DispatcherOptions) {
  const { db, mailer } = options;
  const retry = { ...defaultRetryPolicy, ...options.retry };
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const digest = {
    now,
    digestHour: options.digestHour ?? 6,
    horizonMs: (options.digestHorizonDays ?? 7) * 86_400_000,
  };

  /** Claims, sends and records one due notification; undefined when none is due. */
  async function dispatchOne(): Promise<{ id: string; outcome: Outcome } | undefined> {
    const result = await db.transaction().execute(async (trx) => {
      const row = await claimDueNotification(trx, now());
      if (!row) return undefined;
      return { id: row.notification_id, outcome: await deliver(trx, row) };
    });
    if (result?.outcome === 'sent') options.faults?.afterCommit?.(result.id);
    return result;
  }

  async function deliver(trx: Transaction<Database>, row: NotificationRow): Promise<Outcome> {
    if (row.recipient_id === null) return expand(trx, row);
    const recipient = await findRecipient(trx, row.recipient_role, row.recipient_id);
    if (!recipient) {
      const reason = `No ${row.recipient_role} ${row.recipient_id} with an e-mail address`;
      return fail(trx, row, { reason, responseCode: null, attempts: row.attempts });
    }
    if (recipient.digest && row.kind !== 'daily_digest') {
      await holdNotification(trx, row.notification_id);
      return 'held';
    }
    const message = composeMessage(row, recipient, options);
    const attempts = row.attempts + 1;
    try {
      await mailer.send(message);
    } catch (error) {
      // The server's answer may quote the address; the event and the log keep the recipient's id only.
      const reason = withoutAddresses(error instanceof Error ? error.message : String(error));
      const responseCode = (error as { responseCode?: number }).responseCode ?? null;
      if (classifyFailure(error) === 'permanent' || attempts >= retry.maxAttempts) {
        return fail(trx, row, { reason, responseCode, attempts });
      }
      const delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempts - 1));
      const nextAttemptAt = new Date(now().getTime() + delay);
      await scheduleRetry(trx, row.notification_id, { attempts, error: reason, nextAttemptAt });
      log('notification delivery failed, will retry', {
        id: row.notification_id,
        attempts,
        delay,
        error: reason,
      });
      return 'retry';
    }
    options.faults?.afterAccepted?.(row.notification_id);
    await markSent(trx, row.notification_id, { attempts, messageId: message.messageId, sentAt: now() });
    return 'sent';
  }

  /** A row addressed to a role: one row per holder of the role (minus the excluded), same payload. */
  async function expand(trx: Transaction<Database>, row: NotificationRow): Promise<Outcome> {
    const excluded = (row.payload as NotificationPayload).excludedUserIds ?? [];
    const userIds = await roleHolders(trx, row.recipient_role, excluded);
    if (userIds.length === 0) {
      const reason = `Nobody holds the role ${row.recipient_role}`;
      return fail(trx, row, { reason, responseCode: null, attempts: row.attempts });
    }
    await expandNotification(trx, row, userIds);
    return 'expanded';
  }

  /** Permanent failure: the row is marked failed and a NotificationFailed event recorded, atomically. */
  async function fail(
    trx: Transaction<Database>,
    row: NotificationRow,
    failure: { reason: string; responseCode: number | null; attempts: number },
  ): Promise<'failed'> {
    await failNotification(trx, row, { ...failure, at: now() });
    log('notification failed permanently', { id: row.notification_id, reason: failure.reason });
    return 'failed';
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
   * Runs until `signal` aborts: digests (checked once a minute) and due notifications (every
   * `intervalMs`). Errors are logged and the loop goes on; the next tick retries.
   */
  async function run(signal: AbortSignal, intervalMs = 1_000): Promise<void> {
    let lastDigestCheck = 0;
    while (!signal.aborted) {
      try {
        if (Date.now() - lastDigestCheck >= 60_000) {
          lastDigestCheck = Date.now();
          await makeDigests(db, digest);
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

  return { dispatchOne, dispatchPending, makeDigests: () => makeDigests(db, digest), run };
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
