import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { Database, UserRole } from '../../db/database';
import { createTestUser, type TestUser } from '../fixtures/users';
import { type ApiOptions, serveApi, type TestApi } from './api-harness';
import { CaseDriver, type Cast } from './case-driver';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestTemporal, type TemporalServer, type TestTemporal } from './temporal';

export interface StackOptions {
  /** The run's dev server (default), a time-skipping test server of the file's own, or no Temporal. */
  temporal?: TemporalServer | false;
  /** The API on a port of its own (`true`: with the defaults). Needs Temporal. */
  api?: boolean | ApiOptions;
  /** The database pool's size. */
  maxConnections?: number;
}

/** The parts of a started stack; each throws when the stack was set up without it. */
export interface TestStack extends Omit<TestApi, 'close'> {
  database: TestDatabase;
  db: Kysely<Database>;
  temporal: TestTemporal;
  /** A user with a fresh token (see users.ts). */
  user(role: UserRole, options?: { organisationId?: string }): Promise<TestUser>;
  /** A new case on the stack's worker; on the time-skipping server its waits run the server clock. */
  driver(cast?: Cast): CaseDriver;
}

interface Started {
  database: TestDatabase;
  temporal?: TestTemporal;
  api?: TestApi;
}

/**
 * The real components a test file runs against, started before its tests and stopped after them:
 * a database of its own (a copy of the migrated template), a worker on a task queue of its own —
 * on the run's Temporal dev server or on a time-skipping test server — and, when asked, the API on
 * a real port. Read its parts inside tests (they exist from `beforeAll` on).
 */
export function useTestStack(options: StackOptions = {}): TestStack {
  let started: Started | undefined;
  beforeAll(async () => {
    started = await startStack(options);
  });
  afterAll(async () => {
    await started?.api?.close();
    await started?.temporal?.close();
    await started?.database.drop();
  });

  const part = <Key extends keyof Started>(key: Key): NonNullable<Started[Key]> => {
    const value = started?.[key];
    if (!value) throw new Error(`useTestStack: no ${key} (not started yet, or not asked for)`);
    return value as NonNullable<Started[Key]>;
  };
  return {
    get database() {
      return part('database');
    },
    get db() {
      return part('database').db;
    },
    get temporal() {
      return part('temporal');
    },
    get app() {
      return part('api').app;
    },
    get baseUrl() {
      return part('api').baseUrl;
    },
    call: (...args) => part('api').call(...args),
    user: (role, userOptions) => createTestUser(part('database').db, role, userOptions),
    driver(cast) {
      const temporal = part('temporal');
      return new CaseDriver(temporal.client, part('database').db, temporal.taskQueue, cast, temporal.clock);
    },
  };
}

async function startStack(options: StackOptions): Promise<Started> {
  const database = await createTestDatabase(
    options.maxConnections ? { maxConnections: options.maxConnections } : {},
  );
  const started: Started = { database };
  try {
    if (options.temporal === false) return started;
    started.temporal = await startTestTemporal(database.db, { server: options.temporal ?? 'dev' });
    if (options.api) {
      started.api = await serveApi(database, started.temporal, options.api === true ? {} : options.api);
    }
    return started;
  } catch (error) {
    await started.temporal?.close();
    await database.drop();
    throw error;
  }
}
