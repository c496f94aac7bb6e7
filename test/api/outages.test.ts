import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isOutage } from '../../api/outages';
import { freePort } from '../../dev/postgres';
import { createTestDatabase } from '../support/database';

const failure = async (action: () => Promise<unknown>) => {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

describe('what counts as an outage (503) rather than a fault (500) or a refusal (4xx)', () => {
  it('PostgreSQL or Temporal not reachable is an outage', async () => {
    const port = await freePort();
    const client = new pg.Client({ connectionString: `postgres://dim:dim@127.0.0.1:${port}/dim` });
    expect(isOutage(await failure(() => client.connect()))).toBe(true);
    // The API's client connected at start; a call once the frontend has gone away:
    const temporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${port}` }) });
    expect(isOutage(await failure(() => temporal.workflow.getHandle('any').describe()))).toBe(true);
  });

  it('a failing statement on a reachable database is not', async () => {
    const database = await createTestDatabase({ maxConnections: 1 });
    try {
      const error = await failure(() => sql`SELECT * FROM no_such_table`.execute(database.db));
      expect(isOutage(error)).toBe(false);
      expect(isOutage(new Error('boom'))).toBe(false);
    } finally {
      await database.drop();
    }
  });
});
