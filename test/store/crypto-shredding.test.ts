/**
 * Crypto-shredding (db/subject-keys.ts): the organisation's name is sealed with its key in the
 * events it stands in, so the raw `events` table never holds it; every read opens it; once the key
 * is deleted (`eraseOrganisationData`, as the retention job runs it) the events read the
 * placeholder, a projection rebuild brings the name into no table, and the hash chains verify.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { readStreamAsOf } from '../../db/as-of';
import { readCaseFile } from '../../db/case-file';
import { appendToStream, readStream } from '../../db/event-store';
import { eraseOrganisationData } from '../../db/organisation-erasure';
import { inlineProjections } from '../../db/projections/index';
import { rebuildProjections } from '../../db/projections/rebuild';
import { verifyHashChains } from '../../db/verify';
import { shreddedPlaceholder } from '../../domain/events/personal-fields';
import { erasedOrganisationName } from '../../domain/retention';
import { insertTestOrganisation } from '../fixtures/organisations';
import { accreditationScenario } from '../fixtures/scenarios';
import { useTestStack } from '../support/stack';
import { tablesHolding } from '../support/tables-holding';

const stack = useTestStack({ temporal: false });
const scenario = { cases: 3, seed: 11, maxStepsPerCase: 40 };

interface Opened {
  streamId: string;
  organisationId: string;
  organisationName: string;
}

const opened: Opened[] = [...accreditationScenario(scenario)].flatMap((append) =>
  append.events.flatMap((event) =>
    event.type === 'AccreditationOpened'
      ? [{ streamId: append.streamId, ...(event.data as Omit<Opened, 'streamId'>) }]
      : [],
  ),
);
const [erased, kept] = opened as [Opened, Opened];
const complaintStream = 'complaint-shredding-1';

const openedName = async (streamId: string) => {
  const [opening] = await readStream(stack.db, streamId, { toVersion: 1 });
  return (opening?.data as { organisationName?: string } | undefined)?.organisationName;
};

describe('crypto-shredding of the organisation’s name in the events', () => {
  beforeAll(async () => {
    const { db } = stack;
    expect(opened.length).toBe(3);
    for (const organisation of [erased, kept]) {
      await insertTestOrganisation(db, organisation.organisationId, organisation.organisationName);
    }
    for (const append of accreditationScenario(scenario)) {
      await appendToStream(db, append.streamId, append.expectedVersion, append.events, {
        projections: inlineProjections,
      });
    }
    const at = '2026-02-01T09:00:00.000Z';
    await appendToStream(db, complaintStream, 0, [
      {
        type: 'ComplaintLodged',
        data: {
          complaintId: 'shredding-1',
          complainantId: 'complainant-1',
          text: 'Beschwerde',
          channel: 'public',
          subject: {
            organisationId: erased.organisationId,
            accreditationId: null,
            certificateNumber: null,
            organisationName: erased.organisationName,
          },
          receivedAt: at,
          acknowledgeBy: at,
        },
        metadata: { actorId: 'public', actorRole: 'public' },
        businessTime: at,
        idempotencyKey: `${complaintStream}:lodged`,
      },
    ]);
  });

  it('never stores the name in clear, and every read opens it', async () => {
    const { db } = stack;
    const { rows } = await sql<{ data: { organisationName: unknown } }>`
      SELECT data FROM events WHERE event_type = 'AccreditationOpened'`.execute(db);
    expect(rows).toHaveLength(3);
    for (const { data } of rows) expect(data.organisationName).toEqual({ $enc: expect.any(String) });
    for (const { organisationName } of opened) {
      expect(await tablesHolding(stack.db, organisationName)).not.toContain('events');
    }
    expect(await tablesHolding(stack.db, erased.organisationName)).toEqual(
      expect.arrayContaining(['accreditations', 'organisations']),
    );

    expect(await openedName(erased.streamId)).toBe(erased.organisationName);
    const [lodged] = await readStream(db, complaintStream);
    expect(lodged?.data).toMatchObject({ subject: { organisationName: erased.organisationName } });
    const accreditationId = erased.streamId.slice('accreditation-'.length);
    expect((await readCaseFile(db, accreditationId))?.file.organisationName).toBe(erased.organisationName);
    const asOf = await readStreamAsOf(db, erased.streamId, new Date());
    expect(asOf[0]?.data).toMatchObject({ organisationName: erased.organisationName });

    // The application makes and deletes keys, never changes nor empties them.
    await expect(sql`UPDATE subject_keys SET key = key`.execute(db)).rejects.toThrow(/permission denied/);
    await expect(sql`TRUNCATE subject_keys`.execute(db)).rejects.toThrow(/permission denied/);
  });

  it('reads the placeholder once the key is deleted, in no table after a rebuild; the chains verify', async () => {
    const { db } = stack;
    await eraseOrganisationData(db, erased.organisationId, erasedOrganisationName);
    expect(await openedName(erased.streamId)).toBe(shreddedPlaceholder);
    const [lodged] = await readStream(db, complaintStream);
    expect(lodged?.data).toMatchObject({ subject: { organisationName: shreddedPlaceholder } });
    expect(await openedName(kept.streamId)).toBe(kept.organisationName);
    expect((await verifyHashChains(db)).ok).toBe(true);

    await rebuildProjections(db, { batchSize: 50 });
    expect(await tablesHolding(stack.db, erased.organisationName)).toEqual([]);
    const accreditationId = erased.streamId.slice('accreditation-'.length);
    expect((await readCaseFile(db, accreditationId))?.file.organisationName).toBe(shreddedPlaceholder);
    const row = await db
      .selectFrom('accreditations')
      .select('organisation_name')
      .where('stream_id', '=', erased.streamId)
      .executeTakeFirstOrThrow();
    expect(row.organisation_name).toBe(shreddedPlaceholder);
    expect(await tablesHolding(stack.db, kept.organisationName)).toEqual(
      expect.arrayContaining(['accreditations', 'organisations']),
    );
    expect((await verifyHashChains(db)).ok).toBe(true);
  });
});
