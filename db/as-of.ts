import type { Kysely } from 'kysely';
import { type AccreditationState, evolve, initialState } from '../domain/accreditation';
import type { CaseFile } from '../domain/case-file/schema';
import type { AccreditationEvent } from '../domain/events';
import { openTasks } from '../domain/tasks';
import { dueTimers } from '../domain/timers';
import type { AccreditationSummaryRow, Database, TaskRow } from './database';
import { type RecordedEvent, toRecordedEvent } from './event-store';
import { foldRecorded } from './projections/case-file';
import { accreditationRow, taskRows } from './projections/views';
import type { AccreditationDetail } from './read-model';

/** The case as the events had established it at an instant: the decider's state and the case file. */
export interface CaseAsOf {
  streamId: string;
  state: Exclude<AccreditationState, { status: 'none' }>;
  file: CaseFile;
  events: RecordedEvent[];
}

/**
 * The case "as of" an instant: its stream folded up to the last event recorded at or before it.
 * Recorded time, not business time: a read at that instant saw exactly these events (business
 * time is the workflow's clock, which runs ahead of the record by the length of a workflow task,
 * and by far more on a time-skipping test server). Undefined when the case did not exist yet.
 */
export async function readCaseAsOf(
  db: Kysely<Database>,
  streamId: string,
  asOf: Date,
): Promise<CaseAsOf | undefined> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('stream_id', '=', streamId)
    .where('recorded_time', '<=', asOf)
    .orderBy('stream_version')
    .execute();
  // A prefix of the stream: a later version recorded "earlier" (clock skew) ends it.
  const events: RecordedEvent[] = [];
  for (const row of rows) {
    if (row.stream_version !== events.length + 1) break;
    events.push(toRecordedEvent(row));
  }
  let state = initialState();
  for (const event of events)
    state = evolve(state, { type: event.type, data: event.data } as AccreditationEvent);
  const { file } = foldRecorded(events);
  if (state.status === 'none' || !file) return undefined;
  return { streamId, state, file, events };
}

const date = (value: Date | string | null | undefined) => (value ? new Date(value) : null);

/**
 * The case as `findAccreditation` would have answered at that instant: the row, open tasks and
 * timeline derived from the state folded so far, through the projection's own functions.
 */
export function accreditationDetailAsOf({ streamId, state, events }: CaseAsOf): AccreditationDetail {
  const open = openTasks(state);
  const first = events[0] as RecordedEvent;
  const last = events[events.length - 1] as RecordedEvent;
  const { state: _state, ...row } = accreditationRow(
    streamId,
    state,
    open,
    dueTimers(state),
    last.version,
    last,
    first.businessTime,
  );
  const summary: AccreditationSummaryRow = {
    ...row,
    certificate_number: row.certificate_number ?? null,
    next_deadline_kind: row.next_deadline_kind ?? null,
    valid_from: date(row.valid_from),
    valid_until: date(row.valid_until),
    next_deadline_at: date(row.next_deadline_at),
    first_task_due_at: date(row.first_task_due_at),
    opened_at: new Date(row.opened_at),
    updated_at: new Date(row.updated_at),
  };
  const tasks: TaskRow[] = taskRows(streamId, state, open)
    .map((task) => ({ ...task, assignee_id: task.assignee_id ?? null, due_at: date(task.due_at) }))
    // As the read model orders them: by due date (none last), then id.
    .sort(
      (a, b) =>
        compareDates(a.due_at, b.due_at) || (a.task_id < b.task_id ? -1 : a.task_id > b.task_id ? 1 : 0),
    );
  const timeline = events.map((event) => ({
    stream_version: event.version,
    event_type: event.type,
    business_time: new Date(event.businessTime),
    actor_id: typeof event.metadata.actorId === 'string' ? event.metadata.actorId : null,
    actor_role: typeof event.metadata.actorRole === 'string' ? event.metadata.actorRole : null,
  }));
  return { row: summary, tasks, timeline };
}

function compareDates(a: Date | null, b: Date | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.getTime() - b.getTime();
}
