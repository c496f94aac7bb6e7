import { type Kysely, sql } from 'kysely';

/**
 * Read models derived from the events (db/projections): accreditations (folded domain state plus
 * summary columns), open tasks, pending deadlines, the public certificate register and the
 * notifications outbox. Everything here but the outbox's delivery columns can be rebuilt.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accreditations')
    .addColumn('stream_id', 'text', (col) => col.primaryKey())
    .addColumn('accreditation_id', 'text', (col) => col.notNull().unique())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('organisation_id', 'text', (col) => col.notNull())
    .addColumn('organisation_name', 'text', (col) => col.notNull())
    .addColumn('cycle', 'integer', (col) => col.notNull())
    .addColumn('certificate_number', 'text')
    .addColumn('valid_from', 'timestamptz')
    .addColumn('valid_until', 'timestamptz')
    .addColumn('next_deadline_at', 'timestamptz')
    .addColumn('next_deadline_kind', 'text')
    .addColumn('case_manager_id', 'text', (col) => col.notNull())
    .addColumn('auditor_ids', sql`text[]`, (col) => col.notNull())
    .addColumn('state', 'jsonb', (col) => col.notNull())
    .addColumn('version', 'bigint', (col) => col.notNull())
    .addColumn('last_global_position', 'bigint', (col) => col.notNull())
    .addColumn('opened_at', 'timestamptz', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('accreditations_status')
    .on('accreditations')
    .columns(['status', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('accreditations_organisation')
    .on('accreditations')
    .column('organisation_id')
    .execute();
  await db.schema
    .createIndex('accreditations_next_deadline')
    .on('accreditations')
    .column('next_deadline_at')
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('stream_id', 'text', (col) => col.notNull())
    .addColumn('task_id', 'text', (col) => col.notNull())
    .addColumn('accreditation_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('assignee_role', 'text', (col) => col.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('excluded_user_ids', sql`text[]`, (col) => col.notNull())
    .addColumn('subject_id', 'text', (col) => col.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('organisation_name', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('tasks_pkey', ['stream_id', 'task_id'])
    .execute();
  await db.schema
    .createIndex('tasks_assignee')
    .on('tasks')
    .columns(['assignee_role', 'assignee_id', 'due_at'])
    .execute();

  await db.schema
    .createTable('deadlines')
    .addColumn('stream_id', 'text', (col) => col.notNull())
    .addColumn('deadline_id', 'text', (col) => col.notNull())
    .addColumn('accreditation_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('due_at', 'timestamptz', (col) => col.notNull())
    .addColumn('subject_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('deadlines_pkey', ['stream_id', 'deadline_id'])
    .execute();
  await db.schema.createIndex('deadlines_due').on('deadlines').column('due_at').execute();

  await db.schema
    .createTable('certificates')
    .addColumn('certificate_number', 'text', (col) => col.primaryKey())
    .addColumn('stream_id', 'text', (col) => col.notNull())
    .addColumn('organisation_name', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status IN ('valid', 'suspended', 'withdrawn', 'expired')`),
    )
    .addColumn('valid_from', 'timestamptz', (col) => col.notNull())
    .addColumn('valid_until', 'timestamptz', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('certificates_stream').on('certificates').column('stream_id').execute();

  await db.schema
    .createTable('notifications')
    .addColumn('notification_id', 'text', (col) => col.primaryKey())
    .addColumn('stream_id', 'text', (col) => col.notNull())
    .addColumn('global_position', 'bigint', (col) => col.notNull())
    .addColumn('event_type', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('recipient_role', 'text', (col) => col.notNull())
    .addColumn('recipient_id', 'text')
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().defaultTo('pending').check(sql`status IN ('pending', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await sql`CREATE INDEX notifications_pending ON notifications (global_position) WHERE status = 'pending'`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notifications', 'certificates', 'deadlines', 'tasks', 'accreditations']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
