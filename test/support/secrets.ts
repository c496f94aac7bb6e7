import { type Kysely, sql } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../db/database';

/** Asserts that no row of any table (events and projections included) contains one of the secrets. */
export async function expectNoSecretStored(db: Kysely<Database>, secrets: string[]): Promise<void> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db);
  expect(tables.map(({ name }) => name)).toEqual(
    expect.arrayContaining(['events', 'sessions', 'account_mails']),
  );
  const found: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(name)} t`.execute(db);
    for (const { row } of rows) {
      for (const secret of secrets) if (row.includes(secret)) found.push(`${name}: ${row.slice(0, 200)}`);
    }
  }
  expect(found).toEqual([]);
}
