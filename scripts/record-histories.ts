/**
 * Records the golden histories of one release of the accreditation workflow into
 * `test/histories/<scenario>@<release>.json`, from the scenario tests (the branches on the Temporal
 * dev server, the deadlines on the time-skipping test server): `npx tsx scripts/record-histories.ts 2026-11-27`.
 *
 * Histories of earlier releases stay: they are the shipped behaviour, and
 * `test/workflow/replay.test.ts` proves they still replay. Every change to the workflow's logic
 * goes behind `patched()` (DESIGN.md §5); recording again for a release replaces only its own files.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../dev/paths';

const release = process.argv[2];
if (!release || !/^[\w.-]+$/.test(release)) {
  process.stderr.write('Usage: npx tsx scripts/record-histories.ts <release, e.g. 2026-11-27>\n');
  process.exit(2);
}
const historiesDir = join(projectRoot, 'test', 'histories');
const ofRelease = (name: string) => name.endsWith(`@${release}.json`);
for (const file of readdirSync(historiesDir).filter(ofRelease)) rmSync(join(historiesDir, file));

const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--project',
    'integration',
    'test/workflow/scenarios.test.ts',
    'test/workflow/deadlines.test.ts',
    'test/workflow/rule-sets.test.ts',
    'test/workflow/decisions.test.ts',
    'test/workflow/appeals.test.ts',
    'test/workflow/special-audit.test.ts',
    'test/workflow/complaint.test.ts',
    'test/workflow/scope-change.test.ts',
  ],
  {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, RECORD_HISTORIES: '1', RECORD_HISTORIES_RELEASE: release },
  },
);
if (run.status !== 0) {
  process.stderr.write('Recording failed; `git checkout test/histories` restores the previous histories.\n');
  process.exit(run.status ?? 1);
}
const recorded = readdirSync(historiesDir).filter(ofRelease);
process.stdout.write(
  `Recorded ${recorded.length} histories of ${release} in test/histories: ${recorded.join(', ')}\n`,
);
