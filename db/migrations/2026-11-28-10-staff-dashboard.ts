import { type Kysely, sql } from 'kysely';

/**
 * The staff dashboard (`GET /dashboard`, db/dashboard.ts):
 *
 * - `stage_months`: how many cases entered (+) and left (−) each status per calendar month
 *   (Europe/Berlin), written by the accreditation projection with each change of status. The cases
 *   in a status at the end of a month are the sum of its rows up to that month, so the pipeline and
 *   its series over the last 12 months read a few thousand rows however many cases there are. Rows
 *   are spread over 16 shards by stream, so that two cases changing status at once rarely wait for
 *   the same row. Existing cases are counted in their current status from the month they were
 *   opened; `npm run projections:rebuild` gives them their real history from the events.
 * - Partial indexes of tasks: by due date (overdue), self-assessments by due date (escalated), and
 *   suspension proposals.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stage_months')
    .addColumn('month', 'date', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('shard', 'smallint', (col) => col.notNull())
    .addColumn('cases', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('stage_months_pkey', ['month', 'status', 'shard'])
    .execute();
  await sql`INSERT INTO stage_months (month, status, shard, cases)
    SELECT date_trunc('month', opened_at AT TIME ZONE 'Europe/Berlin')::date, status, 0, count(*)
    FROM accreditations GROUP BY 1, 2`.execute(db);
  // In the order the dashboard lists them, so a list of ten reads ten entries.
  await sql`CREATE INDEX tasks_due ON tasks (due_at, stream_id, task_id) WHERE due_at IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX tasks_self_assessments ON tasks (due_at, stream_id, task_id) INCLUDE (subject_id)
    WHERE kind = 'submit_self_assessment'`.execute(db);
  await sql`CREATE INDEX tasks_suspension_proposals ON tasks (stream_id, task_id)
    WHERE kind = 'decide_suspension_proposal'`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['tasks_suspension_proposals', 'tasks_self_assessments', 'tasks_due']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropTable('stage_months').execute();
}
