/**
 * Fuzzes the HTTP API with schemathesis against its own /openapi.json: the real API, a worker, a
 * Temporal dev server and PostgreSQL, all started here on free ports (DATABASE_URL, if set, names
 * the PostgreSQL server to use). Runs every schemathesis check (`--checks all`; scripts/fuzz-api.toml
 * gives the reason wherever a check is widened): no 5xx, no response outside the document, schema-valid
 * requests accepted, invalid ones refused, undeclared methods answered 405.
 *
 *   SCHEMATHESIS=/path/to/st npx tsx scripts/fuzz-api.ts [--max-examples N] [--max-time S] [--roles r,…]
 *     [--checks all|check,…] [--phases examples,coverage,fuzzing]
 *
 * It runs once per role in --roles (default admin,organisation,auditor), each time with a token of
 * a user of that role, so that the routes only some roles may call are fuzzed past their 403.
 * --max-time bounds each run (it is stopped, and fails, when the time is spent).
 *
 * scripts/fuzz-api.sh installs a pinned schemathesis into a virtualenv first and calls this.
 */

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { type Kysely, sql } from 'kysely';
import { buildApp } from '../api/app';
import { stepSigningInterceptor } from '../api/step-signing';
import { newPayloadKeyLine, parsePayloadKeys, payloadDataConverter } from '../config/payload-encryption';
import { createDb } from '../db/connection';
import type { Database } from '../db/database';
import { createOrganisation, createUser, issueToken } from '../db/identity';
import { migrateToLatest } from '../db/migrate';
import { useSubjectKeyEncryptionKeys } from '../db/subject-key-wrapping';
import { databaseUrl, freePort, startLocalPostgres } from '../dev/postgres';
import { resolveTemporalCli } from '../dev/tools';
import { type UserRole, userRoles } from '../domain/roles';
import { createWorker } from '../worker/worker';
import { searchAttributeKeys } from '../workflows/search-attributes';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value < 1) throw new Error(`--${name} needs a positive number`);
  return value;
}

const maxExamples = argument('max-examples', 20);
const maxTime = argument('max-time', 180);
const rolesIndex = process.argv.indexOf('--roles');
const fuzzRoles = (rolesIndex >= 0 ? (process.argv[rolesIndex + 1] ?? '') : 'admin,organisation,auditor')
  .split(',')
  .map((role) => {
    const known = userRoles.find((userRole) => userRole === role);
    if (!known) throw new Error(`--roles: ${role} is none of ${userRoles.join(', ')}`);
    return known;
  });
const checksIndex = process.argv.indexOf('--checks');
const checks = (checksIndex >= 0 && process.argv[checksIndex + 1]) || 'all';
const phasesIndex = process.argv.indexOf('--phases');
const phases = phasesIndex >= 0 ? (process.argv[phasesIndex + 1] ?? '') : 'examples,coverage,fuzzing';
const schemathesis = process.env.SCHEMATHESIS ?? 'st';
const log = (message: string) => console.log(`[fuzz] ${message}`);
const cleanups: (() => Promise<void>)[] = [];

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });

  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'dim-fuzz-pg-'));
    const postgres = await startLocalPostgres({ dataDir, port: await freePort() });
    cleanups.push(async () => {
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    serverUrl = postgres.url;
  }
  const name = `dim_fuzz_${Date.now()}`;
  const admin = createDb(serverUrl, { maxConnections: 1 });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  cleanups.push(async () => {
    await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
    await admin.destroy();
  });
  const db = createDb(databaseUrl(serverUrl, name), { maxConnections: 20 });
  cleanups.push(() => db.destroy());
  await migrateToLatest(db);
  log('PostgreSQL ready');

  const temporal = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: await resolveTemporalCli() },
      ip: '127.0.0.1',
      searchAttributes: searchAttributeKeys,
      extraArgs: ['--dynamic-config-value', 'system.enableActivityEagerExecution=true'],
    },
  });
  cleanups.push(() => temporal.teardown());
  const taskQueue = 'fuzz';
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const stepSigningKey = randomBytes(32).toString('hex');
  const payloadKeys = parsePayloadKeys(newPayloadKeyLine());
  // The organisations' keys wrapped with a key of this run (none lies in DATA_DIR on a fresh checkout).
  useSubjectKeyEncryptionKeys(parsePayloadKeys(newPayloadKeyLine()));
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    db,
    stepSigningKey,
    payloadKeys,
  });
  const running = worker.run();
  cleanups.push(async () => {
    worker.shutdown();
    await running;
    await nativeConnection.close();
  });
  const connection = await Connection.connect({ address: temporal.address });
  cleanups.push(() => connection.close());
  log('Temporal and worker ready');

  const app = await buildApp({
    db,
    temporal: new Client({
      connection,
      namespace: 'default',
      interceptors: { workflow: [stepSigningInterceptor(stepSigningKey)] },
      dataConverter: payloadDataConverter(payloadKeys),
    }),
    taskQueue,
    logger: false,
    // The fuzzer never sends a bad token on purpose; keep its own requests from being limited.
    credentialLimits: { perCredential: 100_000, perAddress: 100_000, windowMs: 60_000 },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => app.close());
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  let failed = 0;
  for (const role of fuzzRoles) {
    const token = await tokenFor(db, role);
    log(`API on ${base}; as ${role}: ${maxExamples} examples per operation, at most ${maxTime} s`);
    const code = await runSchemathesis(base, token);
    if (code !== 0) failed += 1;
  }
  return failed === 0 ? 0 : 1;
}

/** A token of a new user of `role` (an organisation user with an organisation of its own). */
async function tokenFor(db: Kysely<Database>, role: UserRole): Promise<string> {
  const organisation =
    role === 'organisation'
      ? await createOrganisation(db, {
          name: 'Fuzz GmbH',
          street: 'Teststraße 1',
          postal_code: '10115',
          city: 'Berlin',
          country: 'DE',
          contact_email: 'fuzz-organisation@example.org',
          language: 'de',
        })
      : undefined;
  const user = await createUser(db, {
    email: `fuzz-${role}@example.org`,
    name: `Fuzz ${role}`,
    role,
    organisationId: organisation?.organisation_id ?? null,
  });
  return (await issueToken(db, user.user_id, { label: 'fuzz', validForDays: 1 })).token;
}

async function runSchemathesis(base: string, token: string): Promise<number> {
  const args = [
    '--config-file',
    join(import.meta.dirname, 'fuzz-api.toml'),
    'run',
    `${base}/openapi.json`,
    '--checks',
    checks,
    '--max-examples',
    String(maxExamples),
    '--phases',
    phases,
    '--header',
    `Authorization: Bearer ${token}`,
    '--generation-with-security-parameters',
    'false',
    '--generation-database',
    'none',
    '--seed',
    process.env.FUZZ_SEED ?? '20261126',
    '--request-timeout',
    '20',
    // One worker: hypothesis on CPython 3.11 can trip over concurrent AST parsing with more.
    '--workers',
    '1',
    '--no-color',
  ];
  const started = Date.now();
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(schemathesis, args, { stdio: 'inherit' });
    // A bound on the whole run: schemathesis' own --max-time keeps fuzzing until it is spent.
    const timer = setTimeout(() => {
      log(`time budget of ${maxTime} s spent; stopping schemathesis`);
      child.kill('SIGINT');
    }, maxTime * 1000);
    child.on('exit', () => clearTimeout(timer));
    child.on('error', (error) =>
      reject(
        new Error(
          `Cannot run ${schemathesis} (${error.message}); use scripts/fuzz-api.sh or set SCHEMATHESIS`,
        ),
      ),
    );
    child.on('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  log(`schemathesis finished in ${((Date.now() - started) / 1000).toFixed(0)} s with exit code ${code}`);
  return code;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error));
}
process.exit(exitCode);
