import { type Kysely, sql } from 'kysely';
import type { AccreditationState } from '../../domain/state';
import { waitingFor } from '../../domain/waiting';

/**
 * What each case waits for and until when (`waitingFor`, domain/waiting.ts), on its row, written by
 * the accreditation projection; existing rows are filled from their stored state. The dashboard
 * lists the waits ending soonest from a partial index.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('accreditations')
    .addColumn('waiting_reason', 'text')
    .addColumn('waiting_until', 'timestamptz')
    .addColumn('waiting_subject_id', 'text')
    .execute();
  let after = '';
  for (;;) {
    const rows: { stream_id: string; state: AccreditationState }[] = await db
      .selectFrom('accreditations')
      .select(['stream_id', 'state'])
      .where('stream_id', '>', after)
      .orderBy('stream_id')
      .limit(1000)
      .execute();
    for (const { stream_id, state } of rows) {
      const waiting = waitingFor(state);
      if (!waiting) continue;
      await db
        .updateTable('accreditations')
        .set({
          waiting_reason: waiting.reason,
          waiting_until: waiting.until,
          waiting_subject_id: waiting.subjectId,
        })
        .where('stream_id', '=', stream_id)
        .execute();
    }
    const last = rows.at(-1);
    if (!last) break;
    after = last.stream_id;
  }
  await sql`CREATE INDEX accreditations_waiting ON accreditations (waiting_until, stream_id)
    WHERE waiting_until IS NOT NULL`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('accreditations_waiting').execute();
  await db.schema
    .alterTable('accreditations')
    .dropColumn('waiting_reason')
    .dropColumn('waiting_until')
    .dropColumn('waiting_subject_id')
    .execute();
}
