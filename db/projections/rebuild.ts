import { type Kysely, sql } from 'kysely';
import type { Database } from '../database';
import { toRecordedEvent } from '../event-store';
import { inlineProjections } from './index';
import { type InlineProjection, runInlineProjections } from './inline';

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

/**
 * Rebuilds projections from the events, through the same `apply` the append path runs, in one
 * REPEATABLE READ transaction: it first locks every projection table (so the snapshot is taken
 * after the locks: an append that has already updated a projection has committed and is in the
 * snapshot; any later append waits for the rebuild and then applies its events on top), empties
 * them, replays the events stream by stream in batches and commits. Readers keep seeing the old
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
      let after: { streamId: string; version: number } = { streamId: '', version: 0 };
      for (;;) {
        const rows = await trx
          .selectFrom('events')
          .selectAll()
          .where('event_type', 'in', types)
          .where(sql<boolean>`(stream_id, stream_version) > (${after.streamId}, ${after.version})`)
          .orderBy('stream_id')
          .orderBy('stream_version')
          .limit(batchSize)
          .execute();
        if (rows.length === 0) break;
        await runInlineProjections(trx, projections, rows.map(toRecordedEvent));
        processed += rows.length;
        const last = rows[rows.length - 1];
        if (last) after = { streamId: last.stream_id, version: last.stream_version };
        options.onProgress?.({ processed, total: Number(total), elapsedMs: performance.now() - started });
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
