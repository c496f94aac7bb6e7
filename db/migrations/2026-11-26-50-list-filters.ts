import { type Kysely, sql } from 'kysely';

/**
 * The staff list's remaining filters, measured by `npm run bench -- dashboard`: the earliest due
 * date of a case's open tasks on its row (so `overdue` compares a column instead of probing the
 * tasks of every row), certificates expiring soon (a partial index instead of intersecting the
 * status index), an auditor's own tasks, and the search by organisation name (trigrams, for
 * `ILIKE '%…%'`).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accreditations').addColumn('first_task_due_at', 'timestamptz').execute();
  await sql`UPDATE accreditations a SET first_task_due_at = t.due_at
    FROM (SELECT stream_id, min(due_at) AS due_at FROM tasks GROUP BY stream_id) t
    WHERE t.stream_id = a.stream_id`.execute(db);
  await sql`CREATE INDEX accreditations_expiring ON accreditations (valid_until)
    WHERE status IN ('accredited', 'suspended')`.execute(db);
  await db.schema.createIndex('tasks_by_assignee_id').on('tasks').column('assignee_id').execute();
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`CREATE INDEX accreditations_organisation_name ON accreditations
    USING gin (organisation_name gin_trgm_ops)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'accreditations_expiring',
    'tasks_by_assignee_id',
    'accreditations_organisation_name',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.alterTable('accreditations').dropColumn('first_task_due_at').execute();
}
