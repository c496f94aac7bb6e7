import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type ReplayWorkerOptions, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type GoldenHistory, loadGoldenHistories } from '../support/histories';
import { testDataConverter } from '../support/step-signing';
import { installQuietRuntime } from '../support/temporal';

/**
 * The golden histories in `test/histories/` (recorded from the scenario tests, see
 * support/histories.ts) must replay against the current workflow code without a nondeterminism
 * error. A change to the workflow's logic that would break a running case fails here; once a version
 * has shipped, such a change goes behind `patched()` (DESIGN.md §5) and the old histories stay.
 */

async function replay(options: ReplayWorkerOptions, histories: GoldenHistory[]) {
  const outcomes: { workflowId: string; error?: Error }[] = [];
  const results = Worker.runReplayHistories(
    { ...options, dataConverter: testDataConverter },
    histories.map(({ workflowId, history }) => ({ workflowId, history })),
  );
  for await (const { workflowId, error } of results)
    outcomes.push({ workflowId, ...(error ? { error } : {}) });
  return outcomes;
}

describe('golden histories of the accreditation workflow', () => {
  installQuietRuntime();
  const goldens = loadGoldenHistories();
  const temporaryDirs: string[] = [];

  afterAll(() => {
    for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('cover the branches of the life cycle', () => {
    expect(goldens.map(({ name }) => name)).toEqual(
      expect.arrayContaining([
        'expiry',
        'rejections',
        'renewal-cycle-1',
        'renewal-cycle-2',
        'suspension',
        'review-gaps@2026-11-27.1',
        'decision-dossier@2026-11-27',
        'decision-dossier@2026-11-27.2',
        'decision-queue@2026-11-27.2',
        'lapse@2026-11-27.2',
        'reinstatement@2026-11-27.2',
        'complaint-refused-in-case@2026-11-28.4',
        'scope-change@2026-11-28.4',
      ]),
    );
  });

  it('leave zod out of the bundle: each workflow the worker loads evaluates every bundled module anew', () => {
    const code = inject('workflowBundleCode');
    expect(code).toContain('./domain/decide/index.ts');
    expect(code.match(/node_modules\/zod\/[\w/.-]+/g) ?? []).toEqual([]);
  });

  it('replay against the current workflow code without nondeterminism', async () => {
    const outcomes = await replay(
      { workflowBundle: { code: inject('workflowBundleCode') }, replayName: 'golden' },
      goldens,
    );
    expect(outcomes.map(({ workflowId }) => workflowId)).toEqual(goldens.map(({ workflowId }) => workflowId));
    expect(
      outcomes
        .filter(({ error }) => error)
        .map(({ workflowId, error }) => `${workflowId}: ${error?.message}`),
    ).toEqual([]);
  });

  it('fail for a workflow changed without patched(), and pass when the same change is patched', async () => {
    // A variant of the workflow that waits a second before it starts; which of the two forms it takes
    // depends on the workflow id the history is replayed under.
    const dir = mkdtempSync(join(tmpdir(), 'dim-workflow-variant-'));
    temporaryDirs.push(dir);
    const shipped = fileURLToPath(new URL('../../workflows/accreditation.ts', import.meta.url));
    const nodeModules = fileURLToPath(new URL('../../node_modules', import.meta.url));
    writeFileSync(
      join(dir, 'variant.ts'),
      `import { patched, sleep, workflowInfo } from '@temporalio/workflow';
import { accreditationWorkflow as shipped } from ${JSON.stringify(shipped)};

export async function accreditationWorkflow(input: Parameters<typeof shipped>[0]) {
  if (workflowInfo().workflowId.startsWith('unpatched-') || patched('wait-before-start')) await sleep('1 second');
  return shipped(input);
}
`,
    );
    const bundle = await bundleWorkflowCode({
      workflowsPath: join(dir, 'variant.ts'),
      webpackConfigHook: (config) => ({
        ...config,
        resolve: {
          ...config.resolve,
          modules: [nodeModules, ...(config.resolve?.modules ?? ['node_modules'])],
        },
      }),
      logger: {
        log: () => {},
        trace: () => {},
        debug: () => {},
        info: () => {},
        warn: () => {},
        error: console.error,
      },
    });

    const expiry = goldens.find(({ name }) => name === 'expiry');
    if (!expiry) throw new Error('No golden history "expiry"');
    const [unpatched, patched] = await replay({ workflowBundle: bundle, replayName: 'variant' }, [
      { ...expiry, workflowId: 'unpatched-expiry' },
      { ...expiry, workflowId: 'patched-expiry' },
    ]);
    expect(unpatched?.error).toBeInstanceOf(DeterminismViolationError);
    expect(patched?.error).toBeUndefined();
  }, 120_000);
});
