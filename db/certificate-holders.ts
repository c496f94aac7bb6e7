import { type Kysely, sql } from 'kysely';
import type { Database } from './database';

/** Who holds a certificate, as the certificate itself states it. */
export interface CertificateHolder {
  accreditation_id: string;
  organisation_id: string;
  edition: string;
  street: string;
  postal_code: string;
  city: string;
  country: string;
}

/**
 * The case and organisation behind a certificate number: the edition of its case (fixed when the
 * case was opened) and the organisation's address (the scope is the register row's). Undefined for an unknown number.
 */
export function findCertificateHolder(
  db: Kysely<Database>,
  certificateNumber: string,
): Promise<CertificateHolder | undefined> {
  return db
    .selectFrom('certificates as c')
    .innerJoin('accreditations as a', 'a.stream_id', 'c.stream_id')
    .innerJoin('organisations as o', 'o.organisation_id', 'a.organisation_id')
    .select([
      'a.accreditation_id',
      'a.organisation_id',
      sql<string>`a.state->>'edition'`.as('edition'),
      'o.street',
      'o.postal_code',
      'o.city',
      'o.country',
    ])
    .where('c.certificate_number', '=', certificateNumber)
    .executeTakeFirst();
}
