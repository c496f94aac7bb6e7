import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../db/connection';
import { ensureDatabaseRoles, migrateAndGrant } from '../../db/roles';
import { freePort, startLocalPostgres } from '../../dev/postgres';
import { resolveTemporalCli, resolveTemporalTestServer } from '../../dev/tools';
import { workflowsPath } from '../../worker/worker';
import { searchAttributeKeys } from '../../workflows/search-attributes';
import { bundleWorkflows } from '../fixtures/bundle';

export const templateDatabase = 'dim_test_template';

/** The roles of the test databases, made in the run's cluster (roles are the cluster's, not a database's). */
export const testDatabaseRoles = {
  owner: { name: 'dim_test_owner', password: 'dim-test-owner' },
  app: { name: 'dim_test_app', password: 'dim-test-app' },
};

/** A database of the server at `serverUrl`, as `login`. */
export function roleUrl(
  serverUrl: string,
  database: string,
  login: { name: string; password: string },
): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  url.username = login.name;
  url.password = login.password;
  return url.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresServerUrl: string;
    temporalAddress: string;
    temporalTestServer: string;
    workflowBundleCode: string;
  }
}

interface RunServers {
  postgresServerUrl: string;
  temporalAddress: string;
  temporalTestServer: string;
  workflowBundleCode: string;
  stop(): Promise<void>;
}

async function startRunServers(): Promise<RunServers> {
  const [temporalCli, temporalTestServer] = await Promise.all([
    resolveTemporalCli(),
    resolveTemporalTestServer(),
  ]);

  let postgresServerUrl = process.env.DATABASE_URL;
  let stopPostgres = async () => {};
  if (!postgresServerUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'dim-test-pg-'));
    const postgres = await startLocalPostgres({ dataDir, port: await freePort() });
    postgresServerUrl = postgres.url;
    stopPostgres = async () => {
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  // As in production: the template (and so every test database) owned by the owner role, which
  // migrates it; the tests' application connects as the application role (db/roles.ts).
  const admin = createDb(postgresServerUrl, { maxConnections: 1 });
  await sql`DROP DATABASE IF EXISTS ${sql.id(templateDatabase)} WITH (FORCE)`.execute(admin);
  await ensureDatabaseRoles(admin, templateDatabase, testDatabaseRoles);
  await admin.destroy();
  const template = createDb(roleUrl(postgresServerUrl, templateDatabase, testDatabaseRoles.owner), {
    maxConnections: 1,
  });
  await migrateAndGrant(template, testDatabaseRoles.app.name);
  await template.destroy();

  const temporal = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCli },
      ip: '127.0.0.1',
      searchAttributes: searchAttributeKeys,
      extraArgs: [
        '--dynamic-config-value',
        'system.enableActivityEagerExecution=true',
        // A deleted history goes once the server has acknowledged the workflow's close, which it
        // does every 30 s by default: the erasure test would wait that long.
        '--dynamic-config-value',
        'history.transferProcessorUpdateAckInterval="1s"',
      ],
    },
  });

  const bundle = await bundleWorkflows(workflowsPath);
  return {
    postgresServerUrl,
    temporalAddress: temporal.address,
    temporalTestServer,
    workflowBundleCode: bundle.code,
    async stop() {
      await temporal.teardown();
      await stopPostgres();
    },
  };
}

/**
 * The servers of this run, started once even when several projects (integration, browser) name
 * this setup: their global setups run in the one main process, one after the other.
 */
const shared = globalThis as { dimRunServers?: { servers: Promise<RunServers>; users: number } };

/**
 * Once per test run: a PostgreSQL server with a migrated template database (each test file
 * clones it, see database.ts) and a Temporal dev server shared by all files (each file uses
 * its own task queue).
 */
export default async function setup(project: TestProject) {
  shared.dimRunServers ??= { servers: startRunServers(), users: 0 };
  shared.dimRunServers.users += 1;
  const servers = await shared.dimRunServers.servers;

  project.provide('postgresServerUrl', servers.postgresServerUrl);
  project.provide('workflowBundleCode', servers.workflowBundleCode);
  project.provide('temporalAddress', servers.temporalAddress);
  project.provide('temporalTestServer', servers.temporalTestServer);

  return async () => {
    const run = shared.dimRunServers;
    if (!run) return;
    run.users -= 1;
    if (run.users > 0) return;
    shared.dimRunServers = undefined;
    await servers.stop();
  };
}
