import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import { type AccreditationState, evolve, initialState } from '../../domain/accreditation';
import { type AccreditationEvent, AccreditationEventSchema } from '../../domain/events';
import { openTasks } from '../../domain/tasks';
import { dueTimers } from '../../domain/timers';
import type {
  AccreditationsTable,
  CertificatesTable,
  Database,
  DeadlinesTable,
  NotificationsTable,
  TasksTable,
} from '../database';
import { type RecordedEvent, readStream } from '../event-store';
import type { InlineProjection } from './inline';
import { accreditationRow, certificateChanges, deadlineRows, notificationRows, taskRows } from './views';

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
  tables: ['accreditations', 'tasks', 'deadlines', 'certificates', 'notifications'],
  preserveOnRebuild: ['notifications'],
  apply: applyAccreditationEvents,
};

async function applyAccreditationEvents(trx: Transaction<Database>, events: readonly RecordedEvent[]) {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const list = byStream.get(event.streamId);
    if (list) list.push(event);
    else byStream.set(event.streamId, [event]);
  }
  const folded = await loadFolded(trx, [...byStream.keys()]);

  const accreditations: Insertable<AccreditationsTable>[] = [];
  const tasks: Insertable<TasksTable>[] = [];
  const deadlines: Insertable<DeadlinesTable>[] = [];
  const certificates = new Map<string, Insertable<CertificatesTable>>();
  const notifications: Insertable<NotificationsTable>[] = [];

  for (const [streamId, streamEvents] of byStream) {
    let current = folded.get(streamId) ?? { state: initialState(), version: 0, openedAt: null };
    const first = streamEvents[0] as RecordedEvent;
    if (first.version > current.version + 1) current = await catchUp(trx, streamId, first.version - 1);
    let last: RecordedEvent | undefined;
    for (const event of streamEvents) {
      if (event.version <= current.version) continue; // already applied
      const before = current.state;
      const state = evolve(before, { type: event.type, data: event.data } as AccreditationEvent);
      current = {
        state,
        version: event.version,
        openedAt: current.openedAt ?? (state.status === 'none' ? null : event.businessTime),
      };
      for (const row of certificateChanges(streamId, before, state, event))
        certificates.set(row.certificate_number, row);
      notifications.push(...notificationRows(event, state, before));
      last = event;
    }
    const { state } = current;
    if (!last || state.status === 'none') continue;
    const open = openTasks(state);
    const timers = dueTimers(state);
    accreditations.push(
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
    tasks.push(...taskRows(streamId, state, open));
    deadlines.push(...deadlineRows(streamId, state, timers));
  }

  if (accreditations.length === 0) return;
  await sql`SELECT write_accreditation_projection(${JSON.stringify(accreditations)}::jsonb,
    ${JSON.stringify(tasks)}::jsonb, ${JSON.stringify(deadlines)}::jsonb,
    ${JSON.stringify([...certificates.values()])}::jsonb, ${JSON.stringify(notifications)}::jsonb)`.execute(
    trx,
  );
}

async function loadFolded(trx: Kysely<Database>, streamIds: string[]): Promise<Map<string, Folded>> {
  const rows = await trx
    .selectFrom('accreditations')
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

/** The projection missed earlier events of the stream (it was added later): fold them from the store. */
async function catchUp(trx: Kysely<Database>, streamId: string, toVersion: number): Promise<Folded> {
  let current: Folded = { state: initialState(), version: 0, openedAt: null };
  for (const event of await readStream(trx, streamId, { toVersion })) {
    const state = evolve(current.state, { type: event.type, data: event.data } as AccreditationEvent);
    current = {
      state,
      version: event.version,
      openedAt: current.openedAt ?? (state.status === 'none' ? null : event.businessTime),
    };
  }
  return current;
}
