import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { inject } from 'vitest';
import { createDb } from '../../db/connection';
import type { Database } from '../../db/database';
import { roleUrl, templateDatabase, testDatabaseRoles } from './global-setup';

export interface TestDatabase {
  /** As the application role: no UPDATE or DELETE on the history, owns no table. */
  db: Kysely<Database>;
  url: string;
  /** As the schema's owner, for what only an owner can do (disable a trigger to tamper with events). */
  readonly owner: Kysely<Database>;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own (a copy of the template), so test files run in parallel. */
export async function createTestDatabase(options: { maxConnections?: number } = {}): Promise<TestDatabase> {
  const serverUrl = inject('postgresServerUrl');
  const name = `dim_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = createDb(serverUrl, { maxConnections: 1 });
  try {
    await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(templateDatabase)}
              OWNER ${sql.id(testDatabaseRoles.owner.name)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  const url = roleUrl(serverUrl, name, testDatabaseRoles.app);
  const db = createDb(url, options);
  let owner: Kysely<Database> | undefined;
  return {
    db,
    url,
    get owner() {
      owner ??= createDb(roleUrl(serverUrl, name, testDatabaseRoles.owner), { maxConnections: 2 });
      return owner;
    },
    async drop() {
      await db.destroy();
      await owner?.destroy();
      const cleanup = createDb(serverUrl, { maxConnections: 1 });
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(cleanup);
      await cleanup.destroy();
    },
  };
}
