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
  await sql.raw(writeFunction({ waiting: true })).execute(db);
  await sql`CREATE INDEX accreditations_waiting ON accreditations (waiting_until, stream_id)
    WHERE waiting_until IS NOT NULL`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('accreditations_waiting').execute();
  await sql.raw(writeFunction({ waiting: false })).execute(db);
  await db.schema
    .alterTable('accreditations')
    .dropColumn('waiting_reason')
    .dropColumn('waiting_until')
    .dropColumn('waiting_subject_id')
    .execute();
}

/**
 * `write_accreditation_projection` (migration 2026-11-26-60) with or without the waiting columns
 * and, from migration 2026-11-28-45, the tasks' opening times: the projection's single write names
 * every column of the rows it writes; from migration 2026-11-28-90, the certificates' scope.
 */
export function writeFunction(columns: {
  waiting: boolean;
  taskOpenedAt?: boolean;
  certificateScope?: boolean;
}): string {
  const w = (text: string) => (columns.waiting ? text : '');
  const s = (text: string) => (columns.certificateScope ? text : '');
  return `
    CREATE OR REPLACE FUNCTION write_accreditation_projection(
      p_accreditations jsonb, p_tasks jsonb, p_deadlines jsonb, p_certificates jsonb, p_notifications jsonb
    ) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      v_streams text[];
    BEGIN
      INSERT INTO accreditations AS a (stream_id, accreditation_id, status, organisation_id,
        organisation_name, cycle, certificate_number, valid_from, valid_until, next_deadline_at,
        next_deadline_kind, first_task_due_at, ${w('waiting_reason, waiting_until, waiting_subject_id, ')}case_manager_id,
        auditor_ids, state, version, last_global_position, opened_at, updated_at)
      SELECT r.stream_id, r.accreditation_id, r.status, r.organisation_id, r.organisation_name, r.cycle,
        r.certificate_number, r.valid_from, r.valid_until, r.next_deadline_at, r.next_deadline_kind,
        r.first_task_due_at, ${w('r.waiting_reason, r.waiting_until, r.waiting_subject_id, ')}r.case_manager_id, r.auditor_ids, r.state::jsonb, r.version,
        r.last_global_position, r.opened_at, r.updated_at
      FROM jsonb_to_recordset(p_accreditations) AS r(stream_id text, accreditation_id text, status text,
        organisation_id text, organisation_name text, cycle integer, certificate_number text,
        valid_from timestamptz, valid_until timestamptz, next_deadline_at timestamptz,
        next_deadline_kind text, first_task_due_at timestamptz,
        ${w('waiting_reason text, waiting_until timestamptz, waiting_subject_id text, ')}case_manager_id text, auditor_ids text[],
        state text, version bigint, last_global_position bigint, opened_at timestamptz,
        updated_at timestamptz)
      ON CONFLICT (stream_id) DO UPDATE SET
        accreditation_id = excluded.accreditation_id, status = excluded.status,
        organisation_id = excluded.organisation_id, organisation_name = excluded.organisation_name,
        cycle = excluded.cycle, certificate_number = excluded.certificate_number,
        valid_from = excluded.valid_from, valid_until = excluded.valid_until,
        next_deadline_at = excluded.next_deadline_at, next_deadline_kind = excluded.next_deadline_kind,
        first_task_due_at = excluded.first_task_due_at, ${w(`waiting_reason = excluded.waiting_reason,
        waiting_until = excluded.waiting_until, waiting_subject_id = excluded.waiting_subject_id, `)}case_manager_id = excluded.case_manager_id,
        auditor_ids = excluded.auditor_ids, state = excluded.state, version = excluded.version,
        last_global_position = excluded.last_global_position, opened_at = excluded.opened_at,
        updated_at = excluded.updated_at;

      SELECT array_agg(r.stream_id) INTO v_streams
        FROM jsonb_to_recordset(p_accreditations) AS r(stream_id text);
      ${columns.taskOpenedAt ? tasksKeepingOpeningTimes : tasksRewritten}
      DELETE FROM deadlines WHERE stream_id = ANY (v_streams);

      INSERT INTO deadlines (stream_id, deadline_id, accreditation_id, kind, due_at, subject_id)
      SELECT r.stream_id, r.deadline_id, r.accreditation_id, r.kind, r.due_at, r.subject_id
      FROM jsonb_to_recordset(p_deadlines) AS r(stream_id text, deadline_id text,
        accreditation_id text, kind text, due_at timestamptz, subject_id text);

      IF jsonb_array_length(p_certificates) > 0 THEN
        INSERT INTO certificates (certificate_number, stream_id, organisation_name, status, valid_from,
          valid_until, ${s('scope, ')}updated_at)
        SELECT r.certificate_number, r.stream_id, r.organisation_name, r.status, r.valid_from,
          r.valid_until, ${s('r.scope, ')}r.updated_at
        FROM jsonb_to_recordset(p_certificates) AS r(certificate_number text, stream_id text,
          organisation_name text, status text, valid_from timestamptz, valid_until timestamptz,
          ${s('scope text, ')}updated_at timestamptz)
        ON CONFLICT (certificate_number) DO UPDATE SET
          stream_id = excluded.stream_id, organisation_name = excluded.organisation_name,
          status = excluded.status, valid_from = excluded.valid_from,
          valid_until = excluded.valid_until, ${s('scope = excluded.scope, ')}updated_at = excluded.updated_at;
      END IF;

      IF jsonb_array_length(p_notifications) > 0 THEN
        INSERT INTO notifications (notification_id, stream_id, global_position, event_type, kind,
          recipient_role, recipient_id, payload, last_error, created_at, sent_at)
        SELECT r.notification_id, r.stream_id, r.global_position, r.event_type, r.kind,
          r.recipient_role, r.recipient_id, r.payload::jsonb, r.last_error, r.created_at, r.sent_at
        FROM jsonb_to_recordset(p_notifications) AS r(notification_id text, stream_id text,
          global_position bigint, event_type text, kind text, recipient_role text, recipient_id text,
          payload text, last_error text, created_at timestamptz, sent_at timestamptz)
        ON CONFLICT (notification_id) DO NOTHING;
      END IF;
    END;
    $$`;
}

const tasksRewritten = `
      DELETE FROM tasks WHERE stream_id = ANY (v_streams);
      INSERT INTO tasks (stream_id, task_id, accreditation_id, kind, assignee_role, assignee_id,
        excluded_user_ids, subject_id, due_at, organisation_name)
      SELECT r.stream_id, r.task_id, r.accreditation_id, r.kind, r.assignee_role, r.assignee_id,
        r.excluded_user_ids, r.subject_id, r.due_at, r.organisation_name
      FROM jsonb_to_recordset(p_tasks) AS r(stream_id text, task_id text, accreditation_id text,
        kind text, assignee_role text, assignee_id text, excluded_user_ids text[], subject_id text,
        due_at timestamptz, organisation_name text);`;

/** A task still open keeps the opening time stored with it unless the projection dates it anew. */
const tasksKeepingOpeningTimes = `
      DELETE FROM tasks AS t WHERE t.stream_id = ANY (v_streams) AND NOT EXISTS (
        SELECT 1 FROM jsonb_to_recordset(p_tasks) AS r(stream_id text, task_id text)
        WHERE r.stream_id = t.stream_id AND r.task_id = t.task_id);
      INSERT INTO tasks AS t (stream_id, task_id, accreditation_id, kind, assignee_role, assignee_id,
        excluded_user_ids, subject_id, due_at, organisation_name, opened_at)
      SELECT r.stream_id, r.task_id, r.accreditation_id, r.kind, r.assignee_role, r.assignee_id,
        r.excluded_user_ids, r.subject_id, r.due_at, r.organisation_name, r.opened_at
      FROM jsonb_to_recordset(p_tasks) AS r(stream_id text, task_id text, accreditation_id text,
        kind text, assignee_role text, assignee_id text, excluded_user_ids text[], subject_id text,
        due_at timestamptz, organisation_name text, opened_at timestamptz)
      ON CONFLICT (stream_id, task_id) DO UPDATE SET
        accreditation_id = excluded.accreditation_id, kind = excluded.kind,
        assignee_role = excluded.assignee_role, assignee_id = excluded.assignee_id,
        excluded_user_ids = excluded.excluded_user_ids, subject_id = excluded.subject_id,
        due_at = excluded.due_at, organisation_name = excluded.organisation_name,
        opened_at = COALESCE(excluded.opened_at, t.opened_at);`;
