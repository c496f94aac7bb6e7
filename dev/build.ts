/**
 * The production build (`npm run build`): the service entry points compiled by esbuild into
 * self-contained ES modules under dist/ (packages stay in node_modules), and the workflow bundles
 * beside them, so that production runs neither tsx nor webpack.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from './paths';

/** What the image runs (docker-compose.yml, Dockerfile): `node dist/<entry>.js`. */
export const entryPoints = [
  'api/main.ts',
  'worker/main.ts',
  'scripts/migrate.ts',
  'scripts/rebuild-projections.ts',
  'scripts/verify-events.ts',
  'scripts/checkpoint-events.ts',
  'scripts/apply-retention.ts',
  'cli/main.ts',
];

export const distDir = join(projectRoot, 'dist');

export const compiledPath = (entry: string) => join('dist', entry.replace(/\.ts$/, '.js'));

export async function buildForProduction(log: (line: string) => void): Promise<void> {
  rmSync(distDir, { recursive: true, force: true });
  const started = Date.now();
  await build({
    absWorkingDir: projectRoot,
    entryPoints,
    outdir: distDir,
    outbase: '.',
    bundle: true,
    // No shared chunks: each entry's `import.meta.url` is its own file's (worker/bundle.ts).
    splitting: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    define: { __COMPILED__: 'true' },
    logLevel: 'warning',
  });
  log(`compiled ${entryPoints.length} entry points in ${Date.now() - started} ms`);
  // Loaded here, not at the top: the entry list above is read by tests that bundle nothing.
  const { buildWorkflowBundle, bundleFileName } = await import('../worker/bundle');
  mkdirSync(join(distDir, 'workflows'), { recursive: true });
  for (const traced of [false, true]) {
    const file = join(distDir, 'workflows', bundleFileName(traced));
    writeFileSync(file, await buildWorkflowBundle(traced));
    log(`workflow bundle ${file}`);
  }
}
