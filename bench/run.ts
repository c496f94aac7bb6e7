/**
 * Runs the benchmarks, each in a process of its own, one after the other, and repeats their
 * RESULT lines at the end. Never part of the test suite.
 *
 *   npm run bench                              all seven, at full size
 *   npm run bench -- task-latency dashboard    the named ones
 *   npm run bench -- --scale 0.05              everything smaller (quick check while developing)
 *   npm run bench -- rebuild --cpu-prof        with a CPU profile per thread in bench/results/profiles
 *
 * The run starts one PostgreSQL server (unless DATABASE_URL names one), on which each benchmark
 * makes a database of its own; a benchmark that needs Temporal starts its own dev server. Each
 * writes bench/results/<name>.json.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startBenchPostgres } from './servers';
import { benchDir, resultsDir } from './support';

const benchmarks = [
  'task-latency',
  'append',
  'dashboard',
  'case-file',
  'open-cases',
  'lifecycle',
  'rebuild',
  'sign-in',
] as const;

const args = process.argv.slice(2);
const names: string[] = [];
const passed: string[] = [];
let cpuProfile = false;
for (let i = 0; i < args.length; i++) {
  const arg = args[i] as string;
  if (arg === '--cpu-prof') cpuProfile = true;
  else if (arg === '--scale') passed.push(arg, args[++i] ?? '');
  else if (arg.startsWith('--')) passed.push(arg);
  else names.push(arg);
}
const unknown = names.filter((name) => !(benchmarks as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; known: ${benchmarks.join(', ')}`);
  process.exit(2);
}
const selected = names.length > 0 ? names : [...benchmarks];

const started = performance.now();
// Started here, after the arguments are checked; every benchmark of the run uses it.
const postgres = process.env.DATABASE_URL ? undefined : await startBenchPostgres();
const databaseUrl = process.env.DATABASE_URL ?? postgres?.url;

function run(name: string): Promise<{ code: number | null; results: string[]; seconds: number }> {
  const started = performance.now();
  const nodeArgs = [
    '--import',
    'tsx',
    ...(cpuProfile ? ['--cpu-prof', '--cpu-prof-dir', join(resultsDir, 'profiles', name)] : []),
    join(benchDir, `${name}.ts`),
    ...passed,
  ];
  const child = spawn(process.execPath, nodeArgs, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  const results: string[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    results.push(...lines.filter((line) => line.startsWith('RESULT ') || line.startsWith('goal ')));
  });
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ code, results, seconds: (performance.now() - started) / 1000 }));
  });
}

const summary: string[] = [];
let failed = 0;
// Ctrl-C reaches the running benchmark (same process group), not the PostgreSQL server (a group of
// its own): stop after that benchmark, and stop the server.
let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true;
});
try {
  for (const name of selected) {
    if (interrupted) {
      summary.push(`INTERRUPTED before ${name}`);
      failed++;
      break;
    }
    console.log(`\n━━ ${name} ━━ (load average ${loadavg()[0]?.toFixed(2)})`);
    const { code, results, seconds } = await run(name);
    console.log(`━━ ${name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${seconds.toFixed(0)} s`);
    if (code !== 0) failed++;
    summary.push(...results, ...(code === 0 ? [] : [`FAILED ${name} (exit ${code})`]));
  }
} finally {
  await postgres?.stop();
}
const minutes = (performance.now() - started) / 60_000;
console.log(`\n━━ summary (${selected.length} benchmarks in ${minutes.toFixed(1)} min) ━━`);
for (const line of summary) console.log(line);
process.exit(failed > 0 ? 1 : 0);
