import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { type Kysely, sql } from 'kysely';
import { stepSigningInterceptor } from '../api/step-signing';
import { newPayloadKeyLine, parsePayloadKeys, payloadDataConverter } from '../config/payload-encryption';
import { createDb } from '../db/connection';
import type { Database } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { databaseUrl, freePort, startLocalPostgres } from '../dev/postgres';
import { resolveTemporalCli } from '../dev/tools';
import { bundleWorkflows } from '../test/fixtures/bundle';
import { createWorker, workflowsPath } from '../worker/worker';
import { searchAttributeKeys } from '../workflows/search-attributes';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const resultsDir = join(benchDir, 'results');

// ─── parameters ─────────────────────────────────────────────────────────────────────────────────

/** `--name value` or `--name=value` from the command line. */
export function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === `--${name}`) return args[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/**
 * Size factor of every benchmark: `--scale 0.05` (or BENCH_SCALE=0.05) for a quick run while
 * developing; 1 (the default) is the size the issue asks for and the README reports.
 */
export const benchScale = Number(argument('scale') ?? process.env.BENCH_SCALE ?? 1);
if (!(benchScale > 0)) throw new Error(`--scale must be a positive number, not ${benchScale}`);

/** `n` times the scale, at least `min`. */
export const scaled = (n: number, min = 1) => Math.max(min, Math.round(n * benchScale));

// ─── reporting ──────────────────────────────────────────────────────────────────────────────────

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  /** What the ratio (or value) must reach, in words, e.g. `ratio ≤ 2.0`. */
  goal?: string;
  met?: boolean;
  details?: Record<string, unknown>;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The machine, for the record: a figure means little without it. */
export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage1m: round(loadavg()[0] ?? 0),
    node: process.version,
    scale: benchScale,
  };
}

/**
 * Prints the goal and the RESULT line
 * (`RESULT <name> value=<n> unit=<unit> baseline=<n> ratio=<value/baseline>`) and writes the same
 * as JSON to bench/results/<name>.json.
 */
export function report(result: BenchResult): void {
  if (result.goal !== undefined) {
    console.log(`goal ${result.name}: ${result.goal} — ${result.met ? 'met' : 'MISSED'}`);
  }
  console.log(
    `RESULT ${result.name} value=${round(result.value)} unit=${result.unit} baseline=${round(result.baseline)} ratio=${round(result.ratio)}`,
  );
  const file = join(resultsDir, `${result.name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  const json = { ...result, machine: machine(), measuredAt: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Percentiles (nearest rank) of latencies in milliseconds. */
export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(sorted.length, 1);
  return {
    count: sorted.length,
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(mean),
  };
}

export const formatLatency = (s: LatencySummary) =>
  `p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms (max ${s.max.toFixed(0)}, n=${s.count})`;

/**
 * Runs `worker(i)` for i in 0..n-1, at most `concurrency` at a time. After the first failure no
 * new work starts; it rejects with that failure once the work in flight has ended.
 */
export async function pool<T>(
  n: number,
  concurrency: number,
  worker: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(n);
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (!failure) {
        const i = next++;
        if (i >= n) return;
        try {
          results[i] = await worker(i);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw failure.error;
  return results;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ─── memory ─────────────────────────────────────────────────────────────────────────────────────

/** Resident set size of a process in bytes (VmRSS from /proc), or NaN where there is no /proc. */
export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

// ─── CPU ────────────────────────────────────────────────────────────────────────────────────────

/** CPU seconds (user + system) a process has used so far, from /proc; NaN where it is gone. */
function cpuSecondsOf(pid: number | 'self'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of each live `postgres` process on the machine (the server and its backends), by pid. */
function postgresCpuSeconds(): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const used = cpuSecondsOf(Number(entry));
    if (Number.isFinite(used)) seconds.set(Number(entry), used);
  }
  return seconds;
}

export interface CpuSplit {
  /** This process: load generator, API, workers, clients. */
  bench: number;
  temporal: number;
  postgres: number;
}

/**
 * Where the CPU goes between now and `stop()`: seconds used by this process, by the Temporal
 * server and by PostgreSQL. A PostgreSQL process that ends in between (a backend whose pool
 * closed) is not counted; pooled connections live on.
 */
export function cpuMeter(temporalPid?: number): { stop(): CpuSplit } {
  const temporal = () => (temporalPid === undefined ? 0 : cpuSecondsOf(temporalPid));
  const start = { bench: cpuSecondsOf('self'), temporal: temporal(), postgres: postgresCpuSeconds() };
  return {
    stop() {
      let postgres = 0;
      for (const [pid, used] of postgresCpuSeconds()) postgres += used - (start.postgres.get(pid) ?? 0);
      return {
        bench: cpuSecondsOf('self') - start.bench,
        temporal: temporal() - start.temporal,
        postgres,
      };
    },
  };
}

export const addCpu = (a: CpuSplit, b: CpuSplit): CpuSplit => ({
  bench: a.bench + b.bench,
  temporal: a.temporal + b.temporal,
  postgres: a.postgres + b.postgres,
});

/** Milliseconds of CPU per task, from seconds over `tasks`. */
export const cpuPerTaskMs = (cpu: CpuSplit, tasks: number): CpuSplit => ({
  bench: (cpu.bench * 1000) / tasks,
  temporal: (cpu.temporal * 1000) / tasks,
  postgres: (cpu.postgres * 1000) / tasks,
});

export const formatCpuPerTask = (perTask: CpuSplit, unit = 'task') => {
  const ms = (value: number) => value.toFixed(2);
  const total = perTask.bench + perTask.temporal + perTask.postgres;
  return `CPU per ${unit} ${ms(total)} ms (this process ${ms(perTask.bench)}, Temporal ${ms(perTask.temporal)}, PostgreSQL ${ms(perTask.postgres)})`;
};

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
