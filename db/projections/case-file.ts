import { type Kysely, sql, type Transaction } from 'kysely';
import { applyCaseFileEvents, type StampedEvent } from '../../domain/case-file/evolve';
import type { CaseFile } from '../../domain/case-file/schema';
import { preparedStatement } from '../connection';
import type { Database } from '../database';
import { readStream } from '../event-store';
import type { RecordedEvent } from '../event-types';
import { accreditationEventTypes } from './accreditation';
import { groupByStream, type InlineProjection } from './inline';

/** What the fold reads of a stored event. */
export type FoldableEvent = Pick<RecordedEvent, 'version' | 'type' | 'data' | 'metadata' | 'businessTime'>;

/** A stored event as the case file folds it: its business time and who caused it. */
export function stamped(event: FoldableEvent): StampedEvent {
  const { actorId, actorRole } = event.metadata;
  const by = actorRole === 'system' || typeof actorId !== 'string' ? null : actorId;
  return { type: event.type, data: event.data, at: event.businessTime, by } as StampedEvent;
}

interface Folded {
  file: CaseFile | null;
  version: number;
}

interface CaseFileRow {
  stream_id: string;
  accreditation_id: string;
  version: number;
  file: string;
}

const unfolded = (): Folded => ({ file: null, version: 0 });

/** Folds the events not yet applied onto `current`, whose file this module owns (parsed or built here). */
function foldStream(current: Folded, events: readonly FoldableEvent[]): Folded {
  const fresh = events.filter((event) => event.version > current.version);
  if (fresh.length === 0) return current;
  const file = applyCaseFileEvents(current.file, fresh.map(stamped));
  return { file, version: (fresh[fresh.length - 1] as FoldableEvent).version };
}

function row(streamId: string, folded: Folded): CaseFileRow[] {
  const { file, version } = folded;
  return file
    ? [{ stream_id: streamId, accreditation_id: file.accreditationId, version, file: JSON.stringify(file) }]
    : [];
}

const loadStatement = preparedStatement('case_file_state');
const writeStatement = preparedStatement('write_case_files');

async function writeRows(trx: Kysely<Database>, rows: CaseFileRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`${writeStatement}INSERT INTO case_files AS c (stream_id, accreditation_id, version, file)
    SELECT r.stream_id, r.accreditation_id, r.version, r.file::jsonb
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r(stream_id text, accreditation_id text, version bigint, file text)
    ON CONFLICT (stream_id) DO UPDATE SET accreditation_id = excluded.accreditation_id,
      version = excluded.version, file = excluded.file`.execute(trx);
}

async function loadFolded(trx: Kysely<Database>, streamIds: string[]): Promise<Map<string, Folded>> {
  const rows = await trx
    .selectFrom('case_files')
    .modifyFront(loadStatement)
    .select(['stream_id', 'file', 'version'])
    .where(sql<boolean>`stream_id = ANY (${streamIds}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.stream_id, { file: r.file as CaseFile, version: r.version }]));
}

/**
 * A stream's file is written again each time its version passes a multiple of this: the file of a
 * long case is large (some 270 bytes per event), and rewriting it at every step would cost each
 * step more the longer the case runs. A read folds the few events since (`readCaseFile`).
 */
export const caseFileSnapshotInterval = 32;

const passesSnapshot = (first: number, last: number) =>
  Math.floor(last / caseFileSnapshotInterval) > Math.floor((first - 1) / caseFileSnapshotInterval);

async function projectCaseFiles(trx: Transaction<Database>, events: readonly RecordedEvent[]) {
  const due = [...groupByStream(events)].filter(([, streamEvents]) =>
    passesSnapshot(
      (streamEvents[0] as RecordedEvent).version,
      (streamEvents.at(-1) as RecordedEvent).version,
    ),
  );
  if (due.length === 0) return;
  const stored = await loadFolded(
    trx,
    due.map(([streamId]) => streamId),
  );
  const rows: CaseFileRow[] = [];
  for (const [streamId, streamEvents] of due) {
    let current = stored.get(streamId) ?? unfolded();
    const first = streamEvents[0] as RecordedEvent;
    // The events since the stored file: read from the store, which this transaction has written.
    if (first.version > current.version + 1) {
      const since = await readStream(trx, streamId, {
        fromVersion: current.version,
        toVersion: first.version - 1,
      });
      current = foldStream(current, since);
    }
    rows.push(...row(streamId, foldStream(current, streamEvents)));
  }
  await writeRows(trx, rows);
}

/**
 * The case file of each accreditation (`applyCaseFileEvents` over its events), stored in the append
 * transaction every `caseFileSnapshotInterval` events, and by a rebuild at each stream's end: a read
 * is one query, the stored file and the events since.
 */
export const caseFileProjection: InlineProjection = {
  name: 'case_files',
  canHandle: accreditationEventTypes,
  tables: ['case_files'],
  apply: projectCaseFiles,
  startRebuild: () => {
    // Batches hold whole streams but for the one cut at a batch's end: its file is carried over.
    let carried: { streamId: string; folded: Folded } | undefined;
    return {
      fold(events) {
        const rows: CaseFileRow[] = [];
        for (const [streamId, streamEvents] of groupByStream(events)) {
          const current = carried?.streamId === streamId ? carried.folded : unfolded();
          carried = { streamId, folded: foldStream(current, streamEvents) };
          // A stream cut at the batch's end is written again, complete, with the next batch.
          rows.push(...row(streamId, carried.folded));
        }
        return (trx) => writeRows(trx, rows);
      },
    };
  },
};

/**
 * Writes the stream's file folded anew from all its `events`, at once, not at its next snapshot:
 * for an erasure that must not linger in the stored file (db/case-text-erasure.ts).
 */
export async function refoldCaseFile(
  trx: Kysely<Database>,
  streamId: string,
  events: readonly FoldableEvent[],
): Promise<void> {
  await writeRows(trx, row(streamId, foldStream(unfolded(), events)));
}

/** `events` (the stream's next ones) folded onto a stored file, or from the start ("as of"). */
export function foldRecorded(
  events: readonly FoldableEvent[],
  stored: { file: CaseFile; version: number } | null = null,
): { file: CaseFile | null; version: number } {
  return foldStream(stored ?? unfolded(), events);
}
