import type { Kysely } from 'kysely';
import type { Database, TaskRow } from './database';

export interface QueuedDecision {
  task: TaskRow;
  /** Since when the task has been open: the business time of the event that opened it. */
  since: string | null;
  /** The name of the decision maker who holds it. */
  holderName: string | null;
}

/** The decisions waiting for decision makers (tasks of their role, taken or not), longest waiting first. */
export async function decisionQueue(db: Kysely<Database>, limit: number): Promise<QueuedDecision[]> {
  const found = await db
    .selectFrom('tasks')
    .leftJoin('users', 'users.user_id', 'tasks.assignee_id')
    .selectAll('tasks')
    .select('users.name as holder_name')
    .where('tasks.assignee_role', '=', 'decision_maker')
    .orderBy('tasks.opened_at', (order) => order.asc().nullsFirst())
    .orderBy('tasks.stream_id')
    .orderBy('tasks.task_id')
    .limit(limit)
    .execute();
  return found.map(({ holder_name, ...task }) => ({
    task: task as TaskRow,
    holderName: holder_name,
    since: task.opened_at ? new Date(task.opened_at).toISOString() : null,
  }));
}
