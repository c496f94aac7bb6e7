import { defineConfig } from 'vitest/config';

/**
 * `npm run screenshots`: the README's pictures, taken with the browser tests' harness (its own
 * config, so `npm test` does not run it).
 */
export default defineConfig({
  test: {
    include: ['test/screenshots/**/*.shots.ts'],
    globalSetup: ['test/support/global-setup.ts', 'test/browser/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
