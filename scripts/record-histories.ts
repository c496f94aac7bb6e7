/**
 * Regenerates the golden histories in `test/histories/` from the scenario tests against a real
 * Temporal dev server: `npx tsx scripts/record-histories.ts`.
 *
 * Only while no version of the accreditation workflow has shipped. Once one has, recorded histories
 * are never regenerated, only added to: every change to the workflow's logic goes behind `patched()`
 * (DESIGN.md §5), and `test/workflow-replay.test.ts` proves the old histories still replay.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../dev/paths';

const historiesDir = join(projectRoot, 'test', 'histories');
for (const file of readdirSync(historiesDir).filter((name) => name.endsWith('.json'))) {
  rmSync(join(historiesDir, file));
}

const run = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'integration', 'test/workflow-scenarios.test.ts'],
  { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, RECORD_HISTORIES: '1' } },
);
if (run.status !== 0) {
  process.stderr.write('Recording failed; `git checkout test/histories` restores the previous histories.\n');
  process.exit(run.status ?? 1);
}
const recorded = readdirSync(historiesDir).filter((name) => name.endsWith('.json'));
process.stdout.write(`Recorded ${recorded.length} histories in test/histories: ${recorded.join(', ')}\n`);
