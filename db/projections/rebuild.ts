import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../database';
import { toRecordedEvents } from '../event-store';
import type { RecordedEvent } from '../event-types';
import { inlineProjections } from './index';
import { type InlineProjection, projectionFailed, type RebuildPass, runInlineProjections } from './inline';

export interface RebuildProgress {
  processed: number;
  total: number;
  elapsedMs: number;
}

export interface RebuildResult {
  projections: string[];
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

export interface RebuildOptions {
  onProgress?: (progress: RebuildProgress) => void;
  /** Default: every registered inline projection. */
  projections?: readonly InlineProjection[];
  /** Events read and applied per batch (default 5 000). */
  batchSize?: number;
}

/** A promise awaited further on; meanwhile its rejection counts as handled (it is thrown there). */
function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** One batch folded by a projection's rebuild pass, and its write; errors name the projection. */
function foldBatch(projection: InlineProjection, pass: RebuildPass, events: readonly RecordedEvent[]) {
  let write: (trx: Transaction<Database>) => Promise<void>;
  try {
    write = pass.fold(events.filter((event) => projection.canHandle.includes(event.type)));
  } catch (error) {
    throw projectionFailed(projection, error);
  }
  return (trx: Transaction<Database>) =>
    write(trx).catch((error: unknown) => {
      throw projectionFailed(projection, error);
    });
}

/**
 * Rebuilds projections from the events, through the same code the append path runs, in one
 * REPEATABLE READ transaction: it first locks every projection table (so the snapshot is taken
 * after the locks: an append that has already updated a projection has committed and is in the
 * snapshot; any later append waits for the rebuild and then applies its events on top), empties
 * them, replays the events stream by stream in batches (a projection with a `startRebuild` pass
 * folds the next batch while the database writes the last) and commits. Readers keep seeing the old
 * tables until then. Projections see each stream's events in version order, as in live appends;
 * no order across streams is promised (nor is there one live: appends to different streams are
 * concurrent).
 */
export async function rebuildProjections(
  db: Kysely<Database>,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const projections = options.projections ?? inlineProjections;
  const batchSize = options.batchSize ?? 5_000;
  const started = performance.now();
  const types = [...new Set(projections.flatMap((projection) => projection.canHandle))];
  const tables = [...new Set(projections.flatMap((projection) => projection.tables))];
  const preserved = new Set(projections.flatMap((projection) => projection.preserveOnRebuild ?? []));
  const emptied = tables.filter((table) => !preserved.has(table));

  let processed = 0;
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      // The emptied tables grow from nothing under a lock that keeps autovacuum from analysing
      // them, so a plan cached while they were empty (the write's `DELETE … WHERE stream_id = ANY`
      // as a sequential scan) would stay, and each batch would scan everything written so far.
      await sql`SET LOCAL plan_cache_mode = force_custom_plan`.execute(trx);
      if (tables.length > 0) {
        await sql`LOCK TABLE ${sql.join(tables.map((table) => sql.table(table)))} IN ACCESS EXCLUSIVE MODE`.execute(
          trx,
        );
      }
      if (emptied.length > 0)
        await sql`TRUNCATE ${sql.join(emptied.map((table) => sql.table(table)))}`.execute(trx);
      if (types.length === 0) return;

      const { total } = await trx
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .where('event_type', 'in', types)
        .executeTakeFirstOrThrow();
      options.onProgress?.({ processed: 0, total: Number(total), elapsedMs: 0 });

      // Stream by stream (the primary key's order), so a batch holds whole streams: each stream's
      // state is loaded and written about once.
      const readAfter = (after: { streamId: string; version: number }) =>
        trx
          .selectFrom('events')
          .selectAll()
          .where('event_type', 'in', types)
          .where(sql<boolean>`(stream_id, stream_version) > (${after.streamId}, ${after.version})`)
          .orderBy('stream_id')
          .orderBy('stream_version')
          .limit(batchSize)
          .execute();
      const passes = projections.flatMap((projection) => {
        const pass = projection.startRebuild?.();
        return pass ? [{ projection, pass }] : [];
      });
      const applied = projections.filter((projection) => !projection.startRebuild);

      // The next batch is asked for before this one's writes are sent (the connection runs its
      // queries in order): the database writes one batch while this process folds the next.
      let reading = later(readAfter({ streamId: '', version: 0 }));
      let writing: Promise<unknown> = Promise.resolve();
      try {
        let rows = await reading;
        while (rows.length > 0) {
          const last = rows[rows.length - 1] as (typeof rows)[number];
          reading = later(readAfter({ streamId: last.stream_id, version: last.stream_version }));
          const events = await toRecordedEvents(trx, rows);
          const writes = passes.map(({ projection, pass }) => foldBatch(projection, pass, events));
          await writing;
          await runInlineProjections(trx, applied, events);
          writing = later(Promise.all(writes.map((write) => write(trx))));
          processed += rows.length;
          options.onProgress?.({ processed, total: Number(total), elapsedMs: performance.now() - started });
          rows = await reading;
        }
        await writing;
      } finally {
        // Nothing may be left queued on the connection when the transaction ends.
        await Promise.allSettled([reading, writing]);
      }
    });

  const elapsedMs = performance.now() - started;
  return {
    projections: projections.map((projection) => projection.name),
    events: processed,
    elapsedMs,
    eventsPerSecond: processed / Math.max(elapsedMs / 1000, 1e-9),
  };
}
