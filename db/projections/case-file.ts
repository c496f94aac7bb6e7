import { type Kysely, sql, type Transaction } from 'kysely';
import { applyCaseFileEvents, type StampedEvent } from '../../domain/case-file/evolve';
import type { CaseFile } from '../../domain/case-file/schema';
import { preparedStatement } from '../connection';
import type { Database } from '../database';
import { type RecordedEvent, readStream } from '../event-store';
import { accreditationEventTypes } from './accreditation';
import type { InlineProjection } from './inline';

/** A stored event as the case file folds it: its business time and who caused it. */
export function stamped(event: RecordedEvent): StampedEvent {
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
function foldStream(current: Folded, events: readonly RecordedEvent[]): Folded {
  const fresh = events.filter((event) => event.version > current.version);
  if (fresh.length === 0) return current;
  const file = applyCaseFileEvents(current.file, fresh.map(stamped));
  return { file, version: (fresh[fresh.length - 1] as RecordedEvent).version };
}

function row(streamId: string, folded: Folded): CaseFileRow[] {
  const { file, version } = folded;
  return file
    ? [{ stream_id: streamId, accreditation_id: file.accreditationId, version, file: JSON.stringify(file) }]
    : [];
}

function groupByStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const list = byStream.get(event.streamId);
    if (list) list.push(event);
    else byStream.set(event.streamId, [event]);
  }
  return byStream;
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

async function projectCaseFiles(trx: Transaction<Database>, events: readonly RecordedEvent[]) {
  const byStream = groupByStream(events);
  const folded = await loadFolded(trx, [...byStream.keys()]);
  const rows: CaseFileRow[] = [];
  for (const [streamId, streamEvents] of byStream) {
    let current = folded.get(streamId) ?? unfolded();
    const first = streamEvents[0] as RecordedEvent;
    // Events before the projection existed (or a row lost): fold them from the store first.
    if (first.version > current.version + 1) {
      current = foldStream(unfolded(), await readStream(trx, streamId, { toVersion: first.version - 1 }));
    }
    rows.push(...row(streamId, foldStream(current, streamEvents)));
  }
  await writeRows(trx, rows);
}

/**
 * The case file of each accreditation (`evolveCaseFile` over its events), written in the append
 * transaction, so a read of the file is one row and shows what the step that answered recorded.
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

/** The events folded into a case file (for reads of a stream without a stored file, and "as of"). */
export function foldRecorded(events: readonly RecordedEvent[]): { file: CaseFile | null; version: number } {
  return foldStream(unfolded(), events);
}
