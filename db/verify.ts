import { type Kysely, sql } from 'kysely';
import type { Database } from './database';

export type ChainProblemKind =
  /** The stored hash differs from event_hash(previous stored hash, the event as stored). */
  | 'hash-mismatch'
  /** Versions of the stream do not run 1, 2, 3 … (an event was removed). */
  | 'version-gap';

export interface ChainProblem {
  kind: ChainProblemKind;
  streamId: string;
  version: number;
  globalPosition: number | null;
  expected: string;
  found: string;
}

export interface VerifyResult {
  ok: boolean;
  streams: number;
  events: number;
  /** The earliest problem (lowest global position); undefined when ok. */
  firstProblem?: ChainProblem;
  /** The first problem of each affected stream, in global order. */
  problems: ChainProblem[];
}

const genesisHash = '0'.repeat(64);

/**
 * Walks every stream's hash chain: recomputes each event's hash from the previous stored hash and
 * the event as stored now, and checks that versions are contiguous. Changing any column of any
 * event, removing an event from the middle of a stream, or rewriting a hash without rewriting
 * every later hash of its stream is reported. (Cutting off a stream's last events is not: a
 * chain anchors nothing after its end. Deletes are refused by a trigger.)
 */
export async function verifyHashChains(db: Kysely<Database>): Promise<VerifyResult> {
  const [counts] = (
    await sql<{ streams: number; events: number }>`
      SELECT count(DISTINCT stream_id)::int8 AS streams, count(*)::int8 AS events FROM events`.execute(db)
  ).rows;

  const chainRows = (
    await sql<{
      stream_id: string;
      stream_version: number;
      global_position: number;
      previous_version: number | null;
      found: string;
      expected: string;
    }>`
      SELECT stream_id, stream_version, global_position, previous_version, found, expected
      FROM (
        SELECT stream_id, stream_version, global_position, hash AS found,
               lag(stream_version) OVER w AS previous_version,
               event_hash(coalesce(lag(hash) OVER w, ${genesisHash}), stream_id, stream_version, event_type,
                          data, metadata, business_time, recorded_time, idempotency_key) AS expected
        FROM events
        WINDOW w AS (PARTITION BY stream_id ORDER BY stream_version)
      ) chain
      WHERE found <> expected OR stream_version <> coalesce(previous_version, 0) + 1
      ORDER BY global_position`.execute(db)
  ).rows;

  const byStream = new Map<string, ChainProblem>();
  for (const row of chainRows) {
    if (byStream.has(row.stream_id)) continue;
    const gap = row.stream_version !== (row.previous_version ?? 0) + 1;
    byStream.set(row.stream_id, {
      kind: gap ? 'version-gap' : 'hash-mismatch',
      streamId: row.stream_id,
      version: row.stream_version,
      globalPosition: row.global_position,
      expected: gap ? `version ${(row.previous_version ?? 0) + 1}` : row.expected,
      found: gap ? `version ${row.stream_version}` : row.found,
    });
  }
  const problems = [...byStream.values()].sort(
    (a, b) => (a.globalPosition ?? Number.MAX_SAFE_INTEGER) - (b.globalPosition ?? Number.MAX_SAFE_INTEGER),
  );
  return {
    ok: problems.length === 0,
    streams: counts?.streams ?? 0,
    events: counts?.events ?? 0,
    firstProblem: problems[0],
    problems,
  };
}

export function describeProblem(problem: ChainProblem): string {
  const where = `stream ${problem.streamId} version ${problem.version}${
    problem.globalPosition === null ? '' : ` (global position ${problem.globalPosition})`
  }`;
  return `${problem.kind} at ${where}: expected ${problem.expected}, found ${problem.found}`;
}
