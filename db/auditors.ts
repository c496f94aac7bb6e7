import { type Kysely, sql } from 'kysely';
import type { Database } from './database';

/** The technical areas staff have found the auditor competent in, sorted. */
export async function competencesOf(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('auditor_competences')
    .select('technical_area')
    .where('user_id', '=', userId)
    .orderBy('technical_area')
    .execute();
  return rows.map((row) => row.technical_area);
}

/** Replaces the auditor's competences with `areas`, in one transaction. */
export async function replaceCompetences(
  db: Kysely<Database>,
  userId: string,
  areas: readonly string[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('auditor_competences').where('user_id', '=', userId).execute();
    if (areas.length === 0) return;
    await trx
      .insertInto('auditor_competences')
      .values([...new Set(areas)].map((area) => ({ user_id: userId, technical_area: area })))
      .execute();
  });
}

/** What an auditor's assignment to the case depends on, from the case's stored state. */
export interface AssignmentTerms {
  technicalAreas: string[];
  requireAuditorCompetence: boolean;
}

export async function assignmentTerms(
  db: Kysely<Database>,
  accreditationId: string,
): Promise<AssignmentTerms | undefined> {
  const row = await db
    .selectFrom('accreditations')
    .select([
      sql<string[] | null>`state -> 'technicalAreas'`.as('technical_areas'),
      sql<boolean | null>`(state -> 'policy' ->> 'requireAuditorCompetence')::boolean`.as('require'),
    ])
    .where('accreditation_id', '=', accreditationId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { technicalAreas: row.technical_areas ?? [], requireAuditorCompetence: row.require ?? false };
}
