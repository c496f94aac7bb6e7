import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
