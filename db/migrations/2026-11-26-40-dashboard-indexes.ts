import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the staff list (GET /accreditations): newest change first with keyset pagination,
 * per status and organisation in that order, by auditor, and the overdue filter's task lookup.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX accreditations_recent ON accreditations (updated_at DESC, accreditation_id DESC)`.execute(
    db,
  );
  await db.schema.dropIndex('accreditations_status').execute();
  await sql`CREATE INDEX accreditations_status ON accreditations (status, updated_at DESC, accreditation_id DESC)`.execute(
    db,
  );
  await db.schema.dropIndex('accreditations_organisation').execute();
  await sql`CREATE INDEX accreditations_organisation ON accreditations (organisation_id, updated_at DESC, accreditation_id DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX accreditations_auditors ON accreditations USING gin (auditor_ids)`.execute(db);
  await sql`CREATE INDEX accreditations_valid_until ON accreditations (valid_until)`.execute(db);
  await sql`CREATE INDEX tasks_stream_due ON tasks (stream_id, due_at)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'accreditations_recent',
    'accreditations_auditors',
    'accreditations_valid_until',
    'tasks_stream_due',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropIndex('accreditations_status').execute();
  await db.schema
    .createIndex('accreditations_status')
    .on('accreditations')
    .columns(['status', 'updated_at'])
    .execute();
  await db.schema.dropIndex('accreditations_organisation').execute();
  await db.schema
    .createIndex('accreditations_organisation')
    .on('accreditations')
    .column('organisation_id')
    .execute();
}
