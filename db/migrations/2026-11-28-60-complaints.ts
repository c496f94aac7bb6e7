import { type Kysely, sql } from 'kysely';

/**
 * Complaints as their own life cycle (issue 20 item 5): the complainant as a mutable contact record
 * (issue 22 item 6, erasable), and the `complaints` read table the complaint stream projects into.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complainants')
    .addColumn('complainant_id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('language', 'text', (col) => col.notNull().defaultTo('de'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('erased_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('complaints')
    .addColumn('complaint_id', 'text', (col) => col.primaryKey())
    .addColumn('stream_id', 'text', (col) => col.notNull().unique())
    .addColumn('version', 'bigint', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('complainant_id', 'text', (col) => col.notNull())
    .addColumn('organisation_id', 'text')
    .addColumn('accreditation_id', 'text')
    .addColumn('certificate_number', 'text')
    .addColumn('organisation_name', 'text')
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('received_at', 'timestamptz', (col) => col.notNull())
    .addColumn('acknowledge_by', 'timestamptz', (col) => col.notNull())
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledgement_missed', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('investigator_id', 'text')
    .addColumn('outcome', 'text')
    .addColumn('reasons', 'text')
    .addColumn('follow_up', 'text')
    .addColumn('follow_up_status', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('complaints_accreditation')
    .on('complaints')
    .column('accreditation_id')
    .execute();
  await db.schema.createIndex('complaints_received').on('complaints').column('received_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('complaints').ifExists().execute();
  await db.schema.dropTable('complainants').ifExists().execute();
}
