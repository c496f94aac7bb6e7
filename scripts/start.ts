/**
 * `npm start`: the whole system in the foreground — PostgreSQL, the Temporal dev server (with its
 * UI), migrations, the worker and the API, supervised (dev/supervisor.ts: what dies is restarted).
 * Data persists in DATA_DIR (default .data/). Ctrl-C stops everything, the API first.
 * `npm start -- --no-web-build` skips building the web application.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applicationRoleOf,
  ConfigError,
  databaseUrlOf,
  loadEnv,
  migrationDatabaseUrlOf,
} from '../config/env';
import { ensureLocalKeys } from '../config/keys';
import { createDb } from '../db/connection';
import { migrateAndGrant } from '../db/roles';
import { localAdminAccess } from '../dev/local-admin';
import { prepareLocalDatabase } from '../dev/local-database';
import { defaultDataDir } from '../dev/paths';
import { startLocalPostgres } from '../dev/postgres';
import { startProcess } from '../dev/processes';
import { Supervisor } from '../dev/supervisor';
import { startTemporalDevServer, waitForTemporal } from '../dev/temporal-server';
import { MissingToolError, resolveTemporalCli } from '../dev/tools';
import { ensureWebBuild } from '../dev/web-build';

const say = (line: string) => process.stdout.write(`${line}\n`);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A second `npm start` on the same data folder says so instead of failing on a busy port. */
function takeLock(lockFile: string): void {
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (pid && isAlive(pid)) {
      throw new ConfigError(
        `The system is already running (pid ${pid}, lock ${lockFile}). Stop it with Ctrl-C there.`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
}

/** Waits until `/health/ready` answers 200; otherwise says, after two minutes, what is still down. */
async function waitForReady(api: string): Promise<string> {
  const started = Date.now();
  let last = 'the API does not answer yet';
  while (Date.now() - started < 120_000) {
    try {
      const response = await fetch(`${api}/health/ready`);
      if (response.ok) return `Ready after ${Math.round((Date.now() - started) / 1000)} s.`;
      last = ((await response.json()) as { detail?: string }).detail ?? `HTTP ${response.status}`;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return `Not ready after 2 minutes: ${last}`;
}

async function main() {
  const env = loadEnv();
  const buildWebApp = !process.argv.includes('--no-web-build');
  const dataDir = env.DATA_DIR ?? defaultDataDir;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockFile = join(dataDir, 'start.pid');
  takeLock(lockFile);
  for (const made of ensureLocalKeys(dataDir)) say(`Key: created ${made} (owner-only)`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nStopping …');
    await supervisor.stopAll();
    rmSync(lockFile, { force: true });
    // Exit once stdout has flushed (it is a pipe under most terminals' multiplexers and in CI).
    process.stdout.write('Stopped.\n', () => process.exit(code));
  };
  const supervisor = new Supervisor(say, () => void shutdown(1));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    // Built while the servers start; the API serves it from its start on.
    const webBuild = buildWebApp ? ensureWebBuild(say) : Promise.resolve();
    webBuild.catch(() => {});
    const temporalCli = await resolveTemporalCli();

    let databaseUrlForApp: string;
    let applied: string[];
    if (env.DATABASE_URL) {
      databaseUrlForApp = databaseUrlOf(env);
      const owner = createDb(migrationDatabaseUrlOf(env), { maxConnections: 1 });
      applied = await migrateAndGrant(owner, applicationRoleOf(env)).finally(() => owner.destroy());
    } else {
      say(
        `PostgreSQL: starting the local cluster in ${join(dataDir, 'postgres')} on port ${env.POSTGRES_PORT}`,
      );
      const postgres = await supervisor.add('postgres', () =>
        startLocalPostgres({ dataDir: join(dataDir, 'postgres'), port: env.POSTGRES_PORT }),
      );
      ({ appUrl: databaseUrlForApp, applied } = await prepareLocalDatabase(
        postgres.url,
        dataDir,
        env.POSTGRES_PORT,
      ));
    }
    say(`Migrations: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
    const db = createDb(databaseUrlForApp, { maxConnections: 1 });
    const adminAccess = await localAdminAccess(db, dataDir, {
      givenDatabase: env.DATABASE_URL !== undefined,
    });
    await db.destroy();

    const temporalAddress = `127.0.0.1:${env.TEMPORAL_PORT}`;
    const temporal = await supervisor.add('temporal', () =>
      startTemporalDevServer(
        {
          cli: temporalCli,
          port: env.TEMPORAL_PORT,
          uiPort: env.TEMPORAL_UI_PORT,
          dbFile: join(dataDir, 'temporal.sqlite'),
          namespace: env.TEMPORAL_NAMESPACE,
        },
        say,
      ),
    );
    await waitForTemporal(temporalAddress, temporal.exited);
    say(`Temporal: dev server on ${temporalAddress} (${join(dataDir, 'temporal.sqlite')})`);

    const appEnv = {
      ...process.env,
      DATABASE_URL: databaseUrlForApp,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE,
      DATA_DIR: dataDir,
    };
    // node itself (not the tsx wrapper), so signals reach the process that drains.
    const nodeWithTsx = (main: string) => ['--import', 'tsx', main];
    await supervisor.add('worker', () =>
      startProcess('worker', process.execPath, nodeWithTsx('worker/main.ts'), appEnv, say),
    );
    await webBuild;
    await supervisor.add('api', () =>
      startProcess('api', process.execPath, nodeWithTsx('api/main.ts'), appEnv, say),
    );

    const api = `http://${env.API_HOST}:${env.API_PORT}`;
    const metrics = (port: number) => `http://${env.METRICS_HOST}:${port}/metrics`;
    const readiness = await waitForReady(api);
    if (stopping) return;
    supervisor.startRestarting();
    say(
      [
        '',
        `DIM accreditation engine: ${readiness} Ctrl-C stops it; a process that dies is restarted.`,
        `  Web app         ${api}/`,
        `  API             ${api}`,
        `  OpenAPI docs    ${api}/docs   (${api}/openapi.json)`,
        `  Health          ${api}/health/ready`,
        `  Metrics         ${metrics(env.API_METRICS_PORT)} (API)   ${metrics(env.WORKER_METRICS_PORT)} (worker)`,
        `  Temporal UI     http://127.0.0.1:${env.TEMPORAL_UI_PORT}`,
        `  Temporal gRPC   ${temporalAddress}`,
        `  Data            ${dataDir}`,
        ...adminAccess,
        '',
      ].join('\n'),
    );
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof MissingToolError ? error.message : error;
    console.error(message);
    await shutdown(1);
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
