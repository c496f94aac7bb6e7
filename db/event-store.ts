import { type Kysely, sql, type Transaction } from 'kysely';
import { preparedStatement } from './connection';
import type { Database } from './database';
import {
  type ReadAllOptions,
  type ReadStreamOptions,
  readAll,
  readStream,
  streamVersion,
} from './event-reads';
import {
  type AppendResult,
  type ExpectedVersion,
  IdempotencyKeyReused,
  type NewEvent,
  type RecordedEvent,
  VersionConflict,
} from './event-types';
import { type InlineProjection, runInlineProjections } from './projections/inline';
import { openPersonalFields, sealPersonalFields } from './subject-keys';

export * from './event-reads';
export * from './event-types';

// ─── the store ──────────────────────────────────────────────────────────────────────────────

export interface EventStoreOptions {
  db: Kysely<Database>;
  /** Run in every append's transaction; the worker passes the registered ones (projections/index.ts). */
  projections?: readonly InlineProjection[];
}

/** The store bound to a database and the inline projections its appends run (after Emmett's). */
export function createEventStore({ db, projections = [] }: EventStoreOptions) {
  return {
    db,
    projections,
    appendToStream: (streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[]) =>
      appendToStream(db, streamId, expectedVersion, events, { projections }),
    readStream: (streamId: string, options?: ReadStreamOptions) => readStream(db, streamId, options),
    streamVersion: (streamId: string) => streamVersion(db, streamId),
    readAll: (options?: ReadAllOptions) => readAll(db, options),
  };
}

export type EventStore = ReturnType<typeof createEventStore>;

// ─── append ─────────────────────────────────────────────────────────────────────────────────

export interface AppendOptions {
  /** Inline projections run in the append transaction (default: none; see `createEventStore`). */
  projections?: readonly InlineProjection[];
}

interface AppendRow {
  outcome: 'appended' | 'behind';
  stream_version: number;
  global_positions: number[] | null;
  transaction_id: string | null;
  recorded_time: Date | null;
}

interface PreparedEvent {
  event: NewEvent;
  businessTime: Date;
  /** As stored: personal fields sealed. */
  data: string;
  /** As projections see it: personal fields in clear. */
  plainData: string;
  metadata: string;
}

const appendEventsStatement = preparedStatement('append_events');

/** Retries of an 'any' append that lost a race to a concurrent append of the same stream. */
const maxAnyAttempts = 50;

/**
 * Appends `events` to `streamId` atomically, in order. One round trip when no inline projection
 * handles the events; otherwise one transaction with the projections (or the caller's transaction
 * when `db` is one). Throws VersionConflict when the stream is not at `expectedVersion`; returns
 * the original result (`duplicate: true`) when the idempotency keys were appended before.
 */
export async function appendToStream(
  db: Kysely<Database>,
  streamId: string,
  expectedVersion: ExpectedVersion,
  events: readonly NewEvent[],
  options: AppendOptions = {},
): Promise<AppendResult> {
  if (events.length === 0) throw new Error(`appendToStream(${streamId}): no events`);
  if (expectedVersion !== 'any' && (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0)) {
    throw new Error(`appendToStream(${streamId}): invalid expected version ${expectedVersion}`);
  }
  // What the store holds is the JSON form, personal fields sealed; projections see that JSON with
  // the fields in clear, live and in a rebuild.
  // A field may arrive sealed already (by the API, before its step entered Temporal): it is stored
  // as it is and opened for the projections.
  const sealed = await sealPersonalFields(db, events, streamId);
  const opened = await openPersonalFields(
    db,
    events.map((event) => ({ type: event.type, data: event.data ?? null })),
    (event) => event.type,
  );
  const prepared: PreparedEvent[] = events.map((event, index) => {
    if (!event.type) throw new Error(`appendToStream(${streamId}): event without type`);
    if (!event.idempotencyKey)
      throw new Error(`appendToStream(${streamId}): ${event.type} without idempotency key`);
    const businessTime = new Date(event.businessTime);
    if (Number.isNaN(businessTime.getTime())) {
      throw new Error(
        `appendToStream(${streamId}): ${event.type} has invalid business time ${event.businessTime}`,
      );
    }
    const plain = opened[index]?.data ?? null;
    const plainData = JSON.stringify(plain);
    const stored = sealed[index];
    const data = stored === plain ? plainData : JSON.stringify(stored);
    const metadata = JSON.stringify(event.metadata ?? {});
    return { event, businessTime, data, plainData, metadata };
  });
  const keys = prepared.map((p) => p.event.idempotencyKey);
  if (new Set(keys).size !== keys.length) {
    throw new Error(`appendToStream(${streamId}): duplicate idempotency keys in one batch`);
  }
  const projections = (options.projections ?? []).filter((projection) =>
    prepared.some(({ event }) => projection.canHandle.includes(event.type)),
  );
  const types = prepared.map((p) => p.event.type);
  const data = `[${prepared.map((p) => p.data).join(',')}]`;
  const metadata = `[${prepared.map((p) => p.metadata).join(',')}]`;
  const businessTimes = prepared.map((p) => p.businessTime.toISOString());

  const call = (executor: Kysely<Database>) =>
    sql<AppendRow>`${appendEventsStatement}SELECT * FROM append_events(${streamId}, ${expectedVersion === 'any' ? null : expectedVersion}::bigint,
      ${types}::text[], ${data}::jsonb, ${metadata}::jsonb, ${businessTimes}::timestamptz[], ${keys}::text[])`
      .execute(executor)
      .then((result) => {
        const row = result.rows[0] as AppendRow;
        // int8[] arrives as strings (only scalar int8 is parsed as number, see connection.ts).
        return { ...row, global_positions: row.global_positions?.map(Number) ?? null };
      });

  const attempt = async (): Promise<AppendRow> => {
    if (projections.length === 0) return call(db);
    if (db.isTransaction) {
      // The caller's transaction: events and projections commit (or roll back) with it. A
      // savepoint keeps that transaction usable when the insert fails on a unique index.
      await sql`SAVEPOINT append_to_stream`.execute(db);
      try {
        const row = await call(db);
        if (row.outcome === 'appended') {
          await runInlineProjections(
            db as Transaction<Database>,
            projections,
            recordedEvents(streamId, prepared, row),
          );
        }
        await sql`RELEASE SAVEPOINT append_to_stream`.execute(db);
        return row;
      } catch (error) {
        await sql`ROLLBACK TO SAVEPOINT append_to_stream`.execute(db);
        throw error;
      }
    }
    return db.transaction().execute(async (trx) => {
      const row = await call(trx);
      if (row.outcome === 'appended') {
        await runInlineProjections(trx, projections, recordedEvents(streamId, prepared, row));
      }
      return row;
    });
  };

  for (let attemptNo = 1; ; attemptNo++) {
    let row: AppendRow;
    try {
      row = await attempt();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Either these keys were appended before (a retry), or another append took the versions.
      const existing = await existingEvents(db, keys);
      if (existing.length > 0) return duplicateResult(streamId, events, existing);
      if (expectedVersion === 'any' && attemptNo < maxAnyAttempts) continue;
      throw new VersionConflict(streamId, expectedVersion, await streamVersion(db, streamId));
    }
    if (row.outcome === 'behind') {
      const existing = await existingEvents(db, keys);
      if (existing.length > 0) return duplicateResult(streamId, events, existing);
      throw new VersionConflict(streamId, expectedVersion, row.stream_version);
    }
    const lastVersion = row.stream_version;
    return {
      streamId,
      firstVersion: lastVersion - events.length + 1,
      lastVersion,
      globalPositions: row.global_positions ?? [],
      duplicate: false,
    };
  }
}

function recordedEvents(streamId: string, prepared: PreparedEvent[], row: AppendRow): RecordedEvent[] {
  const recordedTime = (row.recorded_time as Date).toISOString();
  return prepared.map((p, index) => ({
    globalPosition: (row.global_positions as number[])[index] as number,
    transactionId: row.transaction_id as string,
    streamId,
    version: row.stream_version - prepared.length + index + 1,
    type: p.event.type,
    data: JSON.parse(p.plainData),
    metadata: JSON.parse(p.metadata),
    businessTime: p.businessTime.toISOString(),
    recordedTime,
    idempotencyKey: p.event.idempotencyKey,
    // Not needed by projections; read the stream for it.
    hash: '',
  }));
}

interface ExistingEvent {
  stream_id: string;
  stream_version: number;
  global_position: number;
}

function existingEvents(db: Kysely<Database>, keys: string[]): Promise<ExistingEvent[]> {
  return db
    .selectFrom('events')
    .select(['stream_id', 'stream_version', 'global_position'])
    .where('idempotency_key', 'in', keys)
    .orderBy('global_position')
    .execute();
}

function duplicateResult(
  streamId: string,
  events: readonly NewEvent[],
  existing: ExistingEvent[],
): AppendResult {
  const keys = events.map((event) => event.idempotencyKey);
  const elsewhere = existing.find((row) => row.stream_id !== streamId);
  if (elsewhere) {
    throw new IdempotencyKeyReused(streamId, keys, `appended before to stream ${elsewhere.stream_id}`);
  }
  if (existing.length !== events.length) {
    throw new IdempotencyKeyReused(
      streamId,
      keys,
      `${existing.length} of ${events.length} keys were appended before (in a different batch)`,
    );
  }
  return {
    streamId,
    firstVersion: existing[0]?.stream_version as number,
    lastVersion: existing[existing.length - 1]?.stream_version as number,
    globalPositions: existing.map((row) => row.global_position),
    duplicate: true,
  };
}

function isUniqueViolation(error: unknown): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return (
    pgError?.code === '23505' &&
    (pgError.constraint === 'events_pkey' || pgError.constraint === 'events_idempotency_key_key')
  );
}
