import { type Kysely, sql } from 'kysely';
import type { AccreditationEvent } from '../../domain/events';
import { openTasksSince } from '../../domain/task-ages';
import { writeFunction } from './2026-11-28-30-waiting';

/**
 * Since when each open task has been open, on its row (the decision queue's order). The projection
 * dates a task by the event after which it appeared; the rows of tasks open now are dated from
 * their case's events.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('opened_at', 'timestamptz').execute();
  await sql.raw(writeFunction({ waiting: true, taskOpenedAt: true })).execute(db);
  await dateOpenTasks(db);
  await sql`CREATE INDEX tasks_waiting_longest ON tasks (assignee_role, opened_at)`.execute(db);
}

/** Dates every open task by its case's events (exported for its test). */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function dateOpenTasks(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const streams: { stream_id: string }[] = await db
      .selectFrom('tasks')
      .select('stream_id')
      .distinct()
      .where('stream_id', '>', after)
      .orderBy('stream_id')
      .limit(200)
      .execute();
    for (const { stream_id } of streams) await dateStream(db, stream_id);
    const last = streams.at(-1);
    if (!last) break;
    after = last.stream_id;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
async function dateStream(db: Kysely<any>, streamId: string): Promise<void> {
  const rows: { event_type: string; data: unknown; business_time: Date }[] = await db
    .selectFrom('events')
    .select(['event_type', 'data', 'business_time'])
    .where('stream_id', '=', streamId)
    .orderBy('stream_version')
    .execute();
  const since = openTasksSince(
    rows.map((row) => ({
      type: row.event_type,
      data: row.data,
      at: new Date(row.business_time).toISOString(),
    })) as (AccreditationEvent & { at: string })[],
  );
  for (const [taskId, openedAt] of since) {
    await db
      .updateTable('tasks')
      .set({ opened_at: openedAt })
      .where('stream_id', '=', streamId)
      .where('task_id', '=', taskId)
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_waiting_longest').execute();
  await sql.raw(writeFunction({ waiting: true })).execute(db);
  await db.schema.alterTable('tasks').dropColumn('opened_at').execute();
}
