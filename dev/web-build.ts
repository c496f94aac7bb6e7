/**
 * The web application's build (web/dist), made when it is missing or older than its sources: by
 * `npm start`, by the browser tests' global setup and by `npm run build:web`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot, webDistDir } from './paths';

/** What the build reads: the application, its build config, the domain modules it imports, the lock. */
const sourcePaths = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'api/web-contract.ts',
  'domain',
];
const dependencyLock = 'package-lock.json';
/** Generated for the type check only (npm run web:client); the build does not read them. */
const notSources = new Set(['web/src/api/schema.d.ts', 'web/src/api/openapi.json']);

function newestChange(path: string): number {
  if (notSources.has(relative(projectRoot, path))) return 0;
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A directory's own time changes when an entry is added or removed.
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

export type WebBuildState = 'missing' | 'stale' | 'fresh';

export function webBuildState(): WebBuildState {
  const index = join(webDistDir, 'index.html');
  if (!existsSync(index)) return 'missing';
  const built = statSync(index).mtimeMs;
  const sources = [...sourcePaths, dependencyLock].map((path) => newestChange(join(projectRoot, path)));
  return Math.max(...sources) > built ? 'stale' : 'fresh';
}

/**
 * Builds with Vite in a process of its own, in production mode whatever NODE_ENV the caller runs
 * under (Vite would take vitest's `test` and bundle React's development build); warnings only.
 */
export async function buildWeb(): Promise<void> {
  const vite = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = join(projectRoot, 'web', 'vite.config.ts');
  const child = spawn(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`The web application's build failed (vite exited with ${code}).`);
}

/** Builds unless the build is fresh (or always, with `force`); one line per step. */
export async function ensureWebBuild(say: (line: string) => void, { force = false } = {}): Promise<void> {
  const state = webBuildState();
  const where = relative(projectRoot, webDistDir);
  if (state === 'fresh' && !force) {
    say(`Web application: ${where} is up to date`);
    return;
  }
  const reason = { missing: 'not built yet', stale: 'sources changed', fresh: 'asked to' }[state];
  say(`Web application: building ${where} (${reason}) …`);
  const started = performance.now();
  await buildWeb();
  say(`Web application: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
