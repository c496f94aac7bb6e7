/**
 * Signed checkpoints of the event store (issue 22, item 4). The hash chain of a stream shows
 * that no event was changed in place, but someone with the database's owner rights can rewrite a
 * stream and recompute every later hash, or cut its last events off, and the chain still
 * verifies. A checkpoint anchors the chains outside the database: every stream's head (version
 * and hash of its last event, from `streams`), signed with an Ed25519 key that is not in the
 * database. The operator ships each checkpoint elsewhere; checked against one later, a stream
 * shorter than checkpointed (a cut tail) or whose event at the checkpointed version has another
 * hash (a rewrite) is reported.
 */
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from './database';

export const checkpointFormat = 'dim-event-checkpoint/1';

/** [stream id, version, hash of the event at that version]. */
const HeadSchema = z.tuple([
  z.string().min(1),
  z.number().int().positive(),
  z.string().regex(/^[0-9a-f]{64}$/),
]);
export type StreamHead = z.infer<typeof HeadSchema>;

export const CheckpointSchema = z.object({
  format: z.literal(checkpointFormat),
  createdAt: z.iso.datetime(),
  /** Which key signed it: the first 16 bytes (hex) of the SHA-256 of its public key (SPKI DER). */
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  heads: z.array(HeadSchema),
  /** Ed25519 over `signedText` (everything above), base64. */
  signature: z.string().min(1),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

type Unsigned = Omit<Checkpoint, 'signature'>;

/** The exact text signed: the fields in a fixed order, heads sorted by stream id. */
const signedText = ({ format, createdAt, keyId, heads }: Unsigned) =>
  Buffer.from(JSON.stringify([format, createdAt, keyId, heads]), 'utf8');

export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 32);
}

/** Every stream's head, in stream id order. */
export async function readStreamHeads(db: Kysely<Database>): Promise<StreamHead[]> {
  const rows = await db
    .selectFrom('streams')
    .select(['stream_id', 'version', 'head_hash'])
    .orderBy(sql`stream_id COLLATE "C"`)
    .execute();
  return rows.map((row) => [row.stream_id, Number(row.version), row.head_hash]);
}

/** A checkpoint of every stream's head now, signed with `privateKey` (Ed25519). */
export async function createCheckpoint(db: Kysely<Database>, privateKey: KeyObject): Promise<Checkpoint> {
  // One snapshot: heads of one moment even while appends go on.
  const heads = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => readStreamHeads(trx));
  const unsigned: Unsigned = {
    format: checkpointFormat,
    createdAt: new Date().toISOString(),
    keyId: keyIdOf(privateKey),
    heads,
  };
  return { ...unsigned, signature: sign(null, signedText(unsigned), privateKey).toString('base64') };
}

/** Whether the checkpoint is signed by the key whose public part is `publicKey`. */
export function isCheckpointSigned(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  const { signature, ...unsigned } = checkpoint;
  if (checkpoint.keyId !== keyIdOf(publicKey)) return false;
  return verify(null, signedText(unsigned), publicKey, Buffer.from(signature, 'base64'));
}

export type CheckpointProblemKind =
  /** The stream has fewer events than the checkpoint recorded (its last events were removed). */
  | 'cut-tail'
  /** The event at the checkpointed version has another hash: the stream was rewritten. */
  | 'rewritten';

export interface CheckpointProblem {
  kind: CheckpointProblemKind;
  streamId: string;
  /** The checkpointed head. */
  version: number;
  expected: string;
  /** The stream's version now (cut tail) or the hash now at the checkpointed version (rewrite). */
  found: string;
}

/**
 * Compares the events with a checkpoint's heads: each checkpointed stream must still reach its
 * checkpointed version with the same hash there (events appended since are fine; their chain from
 * that hash on is `verifyHashChains`'s part).
 */
export async function compareWithCheckpoint(
  db: Kysely<Database>,
  checkpoint: Checkpoint,
): Promise<CheckpointProblem[]> {
  const streamIds = checkpoint.heads.map(([streamId]) => streamId);
  const versions = checkpoint.heads.map(([, version]) => version);
  const hashes = checkpoint.heads.map(([, , hash]) => hash);
  const { rows } = await sql<{
    stream_id: string;
    version: string;
    expected: string;
    found: string | null;
    current: string;
  }>`
    SELECT c.stream_id, c.version, c.expected, e.hash AS found,
           (SELECT coalesce(max(x.stream_version), 0) FROM events x WHERE x.stream_id = c.stream_id) AS current
      FROM unnest(${streamIds}::text[], ${versions}::bigint[], ${hashes}::text[]) AS c(stream_id, version, expected)
      LEFT JOIN events e ON e.stream_id = c.stream_id AND e.stream_version = c.version
     WHERE e.hash IS DISTINCT FROM c.expected
     ORDER BY c.stream_id`.execute(db);
  return rows.map((row) =>
    row.found === null
      ? {
          kind: 'cut-tail',
          streamId: row.stream_id,
          version: Number(row.version),
          expected: `version ${row.version}`,
          found: `version ${row.current}`,
        }
      : {
          kind: 'rewritten',
          streamId: row.stream_id,
          version: Number(row.version),
          expected: row.expected,
          found: row.found,
        },
  );
}

/**
 * Streams whose head row disagrees with their last event (events written past the trigger, or a
 * head row edited): a checkpoint signs only heads that agree.
 */
export async function staleHeads(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ stream_id: string }>`
    SELECT coalesce(s.stream_id, e.stream_id) AS stream_id
      FROM streams s
      FULL JOIN (SELECT DISTINCT ON (stream_id) stream_id, stream_version, hash
                   FROM events ORDER BY stream_id, stream_version DESC) e ON e.stream_id = s.stream_id
     WHERE s.version IS DISTINCT FROM e.stream_version OR s.head_hash IS DISTINCT FROM e.hash
     ORDER BY 1`.execute(db);
  return rows.map((row) => row.stream_id);
}

export function describeCheckpointProblem(problem: CheckpointProblem): string {
  const what = problem.kind === 'cut-tail' ? 'cut tail' : 'rewritten';
  return `${what}: stream ${problem.streamId} checkpointed at version ${problem.version}: expected ${problem.expected}, found ${problem.found}`;
}
