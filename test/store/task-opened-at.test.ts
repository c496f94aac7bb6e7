import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendToStream, readStream } from '../../db/event-store';
import { dateOpenTasks } from '../../db/migrations/2026-11-28-45-task-opened-at';
import { inlineProjections } from '../../db/projections/index';
import { rebuildProjections } from '../../db/projections/rebuild';
import type { AccreditationEvent } from '../../domain/events';
import { openTasksSince } from '../../domain/task-ages';
import { accreditationScenario } from '../fixtures/scenarios';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Each open task's row says since when it has been open: the business time of the event after
 * which it appeared, as the decider's fold of the whole stream says — written by the projection
 * event by event, by a rebuild, and by the migration that added the column.
 */
describe('since when a task is open, in the read model', () => {
  let database: TestDatabase;
  const streams = new Set<string>();

  beforeAll(async () => {
    database = await createTestDatabase({ maxConnections: 4 });
    for (const { streamId, expectedVersion, events } of accreditationScenario({
      cases: 30,
      seed: 17,
      maxStepsPerCase: 30,
    })) {
      streams.add(streamId);
      await appendToStream(database.db, streamId, expectedVersion, events, {
        projections: inlineProjections,
      });
    }
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  /** Every task row's opening time, by stream and task. */
  const stored = async () => {
    const rows = await database.db
      .selectFrom('tasks')
      .select(['stream_id', 'task_id', 'opened_at'])
      .orderBy('stream_id')
      .orderBy('task_id')
      .execute();
    return rows.map((row) => `${row.stream_id} ${row.task_id} ${row.opened_at?.toISOString() ?? 'none'}`);
  };

  /** What the fold of each stream's events says. */
  const folded = async () => {
    const lines: string[] = [];
    for (const streamId of [...streams].sort()) {
      const events = (await readStream(database.db, streamId)).map((event) => ({
        type: event.type,
        data: event.data,
        at: new Date(event.businessTime).toISOString(),
      })) as (AccreditationEvent & { at: string })[];
      for (const [taskId, at] of openTasksSince(events)) lines.push(`${streamId} ${taskId} ${at}`);
    }
    return lines.sort();
  };

  it('is written event by event as the fold of the stream says', async () => {
    const expected = await folded();
    expect(expected.length).toBeGreaterThan(10);
    expect((await stored()).sort()).toEqual(expected);
  });

  it('is the same after a rebuild in small batches (streams cut at batch ends)', async () => {
    const before = await stored();
    await rebuildProjections(database.db, { batchSize: 7 });
    expect(await stored()).toEqual(before);
  });

  it('is filled by the migration for tasks open before it', async () => {
    const before = await stored();
    await sql`UPDATE tasks SET opened_at = NULL`.execute(database.db);
    expect((await stored()).every((line) => line.endsWith(' none'))).toBe(true);
    await dateOpenTasks(database.db);
    expect(await stored()).toEqual(before);
  });
});
