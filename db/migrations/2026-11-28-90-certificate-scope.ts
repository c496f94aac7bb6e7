import { type Kysely, sql } from 'kysely';
import { writeFunction } from './2026-11-28-30-waiting';

/**
 * The public register states each certificate's scope (issue 20 item 9): written by the
 * accreditation projection at the grant and again when a scope change is granted. Existing rows
 * take their case's scope as it stands; a rebuild dates each certificate's scope exactly.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('certificates').addColumn('scope', 'text').execute();
  await sql`UPDATE certificates AS c SET scope = COALESCE(a.state->>'scope', '')
    FROM accreditations AS a WHERE a.stream_id = c.stream_id`.execute(db);
  await sql`UPDATE certificates SET scope = '' WHERE scope IS NULL`.execute(db);
  await db.schema
    .alterTable('certificates')
    .alterColumn('scope', (column) => column.setNotNull())
    .execute();
  await sql.raw(writeFunction({ waiting: true, taskOpenedAt: true, certificateScope: true })).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(writeFunction({ waiting: true, taskOpenedAt: true })).execute(db);
  await db.schema.alterTable('certificates').dropColumn('scope').execute();
}
