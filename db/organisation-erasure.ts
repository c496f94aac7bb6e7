/**
 * Erasing an organisation's data (issue 22 item 6), as the retention job does once none of its
 * cases is kept: its data key is deleted, so its name sealed in the events (db/subject-keys.ts)
 * reads as the placeholder, in a projection rebuild too; its master data is anonymised; its name
 * is replaced in the notifications of its cases (the outbox survives a rebuild) and in the complaints
 * about it (until a rebuild reads the placeholder there). Its accounts,
 * documents and dossiers are the caller's (db/retention.ts).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './database';
import { shredSubject } from './subject-keys';

export async function eraseOrganisationData(
  db: Kysely<Database>,
  organisationId: string,
  erasedName: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await shredSubject(trx, 'organisation', organisationId);
    await trx
      .updateTable('organisations')
      .set({
        name: erasedName,
        street: '',
        postal_code: '',
        city: '',
        contact_email: `erased-${organisationId}@invalid`,
      })
      .where('organisation_id', '=', organisationId)
      .execute();
    await trx
      .updateTable('complaints')
      .set({ organisation_name: erasedName })
      .where('organisation_id', '=', organisationId)
      .where('organisation_name', 'is not', null)
      .execute();
    await sql`UPDATE notifications
                 SET payload = jsonb_set(payload, '{organisationName}', to_jsonb(${erasedName}::text))
               WHERE payload ? 'organisationName' AND stream_id IN
                 (SELECT stream_id FROM accreditations WHERE organisation_id = ${organisationId})`.execute(
      trx,
    );
  });
}
