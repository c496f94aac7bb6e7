/**
 * What operators watch in the database: whether it answers, the notifications outbox's backlog,
 * and the figures behind the API's metrics (cases by status, overdue tasks, failed notifications).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './database';

export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

export interface OutboxBacklog {
  /** Notifications due for delivery now (pending, not waiting for a retry). */
  due: number;
  /** How long the oldest of them has been due, in seconds (0 when none is). */
  oldestAgeSeconds: number;
}

/** The outbox's due rows (partial index `notifications_pending`), aged by the database's clock. */
export async function outboxBacklog(db: Kysely<Database>): Promise<OutboxBacklog> {
  const { rows } = await sql<{ due: number; oldest_age_seconds: number | null }>`
    SELECT count(*)::int AS due,
           extract(epoch FROM now() - min(coalesce(next_attempt_at, created_at)))::float8 AS oldest_age_seconds
      FROM notifications
     WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())`.execute(db);
  const row = rows[0];
  return { due: row?.due ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest_age_seconds ?? 0) };
}

export interface OperationalFigures {
  accreditationsByStatus: Record<string, number>;
  /** Open tasks whose due date has passed. */
  overdueTasks: number;
  /** Notifications that could not be delivered (permanent failure). */
  failedNotifications: number;
  outbox: OutboxBacklog;
}

/** The figures a metrics scrape reports; each query reads an index (accreditations_status, …). */
export async function operationalFigures(db: Kysely<Database>): Promise<OperationalFigures> {
  const [statuses, overdue, failed, outbox] = await Promise.all([
    db
      .selectFrom('accreditations')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('due_at', '<', sql<Date>`now()`)
      .executeTakeFirst(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', 'failed')
      .executeTakeFirst(),
    outboxBacklog(db),
  ]);
  return {
    accreditationsByStatus: Object.fromEntries(statuses.map((row) => [row.status, Number(row.count)])),
    overdueTasks: Number(overdue?.count ?? 0),
    failedNotifications: Number(failed?.count ?? 0),
    outbox,
  };
}
