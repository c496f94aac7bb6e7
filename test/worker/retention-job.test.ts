/**
 * The worker's daily retention run (worker/retention.ts) on a real database: it runs when the
 * worker starts, not again while the UTC date stays the same however often it looks, and again
 * once the date has changed. What a run erases is tested in test/store/retention.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../config/env';
import { createLogger } from '../../config/logger';
import { startRetentionJob } from '../../worker/retention';
import { eventually } from '../support/api-harness';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe("the worker's retention job", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ maxConnections: 2 });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('runs at start, once per UTC date, and again after midnight', async () => {
    const env = loadEnv({ DATABASE_URL: database.url, LOG_LEVEL: 'info', RETENTION_YEARS: '6' });
    const lines: { msg: string; cutoff?: string }[] = [];
    const logger = createLogger(env, 'retention-test', {
      write: (line: string) => lines.push(JSON.parse(line)),
    });
    const runs = () => lines.filter((line) => line.msg === 'retention applied').map((line) => line.cutoff);
    let now = new Date('2026-12-31T12:00:00.000Z');
    let reads = 0;
    const clock = () => {
      reads += 1;
      return now;
    };
    const job = startRetentionJob({ db: database.db, env, logger, clock, checkEveryMs: 20 });
    try {
      await eventually(
        async () => runs(),
        (cutoffs) => cutoffs.length === 1,
      );
      // Six years before the end of 2019 (Berlin time): cases that ended in 2019 or before go.
      expect(runs()).toEqual(['2019-12-31T23:00:00.000Z']);
      const readsBefore = reads;
      await eventually(
        async () => reads,
        (count) => count > readsBefore + 5,
      );
      expect(runs()).toHaveLength(1);

      now = new Date('2027-01-01T00:00:30.000Z');
      await eventually(
        async () => runs(),
        (cutoffs) => cutoffs.length === 2,
      );
      expect(runs()[1]).toBe('2020-12-31T23:00:00.000Z');
      expect(lines.filter((line) => line.msg === 'retention failed')).toEqual([]);
    } finally {
      await job.stop();
    }
  });
});
