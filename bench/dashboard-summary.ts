/**
 * The staff dashboard's summary (`GET /dashboard`) over the seeded accreditations of
 * bench/dashboard.ts: the read model it needs beside the copied rows, and its measurement.
 */
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/database';
import { stageShards } from '../db/projections/stage-months';
import { caseStatuses } from '../domain/accreditation';
import type { TestUser } from '../test/fixtures/users';
import { type BenchApi, expectStatus } from './api';
import { formatLatency, type LatencySummary, summarise } from './support';

/**
 * What the copy leaves out. `stage_months` for every copied case: opened in the month of its
 * opening, in its status from the month of its last change; then every (month, status, shard) of
 * three years filled, as real histories through a dozen statuses would (the summary reads them
 * all). `deadlines` for the self-assessment tasks: half of them escalated (the escalation timer
 * gone, the suspension proposal's pending), half not yet; and the next deadline of every case.
 */
export async function seedDashboardReadModel(db: Kysely<Database>): Promise<void> {
  await sql`TRUNCATE stage_months, deadlines`.execute(db);
  const month = (column: string) =>
    sql`date_trunc('month', ${sql.ref(column)} AT TIME ZONE 'Europe/Berlin')::date`;
  const shard = sql`(abs(hashtext(stream_id)) % ${stageShards})::smallint`;
  await sql`INSERT INTO stage_months (month, status, shard, cases)
    SELECT month, status, shard, sum(cases)::int FROM (
      SELECT ${month('opened_at')} AS month, 'opened' AS status, ${shard} AS shard, 1 AS cases FROM accreditations
      UNION ALL
      SELECT ${month('updated_at')}, 'opened', ${shard}, -1 FROM accreditations WHERE status <> 'opened'
      UNION ALL
      SELECT ${month('updated_at')}, status, ${shard}, 1 FROM accreditations WHERE status <> 'opened'
    ) changes GROUP BY 1, 2, 3`.execute(db);
  await sql`INSERT INTO stage_months (month, status, shard, cases)
    SELECT m::date, s, h, 0
    FROM generate_series(date_trunc('month', now()) - interval '36 months', date_trunc('month', now()),
      interval '1 month') AS m,
      unnest(${sql.val([...caseStatuses])}::text[]) AS s, generate_series(0, ${stageShards - 1}) AS h
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`INSERT INTO deadlines (stream_id, deadline_id, accreditation_id, kind, due_at, subject_id)
    SELECT stream_id, subject_id || CASE WHEN n % 2 = 0 THEN ':escalation' ELSE ':suspension-proposal' END,
      accreditation_id,
      CASE WHEN n % 2 = 0 THEN 'self_assessment_escalation' ELSE 'self_assessment_suspension_proposal' END,
      coalesce(due_at, now()) + interval '30 days', subject_id
    FROM (SELECT *, row_number() OVER (ORDER BY stream_id) AS n FROM tasks
      WHERE kind = 'submit_self_assessment') t
    UNION ALL
    SELECT stream_id, 'next:' || next_deadline_kind, accreditation_id, next_deadline_kind,
      next_deadline_at, accreditation_id
    FROM accreditations WHERE next_deadline_at IS NOT NULL`.execute(db);
  for (const table of ['stage_months', 'deadlines']) {
    await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(db);
  }
}

interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
}

export interface SummaryMeasurement {
  endpoint: LatencySummary;
  rawSql: LatencySummary;
  stageMonthRows: number;
  plans: string[];
}

/**
 * `GET /dashboard` as staff, alternately with its three queries sent raw (in parallel, as the
 * route sends them) for the baseline. `probe` runs one request and returns the SQL it sent.
 */
export async function measureSummary(
  db: Kysely<Database>,
  api: BenchApi,
  user: TestUser,
  raw: pg.Pool,
  probe: () => Promise<CapturedQuery[]>,
  iterations: number,
): Promise<SummaryMeasurement> {
  // Without the token lookup of authentication, which the raw baseline does not do.
  const queries = (await probe()).filter((query) => !/from "api_tokens"/.test(query.sql));
  if (queries.length !== 3) throw new Error(`expected 3 dashboard queries, captured ${queries.length}`);
  const sendRaw = () => Promise.all(queries.map((query) => raw.query(query.sql, [...query.parameters])));
  const endpoint: number[] = [];
  const rawSql: number[] = [];
  for (let i = 0; i < iterations + 5; i++) {
    let started = performance.now();
    const response = await api.call(user, 'GET', '/dashboard');
    const elapsed = performance.now() - started;
    expectStatus(response, 200, 'dashboard summary');
    started = performance.now();
    await sendRaw();
    // The first five warm both paths up.
    if (i >= 5) {
      endpoint.push(elapsed);
      rawSql.push(performance.now() - started);
    }
  }
  const plans: string[] = [];
  for (const query of queries) {
    const explained = await raw.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, [...query.parameters]);
    const lines = explained.rows.map((row: Record<string, string>) => row['QUERY PLAN'] as string);
    plans.push(lines.join('\n'));
    const time = lines.find((line) => /Execution Time/.test(line))?.trim();
    console.log(`  ${time}: ${query.sql.replace(/\s+/g, ' ').slice(0, 70)}…`);
  }
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM stage_months`.execute(db);
  const measured = {
    endpoint: summarise(endpoint),
    rawSql: summarise(rawSql),
    stageMonthRows: rows[0]?.n ?? 0,
    plans,
  };
  console.log(`GET /dashboard (summary, ${measured.stageMonthRows} stage_months rows)`);
  console.log(`  endpoint: ${formatLatency(measured.endpoint)}`);
  console.log(`  raw SQL:  ${formatLatency(measured.rawSql)}`);
  return measured;
}
