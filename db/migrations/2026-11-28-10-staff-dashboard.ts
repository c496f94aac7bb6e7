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
 * - Tasks by due date (overdue) and by kind (suspension proposals, overdue self-assessments).
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
  await sql`CREATE INDEX tasks_due ON tasks (due_at) WHERE due_at IS NOT NULL`.execute(db);
  await db.schema.createIndex('tasks_kind').on('tasks').columns(['kind', 'due_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_kind').execute();
  await db.schema.dropIndex('tasks_due').execute();
  await db.schema.dropTable('stage_months').execute();
}
