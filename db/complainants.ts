/**
 * Complainants as contact records (issue 22 item 6): the complaint's events carry only the id, so
 * erasing the name and address here erases them everywhere, the hash chain stays valid and a
 * projection rebuild (which never writes this table) brings nothing back.
 */
import type { Kysely } from 'kysely';
import type { Database } from './database';

/** The contact record (name, address, language; replaced by the erasure). */
export const findComplainant = (db: Kysely<Database>, complainantId: string) =>
  db.selectFrom('complainants').selectAll().where('complainant_id', '=', complainantId).executeTakeFirst();

/** What is held about a complainant (DSGVO Art. 15): the contact and the complaints they lodged. */
export async function complainantData(db: Kysely<Database>, complainantId: string) {
  const contact = await findComplainant(db, complainantId);
  if (!contact) return undefined;
  const complaints = await db
    .selectFrom('complaints')
    .select(['complaint_id', 'status', 'organisation_name', 'text', 'received_at'])
    .where('complainant_id', '=', complainantId)
    .orderBy('received_at')
    .execute();
  return { contact, complaints };
}

/** What an erased complainant's name reads as. */
export const erasedComplainantName = 'Gelöschte Person';

/** Erasure (DSGVO Art. 17): name and address replaced; no mail can reach them any longer. */
export async function eraseComplainant(
  db: Kysely<Database>,
  complainantId: string,
  at: Date,
): Promise<boolean> {
  const erased = await db
    .updateTable('complainants')
    .set({ name: erasedComplainantName, email: `erased-${complainantId}@invalid`, erased_at: at })
    .where('complainant_id', '=', complainantId)
    .executeTakeFirst();
  return erased.numUpdatedRows > 0n;
}
