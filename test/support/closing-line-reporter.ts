import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, `Tests: N passed, N failed, N skipped`, which CI reads to tell
 * a run that tested something from one that executed no test. Vitest's own summary is kept above it.
 */
export default class ClosingLineReporter implements Reporter {
  async onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) counts[test.result().state]++;
    }
    const skipped = counts.skipped + counts.pending;
    // The default reporter prints its summary right after this hook; the closing line must follow it.
    await new Promise(setImmediate);
    console.log(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${skipped} skipped`);
  }
}
