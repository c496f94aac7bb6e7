import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import { rebuildProjections } from '../db/projections/rebuild';
import { accreditationScenario, type ScenarioAppend } from '../test/fixtures/scenarios';

/**
 * Appends many scripted appends in one statement through the store's own SQL function
 * `append_events` (optimistic concurrency, idempotency, hash chain), without the projections —
 * for loading an event store quickly; rebuild the projections afterwards.
 */
export async function loadAppends(db: Kysely<Database>, appends: ScenarioAppend[]): Promise<void> {
  const payload = JSON.stringify(
    appends.map((a) => ({
      streamId: a.streamId,
      expectedVersion: a.expectedVersion,
      types: a.events.map((e) => e.type),
      data: a.events.map((e) => e.data),
      metadata: a.events.map((e) => e.metadata),
      times: a.events.map((e) => e.businessTime),
      keys: a.events.map((e) => e.idempotencyKey),
    })),
  );
  const { rows } = await sql<{ outcome: string }>`
    SELECT (append_events(a->>'streamId', (a->>'expectedVersion')::bigint,
      ARRAY(SELECT jsonb_array_elements_text(a->'types')), a->'data', a->'metadata',
      ARRAY(SELECT jsonb_array_elements_text(a->'times'))::timestamptz[],
      ARRAY(SELECT jsonb_array_elements_text(a->'keys')))).outcome
    FROM jsonb_array_elements(${payload}::jsonb) AS x(a)`.execute(db);
  const failed = rows.find((row) => row.outcome !== 'appended');
  if (failed) throw new Error(`load failed: ${failed.outcome}`);
}

export interface SeedOptions {
  accreditations: number;
  /** Case managers and auditors the copies are spread over. */
  staffIds: string[];
  auditorIds: string[];
  /** Copy the templates' case files too (the dashboard reads none). */
  caseFiles?: boolean;
}

/**
 * Many accreditations, straight into the projections: a few dozen scripted cases (the real
 * decider, see test/support/scenarios.ts) are appended and projected the normal way, and their
 * rows — state, tasks, case files — are copied to `accreditations` cases with their own ids,
 * organisations, case managers, auditors and dates spread over three years.
 */
export async function seedAccreditations(db: Kysely<Database>, options: SeedOptions): Promise<void> {
  // Templates: cases cut off after 2 to 60 steps: every stage of the procedure, and certificates of every age.
  for (const [index, maxStepsPerCase] of [2, 4, 7, 10, 14, 18, 24, 30, 40, 60].entries()) {
    const appends = [...accreditationScenario({ cases: 12, seed: 100 + index, maxStepsPerCase })];
    for (let i = 0; i < appends.length; i += 200) await loadAppends(db, appends.slice(i, i + 200));
  }
  await rebuildProjections(db);
  await sql`CREATE TABLE seed_templates AS
    SELECT (row_number() OVER (ORDER BY stream_id) - 1)::int AS n, * FROM accreditations`.execute(db);
  await sql`CREATE TABLE seed_template_tasks AS
    SELECT t.n, tasks.* FROM tasks JOIN seed_templates t USING (stream_id)`.execute(db);
  await sql`CREATE TABLE seed_template_files AS
    SELECT t.n, case_files.file FROM case_files JOIN seed_templates t USING (stream_id)`.execute(db);
  await sql`CREATE TABLE seed_rows AS
    SELECT g, g % (SELECT count(*) FROM seed_templates)::int AS n,
      gen_random_uuid()::text AS id,
      now() - (random() * interval '1095 days') AS updated_at,
      -- Due dates around now, so some tasks are overdue.
      now() + ((g % 120) - 20) * interval '1 day' AS due_at,
      ${sql.val(options.staffIds)}::text[] AS staff, ${sql.val(options.auditorIds)}::text[] AS auditors
    FROM generate_series(1, ${options.accreditations}::int) AS g`.execute(db);
  await sql`TRUNCATE accreditations, tasks, case_files`.execute(db);
  // Identity of the copy: ids, organisation, case manager and auditors from pools; dates shifted so
  // the last change is spread over three years and certificates expire at any time in the next three.
  // The tables are filled at once, each INSERT on a connection (and so a core) of its own.
  const copyAccreditations = sql`INSERT INTO accreditations (stream_id, accreditation_id, status,
      organisation_id, organisation_name, cycle, certificate_number, valid_from, valid_until,
      next_deadline_at, next_deadline_kind, case_manager_id, auditor_ids, state, version,
      last_global_position, opened_at, updated_at, first_task_due_at)
    SELECT 'accreditation-' || r.id, r.id, t.status, 'org-' || r.g,
      split_part(t.organisation_name, ' GmbH', 1) || ' GmbH ' || r.g, t.cycle,
      CASE WHEN t.certificate_number IS NULL THEN NULL ELSE 'DIM1002-B-' || r.g END,
      CASE WHEN t.valid_from IS NULL THEN NULL ELSE r.updated_at - interval '30 days' END,
      CASE WHEN t.valid_until IS NULL THEN NULL ELSE r.updated_at + interval '1065 days' END,
      t.next_deadline_at - t.updated_at + r.updated_at, t.next_deadline_kind,
      r.staff[1 + r.g % cardinality(r.staff)],
      CASE WHEN cardinality(t.auditor_ids) = 0 THEN '{}'::text[]
        ELSE ARRAY[r.auditors[1 + r.g % cardinality(r.auditors)], r.auditors[1 + (r.g / 7) % cardinality(r.auditors)]] END,
      t.state, t.version, r.g, r.updated_at - (t.updated_at - t.opened_at), r.updated_at,
      CASE WHEN t.first_task_due_at IS NULL THEN NULL ELSE r.due_at END
    FROM seed_rows r JOIN seed_templates t USING (n)`.execute(db);
  const copyTasks = sql`INSERT INTO tasks
    SELECT 'accreditation-' || r.id, t.task_id, r.id, t.kind, t.assignee_role,
      CASE t.assignee_role WHEN 'organisation' THEN 'org-' || r.g
        WHEN 'staff' THEN r.staff[1 + r.g % cardinality(r.staff)]
        WHEN 'auditor' THEN r.auditors[1 + r.g % cardinality(r.auditors)] END,
      t.excluded_user_ids, t.subject_id, CASE WHEN t.due_at IS NULL THEN NULL ELSE r.due_at END,
      split_part(t.organisation_name, ' GmbH', 1) || ' GmbH ' || r.g
    FROM seed_rows r JOIN seed_template_tasks t USING (n)`.execute(db);
  const copyFiles = options.caseFiles
    ? sql`INSERT INTO case_files (stream_id, accreditation_id, version, file)
        SELECT 'accreditation-' || r.id, r.id, t.version,
          f.file || jsonb_build_object('accreditationId', r.id, 'organisationId', 'org-' || r.g)
        FROM seed_rows r JOIN seed_templates t USING (n) JOIN seed_template_files f USING (n)`.execute(db)
    : Promise.resolve();
  await Promise.all([copyAccreditations, copyTasks, copyFiles]);
  await sql`DROP TABLE seed_rows, seed_template_tasks, seed_template_files, seed_templates`.execute(db);
  for (const table of ['accreditations', 'tasks', 'case_files']) {
    await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(db);
  }
}
