import { type Kysely, sql } from 'kysely';

/**
 * The case file of each accreditation (db/projections/case-file.ts), and the per-person calendar
 * feeds (api/routes/calendar.ts). Existing cases get their case file with their next event, or at
 * once with `npm run projections:rebuild`; until then it is folded from the events when read.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_files')
    .addColumn('stream_id', 'text', (col) => col.primaryKey())
    .addColumn('accreditation_id', 'text', (col) => col.notNull().unique())
    .addColumn('version', 'bigint', (col) => col.notNull())
    .addColumn('file', 'jsonb', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('feed_id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.user_id').onDelete('cascade'))
    .addColumn('secret_hash', 'text', (col) => col.notNull().unique())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('calendar_feeds_user').on('calendar_feeds').column('user_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_feeds').ifExists().execute();
  await db.schema.dropTable('case_files').ifExists().execute();
}
