import type { Kysely } from 'kysely';
import type { AccreditationEvent } from '../domain/events';
import { openTasksSince } from '../domain/task-ages';
import type { Database, TaskRow } from './database';

export interface QueuedDecision {
  task: TaskRow;
  /** Since when the task has been open: the business time of the event that opened it. */
  since: string | null;
  /** The name of the decision maker who holds it. */
  holderName: string | null;
}

/**
 * The decisions waiting for decision makers (tasks of their role, taken or not), longest waiting
 * first: each with since when it waits, from a fold of its case's events.
 */
export async function decisionQueue(db: Kysely<Database>, limit: number): Promise<QueuedDecision[]> {
  const found = await db
    .selectFrom('tasks')
    .leftJoin('users', 'users.user_id', 'tasks.assignee_id')
    .selectAll('tasks')
    .select('users.name as holder_name')
    .where('tasks.assignee_role', '=', 'decision_maker')
    .orderBy('tasks.accreditation_id')
    .orderBy('tasks.task_id')
    .limit(limit)
    .execute();
  const tasks = found.map(({ holder_name, ...task }) => ({ task: task as TaskRow, holderName: holder_name }));
  if (tasks.length === 0) return [];
  const streams = [...new Set(tasks.map(({ task }) => task.stream_id))];
  const rows = await db
    .selectFrom('events')
    .select(['stream_id', 'event_type', 'data', 'business_time'])
    .where('stream_id', 'in', streams)
    .orderBy('stream_id')
    .orderBy('stream_version')
    .execute();
  const byStream = new Map<string, (AccreditationEvent & { at: string })[]>();
  for (const row of rows) {
    const events = byStream.get(row.stream_id) ?? [];
    events.push({
      type: row.event_type,
      data: row.data,
      at: new Date(row.business_time).toISOString(),
    } as AccreditationEvent & { at: string });
    byStream.set(row.stream_id, events);
  }
  const since = new Map([...byStream].map(([stream, events]) => [stream, openTasksSince(events)]));
  return tasks
    .map(({ task, holderName }) => ({
      task,
      holderName,
      since: since.get(task.stream_id)?.get(task.task_id) ?? null,
    }))
    .sort((a, b) => (a.since ?? '').localeCompare(b.since ?? ''));
}
