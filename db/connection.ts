import {
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type RawBuilder,
  sql,
} from 'kysely';
import pg from 'pg';
import type { Database } from './database';

// int8 (COUNT, global positions) as numbers: positions stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

const preparedMarker = /\/\* prepared: ([a-z_]+) \*\//;

/**
 * A marker for a statement (at its start, or after `select` through `modifyFront`) that makes the
 * connection prepare it once, under this name, and execute it by name from then on: PostgreSQL
 * parses and plans it once per connection instead of at every call. For the few hot statements
 * whose text never varies (no `in` lists of varying length): a name must stand for one text.
 */
export const preparedStatement = (name: string): RawBuilder<unknown> => {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`prepared statement name ${name}: only a-z and _`);
  return sql.raw(`/* prepared: ${name} */ `);
};

/**
 * The pool as Kysely sees it: each client executes marked statements by name. A client that is
 * checked out between two queries (in a transaction waiting on SMTP, say) when the server goes
 * away emits `error` with nobody listening — the pool listens only while it is idle — which would
 * end the process: it is reported instead, the next query on it fails, and the pool discards it.
 */
function preparingPool(pool: pg.Pool, onLost: (error: Error) => void): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    // Only the (text, values) form: the dialect has no cursor configured.
    query: ((text: string, values: unknown[]) => {
      const name = preparedMarker.exec(text)?.[1];
      return name === undefined ? client.query(text, values) : client.query({ name, text, values });
    }) as unknown as PostgresPoolClient['query'],
    release: (destroy) => client.release(destroy),
  });
  return {
    async connect() {
      const client = await pool.connect();
      let facade = wrapped.get(client);
      if (!facade) {
        client.on('error', onLost);
        facade = wrap(client);
        wrapped.set(client, facade);
      }
      return facade;
    },
    end: () => pool.end(),
  };
}

export function createDb(
  url: string,
  options: { maxConnections?: number; onConnectionLost?: (error: Error) => void } = {},
): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // An idle connection dropped by the server (restart, shutdown) must not crash the process;
  // the pool replaces it, and queries in flight fail and are retried by their callers.
  const onLost =
    options.onConnectionLost ??
    ((error: Error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
  pool.on('error', onLost);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool, onLost) }) });
}
