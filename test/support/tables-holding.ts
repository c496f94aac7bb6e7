import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database';

/** The tables of the schema with a row whose text holds `text`, by name. */
export async function tablesHolding(db: Kysely<Database>, text: string): Promise<string[]> {
  const { rows: tables } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db);
  const found: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await sql<{ count: string }>`
      SELECT count(*) AS count FROM ${sql.table(table_name)} AS t WHERE t::text LIKE ${`%${text}%`}`.execute(
      db,
    );
    if (Number(rows[0]?.count) > 0) found.push(table_name);
  }
  return found.sort();
}
