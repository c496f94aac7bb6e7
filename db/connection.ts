import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database';

// int8 (COUNT, global positions) as numbers: positions stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export function createDb(
  url: string,
  options: { maxConnections?: number; onIdleError?: (error: Error) => void } = {},
): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // An idle connection dropped by the server (restart, shutdown) must not crash the process;
  // the pool replaces it, and queries in flight fail and are retried by their callers.
  pool.on(
    'error',
    options.onIdleError ?? ((error) => console.warn(`PostgreSQL connection lost: ${error.message}`)),
  );
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
