/**
 * What the staff dashboard reads (`GET /dashboard`): the pipeline and its last twelve months from
 * `stage_months` (see projections/stage-months.ts), and the work waiting for DIM staff from the
 * tasks and deadlines projections. Every query reads an index range or a few thousand rows, however
 * many cases there are (`npm run bench -- dashboard`).
 */
import { type Kysely, sql } from 'kysely';
import type { Database, TaskRow } from './database';

/** The month (`YYYY-MM`, Europe/Berlin) that holds `at`. */
export function berlinMonth(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

/** `count` months ending with `last` (`YYYY-MM`), oldest first. */
export function monthsUpTo(last: string, count: number): string[] {
  const [year, month] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

export interface StageMonth {
  month: string;
  /** Cases in each status at the month's end (for the current month: now). */
  cases: Record<string, number>;
}

/**
 * Cases per status at the end of each of the last `months` months (the last one is the current
 * month, so its counts are the pipeline now). Months after the current one (cases on a test clock
 * ahead of this one) are left out.
 */
export async function stageMonths(db: Kysely<Database>, now: Date, months = 12): Promise<StageMonth[]> {
  const series = monthsUpTo(berlinMonth(now), months);
  const first = `${series[0]}-01`;
  const last = `${series[series.length - 1]}-01`;
  const { rows } = await sql<{ status: string; month: string | null; cases: number }>`
    SELECT status, NULL AS month, sum(cases)::int AS cases FROM stage_months
      WHERE month < ${first}::date GROUP BY status
    UNION ALL
    SELECT status, to_char(month, 'YYYY-MM') AS month, sum(cases)::int AS cases FROM stage_months
      WHERE month >= ${first}::date AND month <= ${last}::date GROUP BY status, month`.execute(db);
  const running = new Map<string, number>();
  const byMonth = new Map<string, { status: string; cases: number }[]>();
  for (const row of rows) {
    if (row.month === null) running.set(row.status, (running.get(row.status) ?? 0) + row.cases);
    else byMonth.set(row.month, [...(byMonth.get(row.month) ?? []), row]);
  }
  return series.map((month) => {
    for (const { status, cases } of byMonth.get(month) ?? []) {
      running.set(status, (running.get(status) ?? 0) + cases);
    }
    return { month, cases: Object.fromEntries(running) };
  });
}

/** Certificates (valid or suspended) that end within the days. */
export async function expiringCertificates(db: Kysely<Database>, now: Date, withinDays: number) {
  const until = new Date(now.getTime() + withinDays * 86_400_000);
  const { count } = await db
    .selectFrom('accreditations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', 'in', ['accredited', 'suspended'])
    .where('valid_until', '>=', now)
    .where('valid_until', '<=', until)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/**
 * A self-assessment escalated and still not submitted: its task is overdue, its escalation timer
 * has fired (no longer pending) and its suspension-proposal timer has not (still pending; a
 * follow-up requested by staff has neither).
 */
function escalatedWhere(now: Date) {
  return sql<boolean>`t.kind = 'submit_self_assessment' AND t.due_at < ${now}
    AND NOT EXISTS (SELECT 1 FROM deadlines d WHERE d.stream_id = t.stream_id
      AND d.deadline_id = t.subject_id || ':escalation')
    AND EXISTS (SELECT 1 FROM deadlines d WHERE d.stream_id = t.stream_id
      AND d.deadline_id = t.subject_id || ':suspension-proposal')`;
}

export type WaitingList = 'overdue' | 'escalations' | 'suspensionProposals';

export interface Waiting {
  count: number;
  /** The longest waiting first. */
  first: TaskRow[];
}

/**
 * What is waiting, each list with its count and its first `limit` (at least 1) tasks: open tasks
 * past their due date, escalated self-assessments, suspension proposals to decide. One statement,
 * each list read in the order of its partial index (migration 2026-11-28-10).
 */
export async function waitingTasks(
  db: Kysely<Database>,
  now: Date,
  limit: number,
): Promise<Record<WaitingList, Waiting>> {
  // Overdue tasks in the order of their index, so the list stops after `limit` entries; the
  // escalated ones found once (from index entries and deadline keys alone), counted and listed.
  const { rows } = await sql<TaskRow & { list: WaitingList; total: number }>`
    WITH escalated AS MATERIALIZED (
      SELECT t.stream_id, t.task_id, t.due_at FROM tasks t WHERE ${escalatedWhere(now)})
    (SELECT 'overdue' AS list, t.*, (SELECT count(*) FROM tasks WHERE due_at < ${now})::int AS total
      FROM tasks t WHERE t.due_at < ${now} ORDER BY t.due_at, t.stream_id, t.task_id LIMIT ${limit})
    UNION ALL
    (SELECT 'escalations', t.*, (SELECT count(*) FROM escalated)::int
      FROM escalated e JOIN tasks t USING (stream_id, task_id)
      ORDER BY e.due_at, e.stream_id, e.task_id LIMIT ${limit})
    UNION ALL
    (SELECT 'suspensionProposals', t.*, (count(*) OVER ())::int FROM tasks t
      WHERE t.kind = 'decide_suspension_proposal' ORDER BY t.stream_id, t.task_id LIMIT ${limit})`.execute(
    db,
  );
  const lists: Record<WaitingList, Waiting> = {
    overdue: { count: 0, first: [] },
    escalations: { count: 0, first: [] },
    suspensionProposals: { count: 0, first: [] },
  };
  for (const { list, total, ...task } of rows) {
    lists[list].count = total;
    lists[list].first.push(task);
  }
  return lists;
}

/**
 * Cases waiting for time whose wait ends next (from `now` on), in the order of the partial index
 * `accreditations_waiting` (migration 2026-11-28-30), so the list stops after `limit` rows.
 */
export async function waitsEndingNext(db: Kysely<Database>, now: Date, limit: number) {
  return db
    .selectFrom('accreditations')
    .select([
      'accreditation_id',
      'organisation_name',
      'status',
      'waiting_reason',
      'waiting_until',
      'waiting_subject_id',
    ])
    .where('waiting_until', 'is not', null)
    .where('waiting_until', '>=', now)
    .orderBy('waiting_until')
    .orderBy('stream_id')
    .limit(limit)
    .execute();
}
