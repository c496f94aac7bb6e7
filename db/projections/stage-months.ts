/**
 * The pipeline over time (table `stage_months`): each change of a case's status counts −1 for the
 * status it leaves and +1 for the one it enters, in the calendar month of the event (Europe/Berlin)
 * and in one of 16 shards chosen by the stream. Summed up to a month's end, the rows give the cases
 * in each status then (db/dashboard.ts). Pure and clock-free, as the other projection views.
 */
import { type Kysely, sql } from 'kysely';
import type { AccreditationState } from '../../domain/accreditation';
import { preparedStatement } from '../connection';
import type { Database } from '../database';
import type { RecordedEvent } from '../event-types';

export const stageShards = 16;

export interface StageChange {
  /** The event's business time; the month is taken in SQL, in Europe/Berlin. */
  at: string;
  status: string;
  shard: number;
  cases: 1 | -1;
}

/** A stable shard per stream (FNV-1a of its id), so a case's +1 and −1 meet in one shard. */
export function stageShard(streamId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < streamId.length; i++) {
    hash ^= streamId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % stageShards;
}

export function stageChanges(
  streamId: string,
  before: AccreditationState,
  after: AccreditationState,
  event: RecordedEvent,
): StageChange[] {
  if (before.status === after.status) return [];
  const shard = stageShard(streamId);
  const changes: StageChange[] = [];
  if (before.status !== 'none')
    changes.push({ at: event.businessTime, status: before.status, shard, cases: -1 });
  if (after.status !== 'none')
    changes.push({ at: event.businessTime, status: after.status, shard, cases: 1 });
  return changes;
}

/**
 * Adds the changes to their rows, in key order: two appends that touch the same rows lock them in
 * the same order, so they wait for each other but never deadlock.
 */
const writeStatement = preparedStatement('write_stage_changes');

export async function writeStageChanges(db: Kysely<Database>, changes: readonly StageChange[]) {
  if (changes.length === 0) return;
  await sql`${writeStatement}INSERT INTO stage_months AS s (month, status, shard, cases)
    SELECT date_trunc('month', c.at AT TIME ZONE 'Europe/Berlin')::date AS month, c.status, c.shard,
      sum(c.cases)::int
    FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS c(at timestamptz, status text,
      shard smallint, cases integer)
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT (month, status, shard) DO UPDATE SET cases = s.cases + excluded.cases`.execute(db);
}
