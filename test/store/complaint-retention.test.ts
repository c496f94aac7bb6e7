/**
 * The retention period of complaints of their own (db/complaint-retention.ts, run by
 * applyRetention): a complaint closed in 2015 loses its free texts in the `complaints` view and its
 * mails, after a projection rebuild too; its complainant, with no other complaint kept, loses their
 * contact; a complaint still open and its complainant's contact stay; the hash chains verify.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { erasedComplainantName } from '../../db/complainants';
import { appendToStream } from '../../db/event-store';
import { inlineProjections } from '../../db/projections/index';
import { rebuildProjections } from '../../db/projections/rebuild';
import { applyRetention, describeRetention } from '../../db/retention';
import { verifyHashChains } from '../../db/verify';
import type { ComplaintEvent } from '../../domain/complaint';
import { erasedComplaintText } from '../../domain/retention';
import { publicComplaint } from '../fixtures/complaints';
import { useTestStack } from '../support/stack';

const stack = useTestStack({ temporal: false });
const now = new Date('2026-11-28T12:00:00.000Z');
const storage = { kind: 'database' } as const;
const reasons = 'Der Hinweis von Frau Beschwerdeführerin traf zu.';

/** A complaint's events from lodging on: closed when `closed`, with the decision's reasons. */
function complaintEvents(complaintId: string, complainantId: string, closed: boolean): ComplaintEvent[] {
  const lodged: ComplaintEvent = {
    type: 'ComplaintLodged',
    data: {
      complaintId,
      complainantId,
      ...publicComplaint,
      text: `${publicComplaint.text} ${complaintId}`,
      receivedAt: '2015-03-01T09:00:00.000Z',
      acknowledgeBy: '2015-03-15T09:00:00.000Z',
    },
  };
  if (!closed) return [lodged];
  return [
    lodged,
    { type: 'ComplaintAcknowledgedToComplainant', data: { complaintId, complainantId } },
    {
      type: 'ComplaintResolved',
      data: { complaintId, outcome: 'upheld', reasons, followUp: 'none', decidedBy: 'staff-anna' },
    },
    { type: 'ComplaintAnsweredToComplainant', data: { complaintId, complainantId } },
    { type: 'ComplaintConcluded', data: { complaintId } },
  ];
}

describe('retention of complaints of their own', () => {
  const complaints = [
    { id: 'old-1', complainant: 'complainant-gone', closed: true, at: '2015' },
    { id: 'old-2', complainant: 'complainant-kept', closed: true, at: '2015' },
    { id: 'open-1', complainant: 'complainant-kept', closed: false, at: '2026' },
  ];

  beforeAll(async () => {
    const { db } = stack;
    for (const id of ['complainant-gone', 'complainant-kept']) {
      await db
        .insertInto('complainants')
        .values({ complainant_id: id, name: `Erika ${id}`, email: `${id}@example.org` })
        .execute();
    }
    for (const complaint of complaints) {
      const streamId = `complaint-${complaint.id}`;
      const events = complaintEvents(complaint.id, complaint.complainant, complaint.closed);
      await appendToStream(
        db,
        streamId,
        0,
        events.map((event, index) => ({
          type: event.type,
          data: event.data,
          metadata: { actorId: 'staff-anna', actorRole: 'staff' },
          businessTime: `${complaint.at}-03-0${index + 1}T09:00:00.000Z`,
          idempotencyKey: `${streamId}/${index}`,
        })),
        { projections: inlineProjections },
      );
    }
  });

  const view = (id: string) =>
    stack.db
      .selectFrom('complaints')
      .select(['status', 'text', 'reasons', 'organisation_name', 'outcome'])
      .where('complaint_id', '=', id)
      .executeTakeFirstOrThrow();
  const contact = (id: string) =>
    stack.db
      .selectFrom('complainants')
      .select(['name', 'email'])
      .where('complainant_id', '=', id)
      .executeTakeFirstOrThrow();
  /** The rows of the table whose text holds the free text. */
  const holding = async (table: string, text: string) => {
    const { rows } = await sql<{ count: string }>`SELECT count(*) AS count FROM ${sql.table(table)} AS t
      WHERE t::text LIKE ${`%${text}%`}`.execute(stack.db);
    return Number(rows[0]?.count);
  };

  it('erases closed complaints’ free texts and their complainants’ contact, after a rebuild too', async () => {
    const { db } = stack;
    expect(await view('old-1')).toMatchObject({ text: `${publicComplaint.text} old-1`, reasons });
    expect(await holding('notifications', 'old-1')).toBeGreaterThan(0);

    const dryRun = await applyRetention(db, { now, years: 6, storage, dryRun: true });
    expect(dryRun.complaints).toEqual(['old-1', 'old-2']);
    expect(dryRun.complainants).toEqual(['complainant-gone']);
    expect(describeRetention(dryRun)).toContain('complainant complainant-gone');
    expect((await view('old-1')).text).toBe(`${publicComplaint.text} old-1`);

    const applied = await applyRetention(db, { now, years: 6, storage });
    expect(applied.complaints).toEqual(['old-1', 'old-2']);
    const erased = async () => {
      for (const id of ['old-1', 'old-2']) {
        // What the complaint was and how it was decided stays; the texts go.
        expect(await view(id)).toEqual({
          status: 'closed',
          text: erasedComplaintText,
          reasons: erasedComplaintText,
          organisation_name: null,
          outcome: 'upheld',
        });
      }
      for (const table of ['complaints', 'notifications', 'complainants']) {
        expect(await holding(table, reasons), table).toBe(0);
        expect(await holding(table, `${publicComplaint.text} old-`), table).toBe(0);
        expect(await holding(table, 'Erika complainant-gone'), table).toBe(0);
      }
      expect((await contact('complainant-gone')).name).toBe(erasedComplainantName);
      expect(await contact('complainant-kept')).toEqual({
        name: 'Erika complainant-kept',
        email: 'complainant-kept@example.org',
      });
      expect(await view('open-1')).toMatchObject({
        status: 'received',
        text: `${publicComplaint.text} open-1`,
        organisation_name: 'Beispiel AG',
      });
    };
    await erased();
    await rebuildProjections(db, { batchSize: 50 });
    await erased();
    expect((await verifyHashChains(db)).problems).toEqual([]);

    const again = await applyRetention(db, { now, years: 6, storage });
    expect(again.complaints).toEqual([]);
    expect(again.complainants).toEqual([]);
  });
});
