import type { Transaction } from 'kysely';
import type { Database } from '../database';
import { ProjectionRefused, type RecordedEvent } from '../event-types';

/**
 * A projection updated inline: `apply` runs inside the append transaction with the events it can
 * handle (in version order), so the events and the read model commit or roll back together. The
 * same `apply` rebuilds the tables from the log (see rebuild.ts), so live and rebuilt tables are
 * the same by construction. `apply` must therefore depend only on the events and its own tables
 * (never on the database clock) and must accept events of several streams in one call. Each
 * stream's events arrive in version order; there is no order across streams.
 */
export interface InlineProjection {
  name: string;
  /** Event types this projection reacts to; appends of other types skip it entirely. */
  canHandle: readonly string[];
  /** Tables it owns: emptied before a rebuild (unless listed in `preserveOnRebuild`). */
  tables: readonly (keyof Database & string)[];
  /**
   * Tables a rebuild must not empty because they also hold state that is not derived from the
   * events (the outbox's delivery status); `apply` must then be insert-if-absent on them.
   */
  preserveOnRebuild?: readonly (keyof Database & string)[];
  apply(trx: Transaction<Database>, events: readonly RecordedEvent[]): Promise<void>;
  /**
   * Optional, for rebuilds: `apply` in two halves, so that the rebuild folds the next batch while
   * the database writes this one. A pass sees every event it can handle, stream by stream in
   * version order, once, starting from empty tables; `fold` does no I/O (it carries what it needs
   * from batch to batch) and returns the batch's write. The tables must end up as `apply` would
   * leave them.
   */
  startRebuild?(): RebuildPass;
}

export interface RebuildPass {
  fold(events: readonly RecordedEvent[]): (trx: Transaction<Database>) => Promise<void>;
}

/** Runs each projection on the events it can handle; any error aborts the whole transaction. */
export async function runInlineProjections(
  trx: Transaction<Database>,
  projections: readonly InlineProjection[],
  events: readonly RecordedEvent[],
): Promise<void> {
  for (const projection of projections) {
    const handled = events.filter((event) => projection.canHandle.includes(event.type));
    if (handled.length === 0) continue;
    try {
      await projection.apply(trx, handled);
    } catch (error) {
      // A refusal is an answer to the caller, not a fault of the projection.
      if (error instanceof ProjectionRefused) throw error;
      throw projectionFailed(projection, error);
    }
  }
}

export const projectionFailed = (projection: InlineProjection, error: unknown) =>
  new Error(`Projection ${projection.name} failed: ${(error as Error).message}`, { cause: error });

/** The events by stream, each stream's in the order given (version order, as projections get them). */
export function groupByStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const list = byStream.get(event.streamId);
    if (list) list.push(event);
    else byStream.set(event.streamId, [event]);
  }
  return byStream;
}
