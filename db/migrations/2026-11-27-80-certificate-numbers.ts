import { type Kysely, sql } from 'kysely';

/**
 * Every certificate number granted, with the case that holds it, from the grant on (a renewal's
 * certificate enters the public register only when it takes over): its primary key is what makes
 * a number unique. The accreditations projection writes it in the append's transaction, so a grant
 * whose number another case holds is refused with nothing written. Filled from the grants stored so
 * far; should two cases hold one number already, the first keeps it (and a rebuild names the clash).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('certificate_numbers')
    .addColumn('certificate_number', 'text', (col) => col.primaryKey())
    .addColumn('stream_id', 'text', (col) => col.notNull())
    .addColumn('granted_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await sql`INSERT INTO certificate_numbers (certificate_number, stream_id, granted_at)
    SELECT DISTINCT ON (data ->> 'certificateNumber') data ->> 'certificateNumber', stream_id, business_time
    FROM events WHERE event_type = 'AccreditationGranted'
    ORDER BY data ->> 'certificateNumber', global_position`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificate_numbers').execute();
}
