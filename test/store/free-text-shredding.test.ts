/**
 * Free texts (domain/events/free-texts.ts) are sealed with their stream's key: the raw `events`
 * table never holds them, every read opens them. Erasing the case (`eraseCase`, as the retention
 * job and an erasure on request run it) deletes the key: the texts are then in no table (the
 * case's state, case file and outbox made anew), also after a projection rebuild, the events read
 * the placeholder, another case keeps its texts, and the hash chains verify.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendToStream, readStream } from '../../db/event-store';
import { inlineProjections } from '../../db/projections/index';
import { rebuildProjections } from '../../db/projections/rebuild';
import { eraseCase } from '../../db/retention';
import { verifyHashChains } from '../../db/verify';
import {
  locationsOf,
  personalFieldsOf,
  shreddedPlaceholder,
  valueAt,
  withValueAt,
} from '../../domain/events/personal-fields';
import { accreditationScenario } from '../fixtures/scenarios';
import { useTestStack } from '../support/stack';
import { tablesHolding } from '../support/tables-holding';

const stack = useTestStack({ temporal: false });
const scenario = { cases: 4, seed: 23, maxStepsPerCase: 60 };

/** Where an event's free texts stand. */
const freeTextLocations = (event: { type: string; data?: unknown }) =>
  personalFieldsOf(event.type)
    .filter((field) => field.subject.kind === 'stream')
    .flatMap((field) => locationsOf(event.data, field.path));

const scenarioAppends = [...accreditationScenario(scenario)];
const streams = [...new Set(scenarioAppends.map((append) => append.streamId))];
const markerOf = (streamId: string) => `ft${streams.indexOf(streamId)}x`;
const counted = new Map<string, number>();

/** The scenario with each free text marked as its stream's own: `… (ft<case>x<n>)`. */
const appends = scenarioAppends.map((append) => {
  const events = append.events.map((event) => {
    let data = event.data;
    for (const location of freeTextLocations(event)) {
      const n = (counted.get(append.streamId) ?? 0) + 1;
      counted.set(append.streamId, n);
      data = withValueAt(data, location, `${valueAt(data, location)} (${markerOf(append.streamId)}${n})`);
    }
    return { ...event, data };
  });
  return { ...append, events };
});
const textsOf = (streamId: string) =>
  appends
    .filter((append) => append.streamId === streamId)
    .flatMap((append) =>
      append.events.flatMap((event) => freeTextLocations(event).map((at) => valueAt(event.data, at))),
    );

/** The streams with the most free texts: one erased, one kept. */
const [erased, kept] = [...streams].sort((a, b) => textsOf(b).length - textsOf(a).length) as [string, string];
const erasedMarker = markerOf(erased);
const keptMarker = markerOf(kept);

const openedTexts = async (streamId: string) =>
  (await readStream(stack.db, streamId)).flatMap((event) =>
    freeTextLocations(event).map((at) => valueAt(event.data, at)),
  );

describe('free texts sealed with their stream’s key', () => {
  beforeAll(async () => {
    for (const append of appends) {
      await appendToStream(stack.db, append.streamId, append.expectedVersion, append.events, {
        projections: inlineProjections,
      });
    }
  });

  it('are never stored in clear, and every read opens them', async () => {
    expect(streams.length).toBeGreaterThanOrEqual(2);
    expect(textsOf(erased).length).toBeGreaterThan(3);
    expect(await tablesHolding(stack.db, erasedMarker)).not.toContain('events');
    expect(await openedTexts(erased)).toEqual(textsOf(erased));
    const { rows } = await sql<{ sealed: string }>`
      SELECT count(*) AS sealed FROM events WHERE stream_id = ${erased} AND data::text LIKE '%"$enc"%'`.execute(
      stack.db,
    );
    expect(Number(rows[0]?.sealed)).toBeGreaterThan(0);
  });

  it('are gone from every table once the case is erased, after a rebuild too; the chains verify', async () => {
    const { db } = stack;
    const row = await db
      .selectFrom('accreditations')
      .select(['accreditation_id', 'organisation_id', 'status', 'version'])
      .where('stream_id', '=', erased)
      .executeTakeFirstOrThrow();
    expect(await tablesHolding(stack.db, erasedMarker)).toEqual(
      expect.arrayContaining(['case_files', 'notifications']),
    );
    const now = new Date('2026-11-28T12:00:00Z');
    const done = await eraseCase(
      db,
      {
        accreditationId: row.accreditation_id,
        streamId: erased,
        organisationId: row.organisation_id,
        status: row.status,
        endedAt: now.toISOString(),
        version: row.version,
      },
      { data: { endedAt: now.toISOString(), onRequest: true }, actor: { id: 'admin-1', role: 'admin' }, now },
    );
    expect(done).toBe(true);

    expect(await tablesHolding(stack.db, erasedMarker)).toEqual([]);
    const opened = await openedTexts(erased);
    expect(opened.length).toBe(textsOf(erased).length);
    expect(new Set(opened)).toEqual(new Set([shreddedPlaceholder]));
    expect(await openedTexts(kept)).toEqual(textsOf(kept));
    expect((await verifyHashChains(db)).ok).toBe(true);

    await rebuildProjections(db, { batchSize: 50 });
    expect(await tablesHolding(stack.db, erasedMarker)).toEqual([]);
    expect(await tablesHolding(stack.db, keptMarker)).toEqual(
      expect.arrayContaining(['case_files', 'notifications']),
    );
    expect((await verifyHashChains(db)).ok).toBe(true);
  });
});
