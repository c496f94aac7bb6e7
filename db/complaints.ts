/**
 * What the API reads and keeps for complaints (issue 20 item 5): whom a complaint is about, who is
 * involved with that organisation (and so may not investigate), the list and one complaint, and the
 * complaints about a case as its file shows them.
 */
import { type Kysely, sql } from 'kysely';
import { type CaseFollowUp, caseFollowUpOf } from '../domain/case-file/complaint-follow-up';
import { ownComplaintFile, type StampedComplaintEvent } from '../domain/case-file/own-complaints';
import type { Complaint } from '../domain/case-file/schema';
import type { ComplaintSubject } from '../domain/complaint';
import type { Duration } from '../domain/duration';
import { defaultPolicy, type Policy } from '../domain/policy';
import { readCaseFile } from './case-file';
import type { ComplaintRow } from './complaint-tables';
import type { Database } from './database';
import { openPersonalFields } from './subject-keys';

export interface ComplaintSubjectFound {
  subject: ComplaintSubject;
  /** The case's `complaintAcknowledgementDeadline`, or the default policy's. */
  acknowledgementDeadline: Duration;
}

/** The organisation's newest case, by a certificate number it held or by its registered name. */
async function caseOf(
  db: Kysely<Database>,
  named: { certificateNumber?: string; organisationName?: string },
) {
  const query = db
    .selectFrom('accreditations')
    .select(['accreditation_id', 'organisation_id', 'organisation_name', 'state'])
    .orderBy('opened_at', 'desc')
    .limit(1);
  if (named.certificateNumber) {
    const numbered = await db
      .selectFrom('certificate_numbers')
      .select('stream_id')
      .where('certificate_number', '=', named.certificateNumber)
      .executeTakeFirst();
    if (numbered) return query.where('stream_id', '=', numbered.stream_id).executeTakeFirst();
  }
  if (!named.organisationName) return undefined;
  return (
    query
      // Both sides lowered by PostgreSQL: JavaScript's lowering of „Ü“ differs from a C-locale database's.
      .where((eb) =>
        eb(eb.fn('lower', ['organisation_name']), '=', eb.fn('lower', [eb.val(named.organisationName)])),
      )
      .executeTakeFirst()
  );
}

/**
 * Whom the complaint is about: the organisation and its newest case when DIM knows them (running
 * or ended), otherwise only as the complainant named it.
 */
export async function complaintSubject(
  db: Kysely<Database>,
  named: { certificateNumber?: string; organisationName?: string },
): Promise<ComplaintSubjectFound> {
  const known = await caseOf(db, named);
  const policy = (known?.state as { policy?: Partial<Policy> } | undefined)?.policy;
  return {
    subject: {
      organisationId: known?.organisation_id ?? null,
      accreditationId: known?.accreditation_id ?? null,
      certificateNumber: named.certificateNumber ?? null,
      organisationName: known?.organisation_name ?? named.organisationName ?? null,
    },
    acknowledgementDeadline:
      policy?.complaintAcknowledgementDeadline ?? defaultPolicy.complaintAcknowledgementDeadline,
  };
}

/** Everyone involved with the organisation's case (its staff, auditors, decision maker) and its own people. */
export async function peopleInvolved(
  db: Kysely<Database>,
  subject: { organisationId: string | null; accreditationId: string | null },
): Promise<string[]> {
  const involved = new Set<string>();
  if (subject.accreditationId) {
    const known = await db
      .selectFrom('accreditations')
      .select(['case_manager_id', 'auditor_ids', 'state'])
      .where('accreditation_id', '=', subject.accreditationId)
      .executeTakeFirst();
    const decisionMakerId = (known?.state as { decisionMakerId?: string | null } | undefined)
      ?.decisionMakerId;
    for (const id of [known?.case_manager_id, ...(known?.auditor_ids ?? []), decisionMakerId]) {
      if (id) involved.add(id);
    }
  }
  if (subject.organisationId) {
    const own = await db
      .selectFrom('users')
      .select('user_id')
      .where('organisation_id', '=', subject.organisationId)
      .execute();
    for (const { user_id } of own) involved.add(user_id);
  }
  return [...involved];
}

/** A new complainant's contact record; the complaint's events carry only the id. */
export async function recordComplainant(
  db: Kysely<Database>,
  contact: { complainantId: string; name: string; email: string; language: 'de' | 'en' },
) {
  await db
    .insertInto('complainants')
    .values({
      complainant_id: contact.complainantId,
      name: contact.name,
      email: contact.email,
      language: contact.language,
    })
    .execute();
}

export const findComplaint = (db: Kysely<Database>, complaintId: string) =>
  db.selectFrom('complaints').selectAll().where('complaint_id', '=', complaintId).executeTakeFirst();

/**
 * What became of the complaint's special audit or suspension on the organisation's case, from the
 * case file; null without such a follow-up, or when it never reached the case.
 */
export async function caseFollowUp(
  db: Kysely<Database>,
  complaint: ComplaintRow,
): Promise<CaseFollowUp | null> {
  const followUp = complaint.follow_up;
  if (!complaint.accreditation_id || (followUp !== 'special_audit' && followUp !== 'suspension')) return null;
  const stored = await readCaseFile(db, complaint.accreditation_id);
  return stored ? caseFollowUpOf(stored.file, complaint.complaint_id, followUp) : null;
}

/** The newest first, optionally only those of one status. */
export function listComplaints(db: Kysely<Database>, filter: { status?: string; limit: number }) {
  let query = db.selectFrom('complaints').selectAll().orderBy('received_at', 'desc').limit(filter.limit);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.execute();
}

/**
 * The complaints about a case lodged as their own life cycle, each folded from its stream as the
 * case file shows complaints (the complainant by name, or its erasure), the oldest first.
 */
export async function complaintsAboutCase(
  db: Kysely<Database>,
  accreditationId: string,
): Promise<Complaint[]> {
  const complaints = await db
    .selectFrom('complaints')
    .innerJoin('complainants', 'complainants.complainant_id', 'complaints.complainant_id')
    .select(['complaints.stream_id', 'complainants.name'])
    .where('complaints.accreditation_id', '=', accreditationId)
    .orderBy('complaints.received_at')
    .execute();
  if (complaints.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .select([
      'stream_id',
      'event_type',
      'data',
      'business_time',
      sql<string | null>`metadata ->> 'actorId'`.as('actor_id'),
    ])
    .where(
      'stream_id',
      'in',
      complaints.map((complaint) => complaint.stream_id),
    )
    .orderBy('stream_id')
    .orderBy('stream_version')
    .execute();
  const events = await openPersonalFields(db, rows, (row) => row.event_type);
  return complaints.flatMap(({ stream_id, name }) => {
    const stamped = events
      .filter((event) => event.stream_id === stream_id)
      .map(
        (event) =>
          ({
            type: event.event_type,
            data: event.data,
            at: new Date(event.business_time).toISOString(),
            by: event.actor_id === 'public' ? null : event.actor_id,
          }) as StampedComplaintEvent,
      );
    return ownComplaintFile(stamped, name) ?? [];
  });
}
