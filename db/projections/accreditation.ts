import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import { type AccreditationState, evolve, initialState } from '../../domain/accreditation';
import { type AccreditationEvent, AccreditationEventSchema } from '../../domain/events';
import { erasedNameOf } from '../../domain/retention';
import { openSince } from '../../domain/task-ages';
import { openTasks } from '../../domain/tasks';
import { dueTimers } from '../../domain/timers';
import { preparedStatement } from '../connection';
import type {
  AccreditationsTable,
  CertificateNumbersTable,
  CertificatesTable,
  Database,
  DeadlinesTable,
  NotificationsTable,
  TasksTable,
} from '../database';
import { readStream } from '../event-store';
import { ProjectionRefused, type RecordedEvent } from '../event-types';
import { groupByStream, type InlineProjection } from './inline';
import { type StageChange, stageChanges, writeStageChanges } from './stage-months';
import {
  accreditationRow,
  certificateChanges,
  deadlineRows,
  grantedNumbers,
  notificationRows,
  taskRows,
} from './views';

export const accreditationEventTypes: readonly string[] = AccreditationEventSchema.options.map(
  (option) => option.shape.type.value,
);

interface Folded {
  state: AccreditationState;
  version: number;
  openedAt: string | null;
}

/**
 * The accreditation read model. Per stream it loads the folded domain state stored with the
 * accreditations row, folds the new events with the domain's `evolve`, and rewrites the rows
 * derived from the result: the accreditation summary, its open tasks (`openTasks`), its deadlines
 * (`dueTimers`), its certificates in the public register, and the notifications the events call
 * for. The outbox is never emptied by a rebuild (its delivery status is not derived from the
 * events); its rows are inserted if absent.
 */
export const accreditationProjection: InlineProjection = {
  name: 'accreditations',
  canHandle: accreditationEventTypes,
  tables: [
    'accreditations',
    'tasks',
    'deadlines',
    'certificates',
    'certificate_numbers',
    'stage_months',
    'notifications',
  ],
  preserveOnRebuild: ['notifications'],
  apply: applyAccreditationEvents,
  startRebuild: () => {
    // Batches hold whole streams but for the one cut at a batch's end: its state is carried over.
    let carried: { streamId: string; folded: Folded } | undefined;
    return {
      fold(events) {
        const rows = emptyRows();
        for (const [streamId, streamEvents] of groupByStream(events)) {
          const current = carried?.streamId === streamId ? carried.folded : unfolded();
          const first = streamEvents[0] as RecordedEvent;
          if (first.version !== current.version + 1) {
            throw new Error(
              `Rebuild: ${streamId} goes on at version ${first.version} after ${current.version}`,
            );
          }
          carried = { streamId, folded: projectStream(rows, streamId, streamEvents, current) };
        }
        return (trx) => writeRows(trx, rows);
      },
    };
  },
};

/** Rows the events call for, written in one statement. */
interface ProjectedRows {
  accreditations: Insertable<AccreditationsTable>[];
  tasks: Insertable<TasksTable>[];
  deadlines: Insertable<DeadlinesTable>[];
  certificates: Map<string, Insertable<CertificatesTable>>;
  stageChanges: StageChange[];
  certificateNumbers: Insertable<CertificateNumbersTable>[];
  notifications: Insertable<NotificationsTable>[];
  /** Streams of a `CaseDataErased`, with the name it erased to: their earlier certificates, not in the state, lose the name too. */
  erasedStreams: Map<string, string>;
}

const emptyRows = (): ProjectedRows => ({
  accreditations: [],
  tasks: [],
  deadlines: [],
  certificates: new Map(),
  stageChanges: [],
  certificateNumbers: [],
  notifications: [],
  erasedStreams: new Map(),
});

const unfolded = (): Folded => ({ state: initialState(), version: 0, openedAt: null });

async function applyAccreditationEvents(trx: Transaction<Database>, events: readonly RecordedEvent[]) {
  const byStream = groupByStream(events);
  const folded = await loadFolded(trx, [...byStream.keys()]);
  const rows = emptyRows();
  for (const [streamId, streamEvents] of byStream) {
    let current = folded.get(streamId) ?? unfolded();
    const first = streamEvents[0] as RecordedEvent;
    if (first.version > current.version + 1) current = await catchUp(trx, streamId, first.version - 1);
    projectStream(rows, streamId, streamEvents, current);
  }
  await writeRows(trx, rows);
}

/** Folds one stream's events onto `folded` and adds the rows they call for; returns the new state. */
function projectStream(
  rows: ProjectedRows,
  streamId: string,
  streamEvents: readonly RecordedEvent[],
  folded: Folded,
): Folded {
  let current = folded;
  let last: RecordedEvent | undefined;
  // Since when each task is open; null: since before these events (the stored row keeps its time).
  let since = openSince<string | null>(current.state, new Map(), null);
  for (const event of streamEvents) {
    if (event.version <= current.version) continue; // already applied
    const before = current.state;
    current = foldEvent(current, event);
    const { state } = current;
    since = openSince(state, since, event.businessTime);
    for (const row of certificateChanges(streamId, before, state, event))
      rows.certificates.set(row.certificate_number, row);
    rows.stageChanges.push(...stageChanges(streamId, before, state, event));
    rows.certificateNumbers.push(...grantedNumbers(streamId, event));
    rows.notifications.push(...notificationRows(event, state, before));
    if (event.type === 'CaseDataErased')
      rows.erasedStreams.set(streamId, erasedNameOf(event.data as { onRequest?: true }));
    last = event;
  }
  const { state } = current;
  if (!last || state.status === 'none') return current;
  const open = openTasks(state);
  const timers = dueTimers(state);
  rows.accreditations.push(
    accreditationRow(
      streamId,
      state,
      open,
      timers,
      current.version,
      last,
      current.openedAt ?? last.businessTime,
    ),
  );
  rows.tasks.push(...taskRows(streamId, state, open, since));
  rows.deadlines.push(...deadlineRows(streamId, state, timers));
  return current;
}

const writeStatement = preparedStatement('write_accreditation_projection');
const stateStatement = preparedStatement('projection_state');

async function writeRows(trx: Transaction<Database>, rows: ProjectedRows): Promise<void> {
  if (rows.accreditations.length === 0) return;
  await reserveCertificateNumbers(trx, rows.certificateNumbers);
  await sql`${writeStatement}SELECT write_accreditation_projection(${JSON.stringify(rows.accreditations)}::jsonb,
    ${JSON.stringify(rows.tasks)}::jsonb, ${JSON.stringify(rows.deadlines)}::jsonb,
    ${JSON.stringify([...rows.certificates.values()])}::jsonb, ${JSON.stringify(rows.notifications)}::jsonb)`.execute(
    trx,
  );
  await writeStageChanges(trx, rows.stageChanges);
  for (const [streamId, erasedName] of rows.erasedStreams) {
    await trx
      .updateTable('certificates')
      .set({ organisation_name: erasedName })
      .where('stream_id', '=', streamId)
      .execute();
  }
}

/** A number another case holds breaks the table's key: the grant is refused and nothing is written. */
async function reserveCertificateNumbers(
  trx: Transaction<Database>,
  numbers: Insertable<CertificateNumbersTable>[],
): Promise<void> {
  if (numbers.length === 0) return;
  try {
    await trx.insertInto('certificate_numbers').values(numbers).execute();
  } catch (error) {
    const pgError = error as { code?: string; constraint?: string };
    if (pgError.code !== '23505' || pgError.constraint !== 'certificate_numbers_pkey') throw error;
    const taken = numbers.map((row) => row.certificate_number).join(', ');
    throw new ProjectionRefused(
      'certificate_number_taken',
      `Certificate number ${taken} is held by another accreditation; nothing was recorded. Grant again to draw another number.`,
    );
  }
}

async function loadFolded(trx: Kysely<Database>, streamIds: string[]): Promise<Map<string, Folded>> {
  const rows = await trx
    .selectFrom('accreditations')
    .modifyFront(stateStatement)
    .select(['stream_id', 'state', 'version', 'opened_at'])
    .where(sql<boolean>`stream_id = ANY (${streamIds}::text[])`)
    .execute();
  const folded = new Map<string, Folded>();
  for (const row of rows) {
    folded.set(row.stream_id, {
      state: row.state as AccreditationState,
      version: row.version,
      openedAt: row.opened_at.toISOString(),
    });
  }
  return folded;
}

/**
 * The stored state of the stream folded anew from all its `events`: for an erasure that must not
 * linger in it (db/case-text-erasure.ts). An ended case has no open task nor deadline to rewrite.
 */
export async function refoldAccreditationState(
  trx: Kysely<Database>,
  streamId: string,
  events: readonly RecordedEvent[],
): Promise<void> {
  const { state } = events.reduce(foldEvent, unfolded());
  await sql`UPDATE accreditations SET state = ${JSON.stringify(state)}::jsonb
             WHERE stream_id = ${streamId}`.execute(trx);
}

/** The projection missed earlier events of the stream (it was added later): fold them from the store. */
async function catchUp(trx: Kysely<Database>, streamId: string, toVersion: number): Promise<Folded> {
  return (await readStream(trx, streamId, { toVersion })).reduce(foldEvent, unfolded());
}

function foldEvent(current: Folded, event: RecordedEvent): Folded {
  const state = evolve(current.state, { type: event.type, data: event.data } as AccreditationEvent);
  return {
    state,
    version: event.version,
    openedAt: current.openedAt ?? (state.status === 'none' ? null : event.businessTime),
  };
}
