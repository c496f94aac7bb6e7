import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { type Kysely, sql } from 'kysely';
import { stepSigningInterceptor } from '../api/step-signing';
import { newPayloadKeyLine, parsePayloadKeys, payloadDataConverter } from '../config/payload-encryption';
import { createDb } from '../db/connection';
import type { Database } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { useSubjectKeyEncryptionKeys } from '../db/subject-key-wrapping';
import { databaseUrl, freePort, startLocalPostgres } from '../dev/postgres';
import { resolveTemporalCli } from '../dev/tools';
import { bundleWorkflows } from '../test/fixtures/bundle';
import { createWorker, workflowsPath } from '../worker/worker';
import { searchAttributeKeys } from '../workflows/search-attributes';
import { rssOf, sleep } from './support';

// ─── PostgreSQL ─────────────────────────────────────────────────────────────────────────────────

export interface BenchDatabase {
  db: Kysely<Database>;
  url: string;
  close(): Promise<void>;
}

/** A PostgreSQL server of the project's own in a fresh temporary directory, removed on stop. */
export async function startBenchPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dim-bench-pg-'));
  const server = await startLocalPostgres({ dataDir, port: await freePort() });
  return {
    url: server.url,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh, migrated database for a benchmark: on the server of DATABASE_URL if set (`npm run bench`
 * starts one for all benchmarks), else on a PostgreSQL cluster of its own (started here, removed
 * afterwards).
 */
export async function benchDatabase(maxConnections: number): Promise<BenchDatabase> {
  // The organisations' keys wrapped with a key of this run (none lies in DATA_DIR on a fresh checkout).
  useSubjectKeyEncryptionKeys(parsePayloadKeys(newPayloadKeyLine()));
  let serverUrl = process.env.DATABASE_URL;
  let stopServer = async () => {};
  if (!serverUrl) {
    const server = await startBenchPostgres();
    serverUrl = server.url;
    stopServer = () => server.stop();
  }
  const name = `dim_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = createDb(serverUrl, { maxConnections: 1 });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const url = databaseUrl(serverUrl, name);
  const db = createDb(url, { maxConnections });
  await migrateToLatest(db);
  return {
    db,
    url,
    async close() {
      await db.destroy();
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
      await stopServer();
    },
  };
}

// ─── Temporal ───────────────────────────────────────────────────────────────────────────────────

export interface BenchTemporalServer {
  address: string;
  pid: number;
  rssBytes(): number;
  stop(): Promise<void>;
}

/**
 * The Temporal CLI dev server (in memory, as in the tests: eager activity execution on, the
 * workflows' search attributes registered), started as a child process of our own so its pid —
 * and so its memory — is known.
 */
export async function startTemporalServer(): Promise<BenchTemporalServer> {
  const cli = await resolveTemporalCli();
  const [port, httpPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--http-port',
    String(httpPort),
    '--metrics-port',
    String(metricsPort),
    '--headless',
    '--log-level',
    'error',
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
    ...searchAttributeKeys.flatMap((key) => ['--search-attribute', `${key.name}=Keyword`]),
  ];
  const child: ChildProcess = spawn(cli, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = `${stderr}${chunk}`.slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The Temporal dev server exited:\n${stderr}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.describeNamespace({ namespace: 'default' });
      await connection.close();
      break;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`The Temporal dev server did not start:\n${stderr}`, { cause: error });
      await sleep(200);
    }
  }
  const pid = child.pid as number;
  return {
    address,
    pid,
    rssBytes: () => rssOf(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface WorkerMetrics {
  /** The sum of a metric over all its label sets (counters, histogram `_count`/`_sum`, gauges). */
  sum(name: string, labels?: Record<string, string>): Promise<number>;
  text(): Promise<string>;
}

let metricsPort: number | undefined;

/**
 * Once per process: worker logs at WARN and the worker's metrics (SDK Core's, e.g.
 * `temporal_workflow_task_execution_latency`) on a Prometheus endpoint of our own.
 */
export async function installBenchRuntime(): Promise<WorkerMetrics> {
  if (metricsPort === undefined) {
    metricsPort = await freePort();
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } },
    });
  }
  const url = `http://127.0.0.1:${metricsPort}/metrics`;
  const text = async () => (await fetch(url)).text();
  return {
    text,
    async sum(name, labels = {}) {
      let total = 0;
      for (const line of (await text()).split('\n')) {
        if (!line.startsWith(name)) continue;
        const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
        if (!match || match[1] !== name) continue;
        const labelText = match[2] ?? '';
        if (Object.entries(labels).some(([key, value]) => !labelText.includes(`${key}="${value}"`))) continue;
        total += Number(match[3]);
      }
      return total;
    },
  };
}

export const benchWorkflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));

export interface BenchTemporal {
  server: BenchTemporalServer;
  client: Client;
  connection: NativeConnection;
  metrics: WorkerMetrics;
  /** The real accreditation worker (in this process), on its own task queue. */
  taskQueue: string;
  worker: Worker;
  /** The bare workflows of bench/workflows.ts, on a task queue and worker of their own. */
  bareTaskQueue: string;
  bareWorker: Worker;
  close(): Promise<void>;
}

/**
 * A dev server of the benchmark's own, and in this process a worker of the real workflows (with
 * the real activities on `db`) and one of the bare baseline workflows, each on its own task queue.
 */
export async function startBenchTemporal(
  db: Kysely<Database>,
  options: { tuning?: Parameters<typeof createWorker>[0]['tuning'] } = {},
): Promise<BenchTemporal> {
  const metrics = await installBenchRuntime();
  const [server, realBundle, bareBundle] = await Promise.all([
    startTemporalServer(),
    bundleWorkflows(workflowsPath),
    bundleWorkflows(benchWorkflowsPath),
  ]);
  const connection = await NativeConnection.connect({ address: server.address });
  const taskQueue = 'bench-accreditation';
  // A key of this run: the worker checks, the client signs each step (api/step-signing.ts).
  const stepSigningKey = randomBytes(32).toString('hex');
  const payloadKeys = parsePayloadKeys(newPayloadKeyLine());
  const bareTaskQueue = 'bench-bare';
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue,
    db,
    workflowBundle: { code: realBundle.code },
    stepSigningKey,
    payloadKeys,
    tuning: options.tuning,
  });
  const bareWorker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: bareTaskQueue,
    workflowBundle: { code: bareBundle.code },
    activities: { noop: async () => {} },
    dataConverter: payloadDataConverter(payloadKeys),
    ...options.tuning,
  });
  const running = [worker.run(), bareWorker.run()];
  const clientConnection = await Connection.connect({ address: server.address });
  const client = new Client({
    connection: clientConnection,
    namespace: 'default',
    interceptors: { workflow: [stepSigningInterceptor(stepSigningKey)] },
    dataConverter: payloadDataConverter(payloadKeys),
  });
  return {
    server,
    client,
    connection,
    metrics,
    taskQueue,
    worker,
    bareTaskQueue,
    bareWorker,
    async close() {
      worker.shutdown();
      bareWorker.shutdown();
      await Promise.allSettled(running);
      await connection.close();
      await clientConnection.close();
      await server.stop();
    },
  };
}
