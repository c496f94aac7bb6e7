import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';

/**
 * Every projection table, row by row, in primary-key order (to compare live and rebuilt tables).
 * Not `case_files`: a cache of the fold stored every few events live but at each stream's end by a
 * rebuild; compare the case files as read (`readCaseFile`) instead.
 */
export async function projectionSnapshot(db: Kysely<Database>) {
  return {
    accreditations: await db.selectFrom('accreditations').selectAll().orderBy('stream_id').execute(),
    tasks: await db.selectFrom('tasks').selectAll().orderBy('stream_id').orderBy('task_id').execute(),
    deadlines: await db
      .selectFrom('deadlines')
      .selectAll()
      .orderBy('stream_id')
      .orderBy('deadline_id')
      .execute(),
    certificates: await db.selectFrom('certificates').selectAll().orderBy('certificate_number').execute(),
    stageMonths: await db
      .selectFrom('stage_months')
      .selectAll()
      .orderBy('month')
      .orderBy('status')
      .orderBy('shard')
      .execute(),
    notifications: await db.selectFrom('notifications').selectAll().orderBy('notification_id').execute(),
  };
}
