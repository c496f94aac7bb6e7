import { randomBytes, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { caseCalendar } from '../domain/calendar';
import type { AccreditationState } from '../domain/state';
import type { TaskKind } from '../domain/tasks';
import type { Database, UserRow } from './database';
import { hashToken } from './identity';
import { tasksForUser } from './read-model';

export interface CalendarFeed {
  feedId: string;
  label: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const present = (row: { feed_id: string; label: string; created_at: Date; revoked_at: Date | null }) => ({
  feedId: row.feed_id,
  label: row.label,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/** A new feed for the user; its secret is returned once and stored only as a hash. */
export async function createCalendarFeed(db: Kysely<Database>, userId: string, label: string) {
  const secret = randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('calendar_feeds')
    .values({ feed_id: randomUUID(), user_id: userId, secret_hash: hashToken(secret), label })
    .returning(['feed_id', 'label', 'created_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
  return { ...present(row), secret };
}

export async function listCalendarFeeds(db: Kysely<Database>, userId: string): Promise<CalendarFeed[]> {
  const rows = await db
    .selectFrom('calendar_feeds')
    .select(['feed_id', 'label', 'created_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return rows.map(present);
}

/** Revokes one of the user's feeds; undefined when the user has no such feed. */
export async function revokeCalendarFeed(db: Kysely<Database>, userId: string, feedId: string) {
  const row = await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
    .where('feed_id', '=', feedId)
    .where('user_id', '=', userId)
    .returning(['feed_id', 'label', 'created_at', 'revoked_at'])
    .executeTakeFirst();
  return row ? present(row) : undefined;
}

/** The owner of a feed that has not been revoked. */
export async function userForCalendarSecret(
  db: Kysely<Database>,
  secret: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('calendar_feeds as f')
    .innerJoin('users as u', 'u.user_id', 'f.user_id')
    .selectAll('u')
    .where('f.secret_hash', '=', hashToken(secret))
    .where('f.revoked_at', 'is', null)
    .executeTakeFirst();
}

export interface PersonalDeadline {
  accreditationId: string;
  organisationName: string;
  kind: TaskKind;
  subjectId: string;
  /** Unique within the case. */
  id: string;
  dueAt: string;
}

/**
 * The deadlines a person must meet: the due dates of the tasks in their inbox; for an
 * organisation, every deadline its cases set it, the self-assessments of years ahead included.
 */
export async function personalDeadlines(db: Kysely<Database>, user: UserRow): Promise<PersonalDeadline[]> {
  if (user.role === 'organisation') {
    const cases = await db
      .selectFrom('accreditations')
      .select(['accreditation_id', 'organisation_name', 'state'])
      .where('organisation_id', '=', user.organisation_id ?? '')
      .execute();
    return cases.flatMap((row) =>
      caseCalendar(row.state as AccreditationState).flatMap((item) =>
        item.category === 'deadline' && item.assigneeRole === 'organisation'
          ? [
              {
                accreditationId: row.accreditation_id,
                organisationName: row.organisation_name,
                kind: item.kind as TaskKind,
                subjectId: item.subjectId,
                id: item.id,
                dueAt: item.at,
              },
            ]
          : [],
      ),
    );
  }
  const tasks = await tasksForUser(db, user, { limit: 1000 });
  return tasks.flatMap((task) =>
    task.due_at
      ? [
          {
            accreditationId: task.accreditation_id,
            organisationName: task.organisation_name,
            kind: task.kind as TaskKind,
            subjectId: task.subject_id,
            id: `task:${task.task_id}`,
            dueAt: task.due_at.toISOString(),
          },
        ]
      : [],
  );
}
