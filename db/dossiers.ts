import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, DossiersTable } from './database';

export type DossierRow = Selectable<DossiersTable>;

export const dossierHash = (content: string) => createHash('sha256').update(content, 'utf8').digest('hex');

/**
 * Keeps a dossier under the SHA-256 of its text. The same text frozen again (a repeated request)
 * is the same row; returns the hash.
 */
export async function freezeDossier(
  db: Kysely<Database>,
  dossier: { accreditationId: string; version: number; content: string; frozenBy: string },
): Promise<string> {
  const sha256 = dossierHash(dossier.content);
  await db
    .insertInto('dossiers')
    .values({
      sha256,
      accreditation_id: dossier.accreditationId,
      version: dossier.version,
      content: dossier.content,
      frozen_by: dossier.frozenBy,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return sha256;
}

export function findDossier(db: Kysely<Database>, sha256: string): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}
