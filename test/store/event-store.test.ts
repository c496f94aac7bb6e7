import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb, preparedStatement } from '../../db/connection';
import {
  appendToStream,
  IdempotencyKeyReused,
  type NewEvent,
  readAll,
  readStream,
  streamVersion,
  VersionConflict,
} from '../../db/event-store';
import { verifyHashChains } from '../../db/verify';
import { useTestStack } from '../support/stack';

const stack = useTestStack({ temporal: false, maxConnections: 30 });

const streamId = () => `test-${randomUUID()}`;

function event(type: string, data: unknown, businessTime = '2026-01-01T10:00:00.000Z'): NewEvent {
  return {
    type,
    data,
    metadata: { actorId: 'user-1', actorRole: 'case_manager', workflowId: 'wf-1', runId: 'run-1' },
    businessTime,
    idempotencyKey: randomUUID(),
  };
}

describe('append and read', () => {
  it('appends events in order with versions, positions, metadata and a hash chain', async () => {
    const { db } = stack;
    const id = streamId();
    const first = await appendToStream(db, id, 0, [
      event('Opened', { n: 1 }),
      event('Named', { name: 'Ä & "x"' }),
    ]);
    expect(first).toMatchObject({ streamId: id, firstVersion: 1, lastVersion: 2, duplicate: false });
    expect(first.globalPositions).toHaveLength(2);
    const second = await appendToStream(db, id, 2, [event('Closed', {}, '2026-03-01T00:00:00.000Z')]);
    expect(second).toMatchObject({ firstVersion: 3, lastVersion: 3 });
    expect(second.globalPositions[0]).toBeGreaterThan(first.globalPositions[1] as number);

    const events = await readStream(db, id);
    expect(events.map((e) => [e.version, e.type])).toEqual([
      [1, 'Opened'],
      [2, 'Named'],
      [3, 'Closed'],
    ]);
    expect(events[1]?.data).toEqual({ name: 'Ä & "x"' });
    expect(events[0]?.metadata).toMatchObject({
      actorId: 'user-1',
      actorRole: 'case_manager',
      runId: 'run-1',
    });
    expect(events[2]?.businessTime).toBe('2026-03-01T00:00:00.000Z');
    expect(new Set(events.map((e) => e.hash)).size).toBe(3);
    expect(await streamVersion(db, id)).toBe(3);
    expect(await streamVersion(db, streamId())).toBe(0);
  });

  it('reads a stream up to a version or as of a business time', async () => {
    const { db } = stack;
    const id = streamId();
    await appendToStream(db, id, 0, [
      event('A', {}, '2026-01-01T00:00:00.000Z'),
      event('B', {}, '2026-02-01T00:00:00.000Z'),
      event('C', {}, '2026-03-01T00:00:00.000Z'),
    ]);
    expect((await readStream(db, id, { toVersion: 2 })).map((e) => e.type)).toEqual(['A', 'B']);
    expect((await readStream(db, id, { asOf: '2026-02-15T00:00:00Z' })).map((e) => e.type)).toEqual([
      'A',
      'B',
    ]);
    expect((await readStream(db, id, { asOf: '2026-02-01T00:00:00Z' })).map((e) => e.type)).toEqual([
      'A',
      'B',
    ]);
    expect((await readStream(db, id, { fromVersion: 1, toVersion: 2 })).map((e) => e.type)).toEqual(['B']);
    expect(await readStream(db, streamId())).toEqual([]);
  });

  it('raises VersionConflict with the actual version and writes nothing', async () => {
    const { db } = stack;
    const id = streamId();
    await appendToStream(db, id, 0, [event('A', {})]);
    const attempts: [number, number][] = [
      [0, 1],
      [2, 1],
      [5, 1],
    ];
    for (const [expected, actual] of attempts) {
      const error = await appendToStream(db, id, expected, [event('B', {})]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VersionConflict);
      expect(error).toMatchObject({ streamId: id, expected, actual });
    }
    const missing = streamId();
    await expect(appendToStream(db, missing, 3, [event('A', {})])).rejects.toMatchObject({
      name: 'VersionConflict',
      actual: 0,
    });
    expect(await readStream(db, id)).toHaveLength(1);
    expect(await streamVersion(db, missing)).toBe(0);
    // 'any' never conflicts.
    expect(await appendToStream(db, id, 'any', [event('B', {})])).toMatchObject({ firstVersion: 2 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events, even to the owner of the table', async () => {
    // The application role is refused before the trigger (test/store/roles.test.ts).
    const db = stack.database.owner;
    const id = streamId();
    await appendToStream(db, id, 0, [event('A', {})]);
    await expect(sql`UPDATE events SET data = '{}' WHERE stream_id = ${id}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM events WHERE stream_id = ${id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE events`.execute(db)).rejects.toThrow(/append-only/);
    expect(await readStream(db, id)).toHaveLength(1);
  });

  it('rejects malformed appends before touching the database', async () => {
    const { db } = stack;
    await expect(appendToStream(db, streamId(), 0, [])).rejects.toThrow(/no events/);
    await expect(
      appendToStream(db, streamId(), 0, [{ ...event('A', {}), businessTime: 'soon' }]),
    ).rejects.toThrow(/invalid business time/);
    const twice = event('A', {});
    await expect(appendToStream(db, streamId(), 0, [twice, twice])).rejects.toThrow(/duplicate idempotency/);
  });
});

describe('prepared statements', () => {
  it('prepares the append once per connection and executes it by name from then on', async () => {
    const db = createDb(stack.database.url, { maxConnections: 1 });
    try {
      const id = streamId();
      await appendToStream(db, id, 0, [event('Opened', {})]);
      await appendToStream(db, id, 1, [event('Named', { name: 'x' })]);
      await expect(appendToStream(db, id, 1, [event('Named', { name: 'y' })])).rejects.toThrow(
        VersionConflict,
      );
      const { rows } = await sql<{ name: string; executions: number }>`
        SELECT name, generic_plans + custom_plans AS executions FROM pg_prepared_statements`.execute(db);
      expect(rows).toEqual([{ name: 'append_events', executions: 3 }]);
      expect((await readStream(db, id)).map((e) => e.type)).toEqual(['Opened', 'Named']);
    } finally {
      await db.destroy();
    }
  });

  it('accepts only lower-case names', () => {
    expect(() => preparedStatement('append-events')).toThrow(/only a-z and _/);
  });
});

describe('idempotency', () => {
  it('returns the original result for the same key and writes nothing', async () => {
    const { db } = stack;
    const id = streamId();
    const batch = [event('A', { x: 1 }), event('B', { x: 2 })];
    const original = await appendToStream(db, id, 0, batch);
    // The activity's retry after a commit: same keys, same (now stale) expected version.
    const retry = await appendToStream(db, id, 0, batch);
    expect(retry).toEqual({ ...original, duplicate: true });
    // Also with 'any' and with the current version.
    expect(await appendToStream(db, id, 'any', batch)).toEqual({ ...original, duplicate: true });
    expect(await appendToStream(db, id, 2, batch)).toEqual({ ...original, duplicate: true });
    expect(await readStream(db, id)).toHaveLength(2);
    expect(await streamVersion(db, id)).toBe(2);
  });

  it('returns one result for concurrent attempts with the same key', async () => {
    const { db } = stack;
    const id = streamId();
    await appendToStream(db, id, 0, [event('A', {})]);
    const same = event('B', {});
    const results = await Promise.all(Array.from({ length: 8 }, () => appendToStream(db, id, 'any', [same])));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.globalPositions[0])).size).toBe(1);
    expect(await readStream(db, id)).toHaveLength(2);
  });

  it('refuses a key reused for another stream or a different batch', async () => {
    const { db } = stack;
    const a = event('A', {});
    const id = streamId();
    await appendToStream(db, id, 0, [a]);
    await expect(appendToStream(db, streamId(), 0, [a])).rejects.toBeInstanceOf(IdempotencyKeyReused);
    await expect(appendToStream(db, id, 1, [a, event('B', {})])).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await readStream(db, id)).toHaveLength(1);
  });
});

describe('concurrency', () => {
  it('20 writers × 500 appends to 100 hot streams: versions 1..n, no gap, no duplicate, exact count', async () => {
    const { db } = stack;
    const writers = 20;
    const appendsPerWriter = 500;
    const streams = Array.from({ length: 100 }, (_, i) => `hot-${i}-${randomUUID()}`);
    let conflicts = 0;
    const otherErrors: unknown[] = [];

    async function writer(w: number) {
      // Each writer's own (often stale) idea of the versions: conflicts are frequent.
      const known = new Map<string, number>();
      for (let seq = 0; seq < appendsPerWriter; seq++) {
        const stream = streams[(w * 7919 + seq * 31) % streams.length] as string;
        const payload = event('Hot', { w, seq });
        for (;;) {
          const expected = known.get(stream) ?? 0;
          try {
            const result = await appendToStream(db, stream, expected, [payload]);
            known.set(stream, result.lastVersion);
            break;
          } catch (error) {
            if (error instanceof VersionConflict) {
              conflicts++;
              expect(error.streamId).toBe(stream);
              expect(error.expected).toBe(expected);
              expect(error.actual).not.toBe(expected);
              known.set(stream, error.actual);
            } else {
              otherErrors.push(error);
              throw error;
            }
          }
        }
      }
    }

    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    expect(otherErrors).toEqual([]);
    expect(conflicts).toBeGreaterThan(0);

    const rows = await db
      .selectFrom('events')
      .select(['stream_id', 'stream_version', 'data'])
      .where('stream_id', 'in', streams)
      .orderBy('stream_id')
      .orderBy('stream_version')
      .execute();
    expect(rows).toHaveLength(writers * appendsPerWriter);
    const byStream = new Map<string, number[]>();
    for (const row of rows)
      byStream.set(row.stream_id, [...(byStream.get(row.stream_id) ?? []), row.stream_version]);
    for (const [stream, versions] of byStream) {
      expect(versions, stream).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
      expect(await streamVersion(db, stream)).toBe(versions.length);
    }
    const payloads = new Set(rows.map((row) => JSON.stringify(row.data)));
    expect(payloads.size).toBe(writers * appendsPerWriter);
    expect((await verifyHashChains(db)).ok).toBe(true);
    // 10 000 appends: about 15 s alone, 50 s on a machine shared with other suites.
  }, 180_000);
});

describe('reading all events in commit order', () => {
  it('never skips an event whose transaction commits late', async () => {
    const { db } = stack;
    const delayedStream = streamId();
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let appendedUncommitted!: () => void;
    const uncommitted = new Promise<void>((resolve) => {
      appendedUncommitted = resolve;
    });
    const start = (await readAll(db, { limit: 1_000_000 })).checkpoint;
    const startPosition = (
      await db
        .selectFrom('events')
        .select((eb) => eb.fn.max('global_position').as('max'))
        .executeTakeFirstOrThrow()
    ).max;

    // One transaction appends and then holds its commit for several seconds.
    const delayed = db.transaction().execute(async (trx) => {
      const result = await appendToStream(trx, delayedStream, 0, [event('Delayed', {})]);
      appendedUncommitted();
      await released;
      return result;
    });
    await uncommitted;

    // A log follower (gap-free) and a naive follower (by global position only) run meanwhile.
    const seen: { stream: string; position: number }[] = [];
    const naiveSeen = new Set<number>();
    let following = true;
    const follower = (async () => {
      let checkpoint = start;
      for (;;) {
        const batch = await readAll(db, { after: checkpoint, limit: 200 });
        for (const e of batch.events) seen.push({ stream: e.streamId, position: e.globalPosition });
        checkpoint = batch.checkpoint;
        if (!following && batch.events.length === 0) return;
        if (batch.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const naive = (async () => {
      let last = Number(startPosition ?? 0);
      while (following) {
        const rows = await db
          .selectFrom('events')
          .select('global_position')
          .where('global_position', '>', last)
          .orderBy('global_position')
          .limit(200)
          .execute();
        for (const row of rows) naiveSeen.add(row.global_position);
        last = rows[rows.length - 1]?.global_position ?? last;
        if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    // 1 000 other appends commit while the first one waits.
    const others = Array.from({ length: 20 }, () => streamId());
    const started = Date.now();
    await Promise.all(
      others.map(async (other) => {
        for (let i = 0; i < 50; i++) await appendToStream(db, other, i, [event('Other', { i })]);
      }),
    );
    // Hold for several seconds in total, and long enough for the naive reader to pass it by.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3_000 - (Date.now() - started))));
    // While the delayed transaction is open, the follower has seen none of the later commits.
    expect(seen).toEqual([]);
    release();
    const delayedResult = await delayed;
    following = false;
    await Promise.all([follower, naive]);

    expect(seen).toHaveLength(1001);
    expect(new Set(seen.map((s) => s.position)).size).toBe(1001);
    expect(seen[0]).toEqual({ stream: delayedStream, position: delayedResult.globalPositions[0] });
    // The naive reader, by contrast, skipped the delayed event for good (and, typically, a few
    // concurrent commits whose positions were overtaken).
    expect(naiveSeen.has(delayedResult.globalPositions[0] as number)).toBe(false);
    expect(naiveSeen.size).toBeLessThanOrEqual(1000);
  });
});

describe('hash chain verification', () => {
  it('detects a row whose data was changed by SQL and names that event', async () => {
    const { db } = stack;
    // The schema's owner may disable the append-only trigger; the application role may not.
    const owner = stack.database.owner;
    const id = streamId();
    await appendToStream(db, id, 0, [event('A', { amount: 1 }), event('B', { amount: 2 }), event('C', {})]);
    expect((await verifyHashChains(db)).ok).toBe(true);

    // Someone with DDL rights bypasses the append-only trigger.
    await sql`ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete`.execute(owner);
    await sql`UPDATE events SET data = '{"amount": 200}' WHERE stream_id = ${id} AND stream_version = 2`.execute(
      owner,
    );
    await sql`ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete`.execute(owner);

    const result = await verifyHashChains(db);
    expect(result.ok).toBe(false);
    const [stored] = await readStream(db, id, { fromVersion: 1, toVersion: 2 });
    expect(result.firstProblem).toMatchObject({
      kind: 'hash-mismatch',
      streamId: id,
      version: 2,
      found: stored?.hash,
    });
    expect(result.firstProblem?.expected).toMatch(/^[0-9a-f]{64}$/);
    expect(result.firstProblem?.expected).not.toBe(stored?.hash);
    expect(result.problems).toHaveLength(1);

    // Rewriting the hash too only moves the detection to the next event.
    await sql`ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete`.execute(owner);
    await sql`UPDATE events SET hash = ${result.firstProblem?.expected} WHERE stream_id = ${id} AND stream_version = 2`.execute(
      owner,
    );
    await sql`ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete`.execute(owner);
    const again = await verifyHashChains(db);
    expect(again.firstProblem).toMatchObject({ kind: 'hash-mismatch', streamId: id, version: 3 });

    // Removing an event from the middle of a stream leaves a gap.
    await sql`ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete`.execute(owner);
    await sql`DELETE FROM events WHERE stream_id = ${id} AND stream_version = 2`.execute(owner);
    await sql`ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete`.execute(owner);
    expect((await verifyHashChains(db)).firstProblem).toMatchObject({
      kind: 'version-gap',
      streamId: id,
      version: 3,
    });
  });
});
