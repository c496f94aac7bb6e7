/**
 * The events the compliance report judges (domain/compliance.ts): a case's stream, or those of a
 * page of cases, with each event's place, time and actor. The judgement itself is the domain's.
 */
import { type Kysely, sql } from 'kysely';
import type { CaseEvent, OwnComplaint } from '../domain/compliance';
import type { Database } from './database';
import { openPersonalFields } from './subject-keys';

interface EventRow {
  stream_id: string;
  stream_version: number;
  global_position: number;
  event_type: string;
  data: unknown;
  actor_id: string | null;
  at: number;
}

// Times as epoch milliseconds: node-postgres parses an integer far faster than a timestamp.
const caseEventsOf = (db: Kysely<Database>, streamIds: readonly string[]) =>
  sql<EventRow>`SELECT stream_id, stream_version, global_position, event_type, data,
      metadata ->> 'actorId' AS actor_id, (extract(epoch FROM business_time) * 1000)::bigint AS at
    FROM events WHERE stream_id = ANY(${streamIds}::text[]) ORDER BY stream_id, stream_version`.execute(db);

function toCaseEvent(row: EventRow): CaseEvent {
  return {
    type: row.event_type,
    data: row.data,
    version: row.stream_version,
    globalPosition: Number(row.global_position),
    at: new Date(Number(row.at)).toISOString(),
    by: row.actor_id,
  } as CaseEvent;
}

export interface CaseForCompliance {
  accreditationId: string;
  organisationName: string;
  status: string;
  events: CaseEvent[];
  /** Complaints about the case lodged as their own life cycle (the `complaints` table). */
  complaints: OwnComplaint[];
}

const caseColumns = ['stream_id', 'accreditation_id', 'organisation_name', 'status'] as const;

async function withEvents(
  db: Kysely<Database>,
  rows: { stream_id: string; accreditation_id: string; organisation_name: string; status: string }[],
): Promise<CaseForCompliance[]> {
  if (rows.length === 0) return [];
  const { rows: events } = await caseEventsOf(
    db,
    rows.map((row) => row.stream_id),
  );
  const byStream = new Map<string, CaseEvent[]>();
  for (const event of await openPersonalFields(db, events, (row) => row.event_type))
    byStream.set(event.stream_id, [...(byStream.get(event.stream_id) ?? []), toCaseEvent(event)]);
  const complaints = await db
    .selectFrom('complaints')
    .select(['complaint_id', 'accreditation_id', 'received_at', 'acknowledge_by', 'acknowledged_at'])
    .where(
      'accreditation_id',
      'in',
      rows.map((row) => row.accreditation_id),
    )
    .orderBy('received_at')
    .execute();
  const byCase = new Map<string, OwnComplaint[]>();
  for (const complaint of complaints) {
    const id = complaint.accreditation_id ?? '';
    byCase.set(id, [
      ...(byCase.get(id) ?? []),
      {
        complaintId: complaint.complaint_id,
        receivedAt: complaint.received_at.toISOString(),
        acknowledgeBy: complaint.acknowledge_by.toISOString(),
        acknowledgedAt: complaint.acknowledged_at?.toISOString() ?? null,
      },
    ]);
  }
  return rows.map((row) => ({
    accreditationId: row.accreditation_id,
    organisationName: row.organisation_name,
    status: row.status,
    events: byStream.get(row.stream_id) ?? [],
    complaints: byCase.get(row.accreditation_id) ?? [],
  }));
}

/** One case with its events; undefined when there is no such case. */
export async function caseForCompliance(db: Kysely<Database>, accreditationId: string) {
  const row = await db
    .selectFrom('accreditations')
    .select(caseColumns)
    .where('accreditation_id', '=', accreditationId)
    .executeTakeFirst();
  return row ? (await withEvents(db, [row]))[0] : undefined;
}

/** A page of cases by id (keyset: after the last id of the previous page), each with its events. */
export async function casesForCompliance(db: Kysely<Database>, page: { limit: number; after?: string }) {
  let query = db.selectFrom('accreditations').select(caseColumns);
  if (page.after) query = query.where('accreditation_id', '>', page.after);
  const rows = await query.orderBy('accreditation_id').limit(page.limit).execute();
  return withEvents(db, rows);
}
