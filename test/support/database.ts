import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { inject } from 'vitest';
import { createDb } from '../../db/connection';
import type { Database } from '../../db/database';
import { databaseUrl } from '../../dev/postgres';
import { templateDatabase } from './global-setup';

export interface TestDatabase {
  db: Kysely<Database>;
  url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own (a copy of the template), so test files run in parallel. */
export async function createTestDatabase(options: { maxConnections?: number } = {}): Promise<TestDatabase> {
  const serverUrl = inject('postgresServerUrl');
  const name = `dim_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = createDb(serverUrl, { maxConnections: 1 });
  try {
    await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(templateDatabase)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  const url = databaseUrl(serverUrl, name);
  const db = createDb(url, options);
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      const cleanup = createDb(serverUrl, { maxConnections: 1 });
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(cleanup);
      await cleanup.destroy();
    },
  };
}
