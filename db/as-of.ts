import { type Kysely, sql } from 'kysely';
import { type AccreditationState, evolve, initialState } from '../domain/accreditation';
import type { AccreditationEvent } from '../domain/events';
import { openSince } from '../domain/task-ages';
import { openTasks } from '../domain/tasks';
import { dueTimers } from '../domain/timers';
import type { AccreditationSummaryRow, Database, TaskRow } from './database';
import type { RecordedEvent } from './event-store';
import { type FoldableEvent, foldRecorded } from './projections/case-file';
import { accreditationRow, taskRows } from './projections/views';
import type { AccreditationDetail } from './read-model';
import { openPersonalFields } from './subject-keys';

/** An event as "as of" reads it. */
export type AsOfEvent = FoldableEvent & Pick<RecordedEvent, 'globalPosition'>;

/** The case as the events had established it at an instant: the decider's state. */
export interface CaseAsOf {
  streamId: string;
  state: Exclude<AccreditationState, { status: 'none' }>;
  events: AsOfEvent[];
  /** Since when each open task had been open (`openSince`). */
  openedAt: ReadonlyMap<string, string>;
}

/**
 * The events of a stream "as of" an instant: those recorded at or before it, as far as they run
 * on without a gap. Recorded time, not business time: a read at that instant saw exactly these
 * events (business time is the workflow's clock, which runs ahead of the record by the length of
 * a workflow task, and by far more on a time-skipping test server). Only what the folds read is
 * fetched: of the metadata the actor, the times as epoch milliseconds (node-postgres parses a
 * timestamp far more slowly than an integer; half the time of a 2 000-event read).
 */
export async function readStreamAsOf(
  db: Kysely<Database>,
  streamId: string,
  asOf: Date,
): Promise<AsOfEvent[]> {
  const { rows } = await sql<AsOfRow>`
    SELECT stream_version, global_position, event_type, data, metadata ->> 'actorId' AS actor_id,
      metadata ->> 'actorRole' AS actor_role, (extract(epoch FROM business_time) * 1000)::bigint AS at
    FROM events WHERE stream_id = ${streamId} AND recorded_time <= ${asOf} ORDER BY stream_version`.execute(
    db,
  );
  const opened = await openPersonalFields(db, rows, (row) => row.event_type);
  const events: AsOfEvent[] = [];
  for (const row of opened) {
    if (row.stream_version !== events.length + 1) break;
    events.push({
      version: row.stream_version,
      globalPosition: row.global_position,
      type: row.event_type,
      data: row.data,
      metadata: {
        ...(row.actor_id === null ? {} : { actorId: row.actor_id }),
        ...(row.actor_role === null ? {} : { actorRole: row.actor_role }),
      },
      businessTime: new Date(row.at).toISOString(),
    });
  }
  return events;
}

interface AsOfRow {
  stream_version: number;
  global_position: number;
  event_type: string;
  data: unknown;
  actor_id: string | null;
  actor_role: string | null;
  at: number;
}

/** The decider's state after the events; undefined before the case was opened. */
export function caseAsOf(streamId: string, events: AsOfEvent[]): CaseAsOf | undefined {
  let state = initialState();
  let openedAt = new Map<string, string>();
  for (const event of events) {
    state = evolve(state, { type: event.type, data: event.data } as AccreditationEvent);
    openedAt = openSince(state, openedAt, event.businessTime);
  }
  return state.status === 'none' ? undefined : { streamId, state, events, openedAt };
}

/** The case file after the events (undefined before the case was opened). */
export function caseFileOf(events: AsOfEvent[]) {
  return foldRecorded(events).file ?? undefined;
}

const date = (value: Date | string | null | undefined) => (value ? new Date(value) : null);

/**
 * The case as `findAccreditation` would have answered at that instant: the row, open tasks and
 * timeline derived from the state folded so far, through the projection's own functions.
 */
export function accreditationDetailAsOf({
  streamId,
  state,
  events,
  openedAt,
}: CaseAsOf): AccreditationDetail {
  const open = openTasks(state);
  const timers = dueTimers(state);
  const first = events[0] as AsOfEvent;
  const last = events[events.length - 1] as RecordedEvent;
  const { state: _state, ...row } = accreditationRow(
    streamId,
    state,
    open,
    timers,
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
    waiting_reason: row.waiting_reason ?? null,
    waiting_until: date(row.waiting_until),
    waiting_subject_id: row.waiting_subject_id ?? null,
    opened_at: new Date(row.opened_at),
    updated_at: new Date(row.updated_at),
  };
  const tasks: TaskRow[] = taskRows(streamId, state, open, openedAt)
    .map((task) => ({
      ...task,
      assignee_id: task.assignee_id ?? null,
      due_at: date(task.due_at),
      opened_at: date(task.opened_at),
    }))
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
    complaint_id: complaintIdOf(event.data),
  }));
  const deadlines = timers.map(({ kind, at, subjectId }) => ({
    kind,
    due_at: new Date(at),
    subject_id: subjectId,
  }));
  return { row: summary, tasks, timeline, deadlines };
}

function complaintIdOf(data: unknown): string | null {
  const id = (data as { complaintId?: unknown } | null)?.complaintId;
  return typeof id === 'string' ? id : null;
}

function compareDates(a: Date | null, b: Date | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.getTime() - b.getTime();
}
