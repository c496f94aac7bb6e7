/**
 * The event store's reads: a stream, its version, and the whole log in commit order; personal
 * fields opened on the way (db/subject-keys.ts). Re-exported by db/event-store.ts.
 */
import { type Kysely, sql } from 'kysely';
import type { SubjectKind } from '../domain/events/personal-fields';
import type { Database, JsonObject } from './database';
import { type Checkpoint, type EventMetadata, type RecordedEvent, startOfLog } from './event-types';
import { openPersonalFields } from './subject-keys';

const eventColumns = [
  'global_position',
  'transaction_id',
  'stream_id',
  'stream_version',
  'event_type',
  'data',
  'metadata',
  'business_time',
  'recorded_time',
  'idempotency_key',
  'hash',
] as const;

type EventRowShape = {
  global_position: number;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
  event_type: string;
  data: unknown;
  metadata: JsonObject;
  business_time: Date;
  recorded_time: Date;
  idempotency_key: string;
  hash: string;
};

/** Rows of `events` as recorded events, their personal fields opened (db/subject-keys.ts). */
export function toRecordedEvents(
  db: Kysely<Database>,
  rows: readonly EventRowShape[],
  open: { only?: SubjectKind } = {},
): Promise<RecordedEvent[]> {
  return openPersonalFields(db, rows.map(toRecordedEvent), (event) => event.type, open);
}

/** One row as it is stored: personal fields still sealed (see `toRecordedEvents`). */
export function toRecordedEvent(row: EventRowShape): RecordedEvent {
  return {
    globalPosition: row.global_position,
    transactionId: row.transaction_id,
    streamId: row.stream_id,
    version: row.stream_version,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata as EventMetadata,
    businessTime: row.business_time.toISOString(),
    recordedTime: row.recorded_time.toISOString(),
    idempotencyKey: row.idempotency_key,
    hash: row.hash,
  };
}

export interface ReadStreamOptions {
  /** Only events after this version. */
  fromVersion?: number;
  /** Only events up to and including this version. */
  toVersion?: number;
  /** "As of": only events whose business time is at or before this instant (ISO 8601 or Date). */
  asOf?: string | Date;
  /**
   * Personal fields as they entered the store (for the workflows, so that no name opened enters
   * Temporal): a name sealed ahead by the API stays sealed, a free text the store sealed is opened.
   */
  asEntered?: boolean;
}

/** The events of one stream in version order (empty if the stream does not exist). */
export async function readStream(
  db: Kysely<Database>,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  let query = db.selectFrom('events').select(eventColumns).where('stream_id', '=', streamId);
  if (options.fromVersion !== undefined) query = query.where('stream_version', '>', options.fromVersion);
  if (options.toVersion !== undefined) query = query.where('stream_version', '<=', options.toVersion);
  if (options.asOf !== undefined) {
    const asOf = new Date(options.asOf);
    if (Number.isNaN(asOf.getTime()))
      throw new Error(`readStream(${streamId}): invalid asOf ${String(options.asOf)}`);
    query = query.where('business_time', '<=', asOf);
  }
  const rows = await query.orderBy('stream_version').execute();
  return toRecordedEvents(db, rows, options.asEntered ? { only: 'stream' } : {});
}

/** The stream's current version (0 if it does not exist). */
export async function streamVersion(db: Kysely<Database>, streamId: string): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select('stream_version')
    .where('stream_id', '=', streamId)
    .orderBy('stream_version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.stream_version ?? 0;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** The checkpoint of the last event returned (or `after` if none): pass it as the next `after`. */
  checkpoint: Checkpoint;
}

/**
 * Events after `after` in commit order, gap-free: only transactions older than every transaction
 * still in progress are visible (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`), so
 * an event whose transaction commits late is returned later, never skipped.
 */
export interface ReadAllOptions {
  after?: Checkpoint;
  limit?: number;
}

export async function readAll(db: Kysely<Database>, options: ReadAllOptions = {}): Promise<ReadAllResult> {
  const after = options.after ?? startOfLog;
  const limit = options.limit ?? 1000;
  const rows = await db
    .selectFrom('events')
    .select(eventColumns)
    .where(sql<boolean>`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`)
    .where(
      sql<boolean>`(transaction_id, global_position) > (${after.transactionId}::xid8, ${after.globalPosition}::bigint)`,
    )
    .orderBy('transaction_id')
    .orderBy('global_position')
    .limit(limit)
    .execute();
  const events = await toRecordedEvents(db, rows);
  const last = events[events.length - 1];
  return {
    events,
    checkpoint: last ? { transactionId: last.transactionId, globalPosition: last.globalPosition } : after,
  };
}
