/** The event store's types: what is appended, what is read back, and how an append can fail. */

/** Who and what caused an event. Free-form beyond these well-known keys (all optional). */
export interface EventMetadata {
  actorId?: string;
  actorRole?: string;
  workflowId?: string;
  runId?: string;
  causationId?: string;
  correlationId?: string;
  [key: string]: unknown;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata: EventMetadata;
  /** ISO 8601: the time of the fact on the caller's (workflow's) clock. */
  businessTime: string;
  /** Unique across the store; appending it again returns the original result and writes nothing. */
  idempotencyKey: string;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  globalPosition: number;
  /** xid8 of the appending transaction (decimal string). */
  transactionId: string;
  streamId: string;
  version: number;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  /** ISO 8601 (millisecond precision). */
  businessTime: string;
  /** ISO 8601 (millisecond precision). */
  recordedTime: string;
  idempotencyKey: string;
  hash: string;
}

export interface AppendResult {
  streamId: string;
  firstVersion: number;
  lastVersion: number;
  globalPositions: number[];
  /** True when every idempotency key had been appended before: nothing was written. */
  duplicate: boolean;
}

/** 0 = the stream must not exist yet; n = the stream must be at version n; 'any' = no check. */
export type ExpectedVersion = number | 'any';

/** Position in the commit-ordered log: compare `(transactionId, globalPosition)` lexicographically. */
export interface Checkpoint {
  transactionId: string;
  globalPosition: number;
}

export const startOfLog: Checkpoint = { transactionId: '0', globalPosition: 0 };

export class VersionConflict extends Error {
  override readonly name = 'VersionConflict';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Version conflict on ${streamId}: expected version ${expected}, actual ${actual}`);
  }
}

/** An idempotency key was reused for a different event (other stream, type, or a partial batch). */
export class IdempotencyKeyReused extends Error {
  override readonly name = 'IdempotencyKeyReused';
  constructor(
    readonly streamId: string,
    readonly idempotencyKeys: string[],
    detail: string,
  ) {
    super(`Idempotency key(s) ${idempotencyKeys.join(', ')} already used on ${streamId}: ${detail}`);
  }
}

/**
 * An inline projection refused the events because they would break a key of the read model (a
 * certificate number another case holds): the append rolled back and wrote nothing. `code` is the
 * stable reason the step is refused with.
 */
export class ProjectionRefused extends Error {
  override readonly name = 'ProjectionRefused';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
