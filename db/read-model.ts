import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { preparedStatement } from './connection';
import type { AccreditationSummaryRow, CertificateRow, Database, TaskRow, UserRow } from './database';

/** Every column of the accreditations projection but `state`. */
const summaryColumns = [
  'stream_id',
  'accreditation_id',
  'status',
  'organisation_id',
  'organisation_name',
  'cycle',
  'certificate_number',
  'valid_from',
  'valid_until',
  'next_deadline_at',
  'next_deadline_kind',
  'first_task_due_at',
  'waiting_reason',
  'waiting_until',
  'waiting_subject_id',
  'case_manager_id',
  'auditor_ids',
  'version',
  'last_global_position',
  'opened_at',
  'updated_at',
] as const satisfies readonly (keyof AccreditationSummaryRow)[];

/** A timeline entry: the event's place, type and time, and who caused it. */
interface TimelineEntry {
  stream_version: number;
  event_type: string;
  business_time: Date;
  actor_id: string | null;
  actor_role: string | null;
  /** A complaint's events name it (who may see them depends on the complaint). */
  complaint_id: string | null;
}

const findAccreditationStatement = preparedStatement('find_accreditation');
const visibilityStatement = preparedStatement('accreditation_visibility');

/**
 * One accreditation as staff see it: the projection row, its open tasks and its event timeline, in
 * one query (tasks and timeline aggregated as JSON, whose times come back as text).
 */
/** The case's status in the read model; undefined if there is no such case. */
export async function accreditationStatus(
  db: Kysely<Database>,
  accreditationId: string,
): Promise<string | undefined> {
  const found = await db
    .selectFrom('accreditations')
    .select('status')
    .where('accreditation_id', '=', accreditationId)
    .executeTakeFirst();
  return found?.status;
}

export async function findAccreditation(db: Kysely<Database>, accreditationId: string) {
  const found = await db
    .selectFrom('accreditations as a')
    .modifyFront(findAccreditationStatement)
    .select(summaryColumns)
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('tasks')
          .selectAll()
          .whereRef('tasks.stream_id', '=', 'a.stream_id')
          .orderBy('due_at')
          .orderBy('task_id'),
      ).as('tasks'),
      jsonArrayFrom(
        eb
          .selectFrom('events')
          .select([
            'stream_version',
            'event_type',
            'business_time',
            // The actor alone: the whole metadata is not shown.
            sql<string | null>`metadata ->> 'actorId'`.as('actor_id'),
            sql<string | null>`metadata ->> 'actorRole'`.as('actor_role'),
            sql<string | null>`data ->> 'complaintId'`.as('complaint_id'),
          ])
          .whereRef('events.stream_id', '=', 'a.stream_id')
          .orderBy('stream_version'),
      ).as('timeline'),
    ])
    .where('a.accreditation_id', '=', accreditationId)
    .executeTakeFirst();
  if (!found) return undefined;
  const { tasks, timeline, ...row } = found;
  return {
    row,
    tasks: tasks.map(
      (task): TaskRow => ({
        ...task,
        due_at: task.due_at ? new Date(task.due_at) : null,
        opened_at: task.opened_at ? new Date(task.opened_at) : null,
      }),
    ),
    timeline: timeline.map(
      (event): TimelineEntry => ({ ...event, business_time: new Date(event.business_time) }),
    ),
  };
}

export type AccreditationDetail = NonNullable<Awaited<ReturnType<typeof findAccreditation>>>;

/**
 * Whether the case exists and the user may see it, before a step: one query, and a second only
 * for an auditor not involved in the case (who may still hold one of its tasks).
 */
export async function maySeeAccreditationWithId(
  db: Kysely<Database>,
  user: UserRow,
  accreditationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('accreditations')
    .modifyFront(visibilityStatement)
    .select(['stream_id', 'organisation_id', 'auditor_ids'])
    .where('accreditation_id', '=', accreditationId)
    .executeTakeFirst();
  if (!row) return false;
  if (user.role !== 'auditor' || row.auditor_ids.includes(user.user_id)) {
    return maySeeAccreditation(user, row, []);
  }
  const task = await db
    .selectFrom('tasks')
    .select('task_id')
    .where('stream_id', '=', row.stream_id)
    .where('assignee_id', '=', user.user_id)
    .executeTakeFirst();
  return task !== undefined;
}

/**
 * Who sees a case: staff, administrators and decision makers all cases; an auditor the cases they
 * are involved in or hold a task of (a complaint investigation, say); an organisation its own.
 */
/** DIM's own roles see every case; auditors and organisations only their own. */
export function seesEveryCase(user: UserRow): boolean {
  return user.role === 'admin' || user.role === 'staff' || user.role === 'decision_maker';
}

export function maySeeAccreditation(
  user: UserRow,
  row: Pick<AccreditationSummaryRow, 'organisation_id' | 'auditor_ids'>,
  tasks: readonly Pick<TaskRow, 'assignee_id'>[],
): boolean {
  if (seesEveryCase(user)) return true;
  switch (user.role) {
    case 'auditor':
      return (
        row.auditor_ids.includes(user.user_id) || tasks.some((task) => task.assignee_id === user.user_id)
      );
    case 'organisation':
      return row.organisation_id === user.organisation_id;
    default:
      return false;
  }
}

// ─── lists ────────────────────────────────────────────────────────────────────────────────────────

export interface AccreditationFilter {
  status?: string[];
  organisationId?: string;
  organisationName?: string;
  auditorId?: string;
  overdue?: boolean;
  expiringWithinDays?: number;
  limit: number;
  /** Keyset: the (updated_at, accreditation_id) of the last row of the previous page. */
  after?: { updatedAt: Date; accreditationId: string };
  now?: Date;
}

/**
 * Accreditations the user may see, most recently changed first, keyset-paginated on
 * (updated_at, accreditation_id) so a page costs the same however deep it is.
 */
export async function listAccreditations(
  db: Kysely<Database>,
  user: UserRow,
  filter: AccreditationFilter,
): Promise<AccreditationSummaryRow[]> {
  const now = filter.now ?? new Date();
  let query = db.selectFrom('accreditations').select(summaryColumns);
  if (user.role === 'organisation') query = query.where('organisation_id', '=', user.organisation_id ?? '');
  if (user.role === 'auditor') {
    query = query.where((eb) =>
      eb.or([
        eb('auditor_ids', '@>', sql<string[]>`ARRAY[${user.user_id}]::text[]`),
        eb.exists(
          eb
            .selectFrom('tasks')
            .select(sql.lit(1).as('one'))
            .whereRef('tasks.stream_id', '=', 'accreditations.stream_id')
            .where('tasks.assignee_id', '=', user.user_id),
        ),
      ]),
    );
  }
  if (filter.status && filter.status.length > 0) query = query.where('status', 'in', filter.status);
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.organisationName) {
    query = query.where('organisation_name', 'ilike', `%${escapeLike(filter.organisationName)}%`);
  }
  if (filter.auditorId) {
    const auditorId = filter.auditorId;
    query = query.where('auditor_ids', '@>', sql<string[]>`ARRAY[${auditorId}]::text[]`);
  }
  if (filter.overdue) query = query.where('first_task_due_at', '<', now);
  if (filter.expiringWithinDays !== undefined) {
    query = query
      .where('status', 'in', ['accredited', 'suspended'])
      .where('valid_until', '>=', now)
      .where('valid_until', '<=', new Date(now.getTime() + filter.expiringWithinDays * 86_400_000));
  }
  if (filter.after) {
    const { updatedAt, accreditationId } = filter.after;
    // A row comparison, so the (updated_at, accreditation_id) indexes serve the next page.
    query = query.where(sql<boolean>`(updated_at, accreditation_id) < (${updatedAt}, ${accreditationId})`);
  }
  return query
    .orderBy('updated_at', 'desc')
    .orderBy('accreditation_id', 'desc')
    .limit(filter.limit)
    .execute();
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * The open tasks a user is to do: their own, and those any holder of their role may take (unless
 * excluded by the four-eyes principle). Organisations see their organisation's tasks. With
 * `all`, staff and administrators see every open task.
 */
export async function tasksForUser(
  db: Kysely<Database>,
  user: UserRow,
  options: { all?: boolean; limit: number } = { limit: 200 },
): Promise<TaskRow[]> {
  let query = db.selectFrom('tasks').selectAll();
  const staffLike = user.role === 'staff' || user.role === 'admin';
  if (!(options.all && staffLike)) {
    if (user.role === 'organisation') {
      query = query
        .where('assignee_role', '=', 'organisation')
        .where('assignee_id', '=', user.organisation_id ?? '');
    } else {
      const role = staffLike ? 'staff' : user.role;
      query = query.where((eb) =>
        eb.or([
          eb('assignee_id', '=', user.user_id),
          eb.and([
            eb('assignee_role', '=', role),
            eb('assignee_id', 'is', null),
            eb.not(eb(sql.val(user.user_id), '=', eb.fn.any('excluded_user_ids'))),
          ]),
        ]),
      );
    }
  }
  return query
    .orderBy(sql`due_at asc nulls last`)
    .orderBy('accreditation_id')
    .orderBy('task_id')
    .limit(options.limit)
    .execute();
}

// ─── the public register ──────────────────────────────────────────────────────────────────────────

/** Certificates by number or organisation name; a valid one past its end date reads as expired. */
export async function searchRegister(
  db: Kysely<Database>,
  search: { certificateNumber?: string; organisation?: string; limit: number },
  now: Date = new Date(),
): Promise<CertificateRow[]> {
  let query = db.selectFrom('certificates').selectAll();
  if (search.certificateNumber) query = query.where('certificate_number', '=', search.certificateNumber);
  if (search.organisation) {
    query = query.where('organisation_name', 'ilike', `%${escapeLike(search.organisation)}%`);
  }
  const rows = await query
    .orderBy('organisation_name')
    .orderBy('valid_from', 'desc')
    .limit(search.limit)
    .execute();
  return rows.map((row) =>
    row.status === 'valid' && row.valid_until.getTime() <= now.getTime()
      ? { ...row, status: 'expired' }
      : row,
  );
}

/** Whether a grant has issued the number, to any case (`certificate_numbers`, from the grant on). */
export async function isCertificateNumberTaken(
  db: Kysely<Database>,
  certificateNumber: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('certificate_numbers')
    .select('certificate_number')
    .where('certificate_number', '=', certificateNumber)
    .executeTakeFirst();
  return row !== undefined;
}
