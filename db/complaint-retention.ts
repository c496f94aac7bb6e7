/**
 * The retention period of complaints of their own (db/complaints.ts), run with the cases'
 * (db/retention.ts): a complaint closed before the cutoff gets a `ComplaintDataErased` event
 * (through the inline projections), whose fold erases its free texts in the `complaints` view —
 * the complaint text, the decision's reasons, and the organisation's name where the complainant
 * wrote it (a registered organisation's name goes with that organisation). The key of its stream
 * is deleted, so the texts sealed with it read as the placeholder in the events too (those
 * recorded before the texts were sealed stay in clear there, and a projection rebuild, which
 * replays the erasure after them, brings them back into no view). Its mails' payloads in the outbox (kept through a
 * rebuild) lose the texts too. A complainant none of whose complaints is kept any longer has
 * their contact erased, as on their request (`eraseComplainant`).
 */
import { type Kysely, sql } from 'kysely';
import { complaintDataErasedType, erasedComplaintText } from '../domain/retention';
import type { Database } from './database';
import { appendToStream } from './event-store';
import { VersionConflict } from './event-types';
import { inlineProjections } from './projections/index';
import { shredSubject } from './subject-keys';

export interface ExpiredComplaint {
  complaintId: string;
  streamId: string;
  complainantId: string;
  closedAt: string;
  version: number;
}

/** Closed complaints whose closing lies before the cutoff, not yet erased. */
export async function complaintsPastRetention(
  db: Kysely<Database>,
  cutoff: Date,
): Promise<ExpiredComplaint[]> {
  const rows = await db
    .selectFrom('complaints')
    .select(['complaint_id', 'stream_id', 'complainant_id', 'closed_at', 'version'])
    .where('status', '=', 'closed')
    .where('closed_at', '<', cutoff)
    .where('text', '<>', erasedComplaintText)
    .orderBy('closed_at')
    .execute();
  return rows.map((row) => ({
    complaintId: row.complaint_id,
    streamId: row.stream_id,
    complainantId: row.complainant_id,
    closedAt: (row.closed_at as Date).toISOString(),
    version: row.version,
  }));
}

/** Complainants of the complaints with no other complaint still kept, not yet erased. */
export async function complainantsPastRetention(
  db: Kysely<Database>,
  erasing: readonly ExpiredComplaint[],
): Promise<string[]> {
  const ids = [...new Set(erasing.map((complaint) => complaint.complainantId))];
  if (ids.length === 0) return [];
  const erasingIds = erasing.map((complaint) => complaint.complaintId);
  const rows = await db
    .selectFrom('complainants as c')
    .select('c.complainant_id')
    .where('c.complainant_id', 'in', ids)
    .where('c.erased_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('complaints as k')
            .select('k.complaint_id')
            .whereRef('k.complainant_id', '=', 'c.complainant_id')
            .where('k.text', '<>', erasedComplaintText)
            .where('k.complaint_id', 'not in', erasingIds),
        ),
      ),
    )
    .execute();
  return rows.map((row) => row.complainant_id);
}

/** False when another run erased it first. */
export async function eraseComplaint(
  db: Kysely<Database>,
  expired: ExpiredComplaint,
  options: { now: Date; years: number; actor: { id: string; role: string } },
): Promise<boolean> {
  try {
    await db.transaction().execute(async (trx) => {
      await appendToStream(
        trx,
        expired.streamId,
        expired.version,
        [
          {
            type: complaintDataErasedType,
            data: {
              complaintId: expired.complaintId,
              closedAt: expired.closedAt,
              retentionYears: options.years,
            },
            metadata: { actorId: options.actor.id, actorRole: options.actor.role },
            businessTime: options.now.toISOString(),
            idempotencyKey: `${expired.streamId}:retention`,
          },
        ],
        { projections: inlineProjections },
      );
      await shredSubject(trx, 'stream', expired.streamId);
      await sql`UPDATE notifications
                   SET payload = jsonb_build_object('complaintId', payload->'complaintId',
                     'organisationName', NULL, 'decision', NULL, 'data', '{}'::jsonb)
                 WHERE stream_id = ${expired.streamId}`.execute(trx);
    });
    return true;
  } catch (error) {
    if (error instanceof VersionConflict) return false;
    throw error;
  }
}
