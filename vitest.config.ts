import { defineConfig } from 'vitest/config';

/** The key-encryption key of the subject keys in tests (db/subject-key-wrapping.ts reads it from the environment). */
const testEnv = { SUBJECT_KEY_ENCRYPTION_KEY: `ktest-subjects ${'5a'.repeat(32)}` };

export default defineConfig({
  test: {
    // Two files at a time even on two cores (vitest's default is one fewer than the cores): most of
    // the suite waits on timers of seconds, servers and a browser, not on the CPU. A test's time
    // limit allows for the neighbour's load.
    maxWorkers: 2,
    reporters: ['default', './test/support/closing-line-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/domain/**/*.test.ts', 'test/deployment/**/*.test.ts', 'test/web/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/domain/**', 'test/deployment/**', 'test/web/**', 'test/browser/**'],
          globalSetup: ['test/support/global-setup.ts'],
          env: testEnv,
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // The shared servers first (started once per run even with the integration project).
          globalSetup: ['test/support/global-setup.ts', 'test/browser/global-setup.ts'],
          env: testEnv,
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: 'forks',
        },
      },
    ],
  },
});
