import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A complainant: a contact record, mutable and erasable; the complaint's events carry only its id. */
export interface ComplainantsTable {
  complainant_id: string;
  name: string;
  email: string;
  language: ColumnType<'de' | 'en', 'de' | 'en' | undefined, 'de' | 'en'>;
  created_at: Generated<Date>;
  /** Set when name and address were erased (DSGVO Art. 17). */
  erased_at: Timestamp | null;
}

/** One row per complaint, projected from its stream (db/projections/complaints.ts). */
export interface ComplaintsTable {
  complaint_id: string;
  stream_id: string;
  version: number;
  status: string;
  channel: string;
  complainant_id: string;
  organisation_id: string | null;
  accreditation_id: string | null;
  certificate_number: string | null;
  organisation_name: string | null;
  text: string;
  received_at: Timestamp;
  acknowledge_by: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledgement_missed: ColumnType<boolean, boolean | undefined, boolean>;
  investigator_id: string | null;
  outcome: string | null;
  reasons: string | null;
  follow_up: string | null;
  follow_up_status: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  answered_at: Timestamp | null;
  closed_at: Timestamp | null;
}

export type ComplaintRow = Selectable<ComplaintsTable>;
export type ComplainantRow = Selectable<ComplainantsTable>;
