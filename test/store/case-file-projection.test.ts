import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseFileOf, readStreamAsOf } from '../../db/as-of';
import { readCaseFile } from '../../db/case-file';
import { appendToStream, readStream } from '../../db/event-store';
import { caseFileSnapshotInterval, foldRecorded } from '../../db/projections/case-file';
import { inlineProjections } from '../../db/projections/index';
import { rebuildProjections } from '../../db/projections/rebuild';
import { CaseFileSchema } from '../../domain/case-file/schema';
import { longCase } from '../fixtures/long-case';
import { accreditationScenario, type ScenarioAppend } from '../fixtures/scenarios';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * The case-file projection keeps a stored file per case, written every few events, and a read
 * folds the events since: whatever the stored file's version, the read must equal the fold of the
 * whole stream — live, after a rebuild, and "as of" any instant.
 */
describe('the case-file projection', () => {
  let database: TestDatabase;
  const streams = new Map<string, number>();

  beforeAll(async () => {
    database = await createTestDatabase({ maxConnections: 8 });
    const appends: ScenarioAppend[] = [
      ...longCase('00000000-0000-4000-8000-000000000001', 150),
      ...accreditationScenario({ cases: 30, seed: 9, maxStepsPerCase: 120 }),
    ];
    // Four lanes append concurrently; each stream stays in one lane, in order.
    const lanes = new Map<number, ScenarioAppend[]>();
    const laneOf = new Map<string, number>();
    for (const append of appends) {
      if (!laneOf.has(append.streamId)) laneOf.set(append.streamId, laneOf.size % 4);
      const lane = laneOf.get(append.streamId) as number;
      lanes.set(lane, [...(lanes.get(lane) ?? []), append]);
      streams.set(append.streamId, append.expectedVersion + append.events.length);
    }
    await Promise.all(
      [...lanes.values()].map(async (lane) => {
        for (const { streamId, expectedVersion, events } of lane)
          await appendToStream(database.db, streamId, expectedVersion, events, {
            projections: inlineProjections,
          });
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  async function expectReadsEqualTheFold() {
    const { db } = database;
    for (const streamId of streams.keys()) {
      const accreditationId = streamId.slice('accreditation-'.length);
      const read = await readCaseFile(db, accreditationId);
      const folded = foldRecorded(await readStream(db, streamId)).file;
      expect(read?.file, streamId).toEqual(folded);
      expect(read?.version).toBe(streams.get(streamId));
      expect(CaseFileSchema.parse(read?.file)).toEqual(read?.file);
    }
  }

  it('stores a file every few events, and reads fold the rest', async () => {
    const rows = await database.db.selectFrom('case_files').select(['stream_id', 'version']).execute();
    const stored = new Map(rows.map((row) => [row.stream_id, row.version]));
    expect(Math.max(...streams.values())).toBeGreaterThanOrEqual(150);
    for (const [streamId, version] of streams) {
      const last = Math.floor(version / caseFileSnapshotInterval) * caseFileSnapshotInterval;
      if (last === 0) expect(stored.has(streamId), streamId).toBe(false);
      // Written with the step that passed the multiple: at most a step's events beyond it.
      else expect(stored.get(streamId)).toBeGreaterThanOrEqual(last);
      if (last > 0) expect(stored.get(streamId)).toBeLessThan(last + 4);
    }
    await expectReadsEqualTheFold();
  });

  it('reads the same after a rebuild, which stores each file complete', async () => {
    await rebuildProjections(database.db, { batchSize: 500 });
    const rows = await database.db.selectFrom('case_files').select(['stream_id', 'version']).execute();
    expect(new Map(rows.map((row) => [row.stream_id, row.version]))).toEqual(streams);
    await expectReadsEqualTheFold();
  });

  it('reads a stream as of an instant: the events recorded up to it', async () => {
    const { db } = database;
    const [streamId] = [...streams].sort((a, b) => b[1] - a[1])[0] ?? [];
    const events = await db
      .selectFrom('events')
      .select(['stream_version', 'recorded_time'])
      .where('stream_id', '=', streamId as string)
      .orderBy('stream_version')
      .execute();
    const middle = events[Math.floor(events.length / 2)] as (typeof events)[number];
    // Recorded times have microseconds, instants milliseconds: 1 ms after the middle one's millisecond.
    const asOf = await readStreamAsOf(db, streamId as string, new Date(middle.recorded_time.getTime() + 1));
    const upTo = Math.max(
      ...events.filter((e) => e.recorded_time <= middle.recorded_time).map((e) => e.stream_version),
    );
    expect(asOf.map((event) => event.version)).toEqual(Array.from({ length: upTo }, (_, i) => i + 1));
    expect(caseFileOf(asOf)).toEqual(
      foldRecorded(await readStream(db, streamId as string, { toVersion: upTo })).file,
    );
    expect(await readStreamAsOf(db, streamId as string, new Date('2000-01-01T00:00:00Z'))).toEqual([]);
  });
});
