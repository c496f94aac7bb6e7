import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complainantData, eraseComplainant, erasedComplainantName } from '../../db/complainants';
import { appendToStream } from '../../db/event-store';
import { findRecipient } from '../../db/notifications';
import { inlineProjections } from '../../db/projections/index';
import { rebuildProjections } from '../../db/projections/rebuild';
import { verifyHashChains } from '../../db/verify';
import type { ComplaintEvent } from '../../domain/complaint';
import { composeMessage } from '../../notifications/compose';
import { publicComplaint } from '../fixtures/complaints';
import { createTestDatabase, type TestDatabase } from '../support/database';

const streamId = 'complaint-00000000-0000-4000-8000-0000000000c1';
const lodged: ComplaintEvent = {
  type: 'ComplaintLodged',
  data: {
    complaintId: '00000000-0000-4000-8000-0000000000c1',
    complainantId: 'complainant-1',
    ...publicComplaint,
    receivedAt: '2026-06-01T09:00:00.000Z',
    acknowledgeBy: '2026-06-15T09:00:00.000Z',
  },
};
const acknowledged: ComplaintEvent = {
  type: 'ComplaintAcknowledgedToComplainant',
  data: { complaintId: lodged.data.complaintId, complainantId: 'complainant-1' },
};

/** A complaint's stream projects into `complaints` and the outbox, live and after a rebuild alike. */
describe('the complaints projection', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await appendToStream(
      database.db,
      streamId,
      0,
      [lodged, acknowledged].map((event, index) => ({
        type: event.type,
        data: event.data,
        metadata: { actorId: 'public', actorRole: 'public' },
        businessTime: `2026-06-0${index + 1}T09:00:00.000Z`,
        idempotencyKey: `${streamId}/test/${index}`,
      })),
      { projections: inlineProjections },
    );
  });
  afterAll(() => database?.drop());

  const complaint = () => database.db.selectFrom('complaints').selectAll().execute();

  it('writes the row and tells staff and the complainant', async () => {
    const [row] = await complaint();
    expect(row).toMatchObject({
      status: 'acknowledged',
      organisation_name: 'Beispiel AG',
      complainant_id: 'complainant-1',
      version: 2,
    });
    expect(row?.acknowledged_at?.toISOString()).toBe('2026-06-02T09:00:00.000Z');
    const outbox = await database.db
      .selectFrom('notifications')
      .select(['kind', 'recipient_role', 'recipient_id'])
      .where('stream_id', '=', streamId)
      .orderBy('global_position')
      .execute();
    expect(outbox).toEqual([
      { kind: 'complaint_lodged', recipient_role: 'staff', recipient_id: null },
      {
        kind: 'complaint_acknowledged_to_complainant',
        recipient_role: 'complainant',
        recipient_id: 'complainant-1',
      },
    ]);
  });

  it('addresses the acknowledgement to the complainant’s contact record, in German', async () => {
    await database.db
      .insertInto('complainants')
      .values({ complainant_id: 'complainant-1', name: 'Erika Muster', email: 'erika@example.org' })
      .execute();
    const row = await database.db
      .selectFrom('notifications')
      .selectAll()
      .where('kind', '=', 'complaint_acknowledged_to_complainant')
      .executeTakeFirstOrThrow();
    const recipient = await database.db
      .transaction()
      .execute((trx) => findRecipient(trx, 'complainant', 'complainant-1'));
    expect(recipient).toEqual({
      address: 'erika@example.org',
      name: 'Erika Muster',
      language: 'de',
      digest: false,
    });
    const message = composeMessage(row, recipient as NonNullable<typeof recipient>, {
      from: 'dim@example.org',
      webUrl: 'http://dim.test',
    });
    expect(message.subject).toBe('[DIM] Ihre Beschwerde ist beim DIM eingegangen');
    expect(message.text).toContain('Ihre Beschwerde zu Beispiel AG ist beim DIM eingegangen');
    expect(message.text).toContain(`Ihr Aktenzeichen: ${lodged.data.complaintId}`);
  });

  it('is rebuilt from the events as it was', async () => {
    const before = await complaint();
    await rebuildProjections(database.db, { projections: inlineProjections });
    expect(await complaint()).toEqual(before);
  });

  it('erases the complainant: no name or address left after a rebuild, no mail possible', async () => {
    expect(await eraseComplainant(database.db, 'complainant-1', new Date('2026-07-01T00:00:00Z'))).toBe(true);
    await rebuildProjections(database.db, { projections: inlineProjections });
    const data = await complainantData(database.db, 'complainant-1');
    expect(data?.contact).toMatchObject({
      name: erasedComplainantName,
      email: 'erased-complainant-1@invalid',
    });
    expect(data?.complaints).toHaveLength(1);
    const events = await database.db
      .selectFrom('events')
      .select('data')
      .where('stream_id', '=', streamId)
      .execute();
    expect(JSON.stringify(events)).not.toMatch(/Erika|erika@/);
    expect(await verifyHashChains(database.db)).toMatchObject({ ok: true, problems: [] });
    const recipient = await database.db
      .transaction()
      .execute((trx) => findRecipient(trx, 'complainant', 'complainant-1'));
    expect(recipient).toBeUndefined();
  });
});
