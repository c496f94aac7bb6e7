/**
 * The retention period of ended cases (db/retention.ts): scripted histories whose cases ended long
 * ago (their business times in 2015) and recently (2021), a retention run "in November 2026" with
 * six years, and what is left: no bytes of the old case's documents, no name of its organisation
 * in any read table (after a projection rebuild too), valid hash chains, the recent case untouched.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserRow } from '../../db/database';
import { saveDocument, sha256Hex, withDocumentTables } from '../../db/documents';
import { freezeDossier } from '../../db/dossiers';
import { appendToStream, readStream } from '../../db/event-store';
import { erasedName } from '../../db/personal-data';
import { inlineProjections } from '../../db/projections/index';
import { rebuildProjections } from '../../db/projections/rebuild';
import { applyRetention, describeRetention } from '../../db/retention';
import { verifyHashChains } from '../../db/verify';
import { type AccreditationState, evolve, initialState, isFinished } from '../../domain/accreditation';
import type { AccreditationEvent } from '../../domain/events';
import { shreddedPlaceholder } from '../../domain/events/personal-fields';
import { erasedOrganisationName } from '../../domain/retention';
import { insertTestOrganisation } from '../fixtures/organisations';
import { accreditationScenario } from '../fixtures/scenarios';
import { createTestUser } from '../fixtures/users';
import { useTestStack } from '../support/stack';

const stack = useTestStack({ temporal: false });
const scenario = { cases: 12, seed: 7, startAt: '2012-01-05T09:00:00.000Z', maxStepsPerCase: 200 };
const now = new Date('2026-11-28T12:00:00.000Z');
const storage = { kind: 'database' } as const;

interface Ended {
  streamId: string;
  organisationId: string;
  organisationName: string;
  status: string;
  lastAt: string;
}

/** The scenario's cases as they end (a pure fold, no database). */
function endedCases(): Ended[] {
  const states = new Map<string, { state: AccreditationState; lastAt: string }>();
  for (const append of accreditationScenario(scenario)) {
    let state = states.get(append.streamId)?.state ?? initialState();
    for (const event of append.events) state = evolve(state, event as AccreditationEvent);
    states.set(append.streamId, { state, lastAt: String(append.events.at(-1)?.businessTime) });
  }
  return [...states].flatMap(([streamId, { state, lastAt }]) =>
    state.status !== 'none' && isFinished(state)
      ? [
          {
            streamId,
            organisationId: state.organisationId,
            organisationName: state.organisationName,
            status: state.status,
            lastAt,
          },
        ]
      : [],
  );
}

/** Where in the read tables (and master data) the text occurs, as `table: rows`. */
async function tablesNaming(text: string): Promise<Record<string, number>> {
  const like = `%${text}%`;
  const { rows } = await sql<{ name: string; rows: number }>`
    SELECT 'accreditations' AS name, count(*)::int AS rows FROM accreditations
      WHERE organisation_name LIKE ${like} OR state::text LIKE ${like}
    UNION ALL SELECT 'tasks', count(*)::int FROM tasks WHERE organisation_name LIKE ${like}
    UNION ALL SELECT 'certificates', count(*)::int FROM certificates WHERE organisation_name LIKE ${like}
    UNION ALL SELECT 'case_files', count(*)::int FROM case_files WHERE file::text LIKE ${like}
    UNION ALL SELECT 'notifications', count(*)::int FROM notifications WHERE payload::text LIKE ${like}
    UNION ALL SELECT 'dossiers', count(*)::int FROM dossiers WHERE content LIKE ${like}
    UNION ALL SELECT 'organisations', count(*)::int FROM organisations WHERE name LIKE ${like}`.execute(
    stack.db,
  );
  return Object.fromEntries(rows.filter((row) => row.rows > 0).map((row) => [row.name, row.rows]));
}

describe('retention of ended cases', () => {
  const cases = endedCases();
  const cutoff = Date.parse('2019-12-31T23:00:00.000Z');
  const old = cases.find((c) => c.status === 'expired' && Date.parse(c.lastAt) < cutoff) as Ended;
  const recent = cases.find(
    (c) => Date.parse(c.lastAt) > cutoff && Date.parse(c.lastAt) < now.getTime(),
  ) as Ended;
  const bytes = {
    own: Buffer.from('Prozessbeschreibung der alten Organisation'),
    shared: Buffer.from('Gemeinsame Vorlage'),
  };
  let oldUser: string;
  let recentUser: string;

  beforeAll(async () => {
    const { db } = stack;
    expect(old).toBeDefined();
    expect(recent).toBeDefined();
    const users: UserRow[] = [];
    for (const ended of [old, recent]) {
      await insertTestOrganisation(db, ended.organisationId, ended.organisationName);
      const user = await createTestUser(db, 'organisation', { organisationId: ended.organisationId });
      users.push(
        await db.selectFrom('users').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow(),
      );
    }
    const [oldAccount, recentAccount] = users as [UserRow, UserRow];
    oldUser = oldAccount.user_id;
    recentUser = recentAccount.user_id;
    const upload = (content: Buffer, by: UserRow) =>
      saveDocument(db, storage, { content, mediaType: 'text/plain', filename: 'a.txt', uploadedBy: by }, 1e6);
    await upload(bytes.own, oldAccount);
    await upload(bytes.shared, oldAccount);
    await upload(bytes.shared, recentAccount);
    // The old case's application names the document its organisation uploaded.
    const ownId = sha256Hex(bytes.own);
    for (const append of accreditationScenario(scenario)) {
      const events =
        append.streamId === old.streamId
          ? append.events.map((event) =>
              event.type === 'ApplicationSubmitted'
                ? {
                    ...event,
                    data: JSON.parse(JSON.stringify(event.data).replaceAll('doc-itsm-policy', ownId)),
                  }
                : event,
            )
          : append.events;
      await appendToStream(db, append.streamId, append.expectedVersion, events, {
        projections: inlineProjections,
      });
    }
    // A decision dossier of each case: frozen, but the old one goes with the retention period.
    for (const ended of [old, recent]) {
      await freezeDossier(db, {
        accreditationId: ended.streamId.slice('accreditation-'.length),
        version: 3,
        content: JSON.stringify({ organisationName: ended.organisationName }),
        frozenBy: 'dm-dora',
      });
    }
  });

  it('lists what would go in a dry run, erases it, and nothing comes back with a rebuild', async () => {
    const { db } = stack;
    const documents = withDocumentTables(db);
    const recentBefore = await db
      .selectFrom('accreditations')
      .selectAll()
      .where('stream_id', '=', recent.streamId)
      .executeTakeFirstOrThrow();

    const dryRun = await applyRetention(db, { now, years: 6, storage, dryRun: true });
    expect(dryRun.cutoff).toBe('2019-12-31T23:00:00.000Z');
    expect(dryRun.cases.map((c) => c.streamId)).toContain(old.streamId);
    expect(dryRun.cases.map((c) => c.streamId)).not.toContain(recent.streamId);
    expect(dryRun.documents).toContain(sha256Hex(bytes.own));
    expect(dryRun.accounts).toContain(oldUser);
    expect(describeRetention(dryRun)).toContain(`case ${old.streamId.slice('accreditation-'.length)}`);
    expect(await tablesNaming(old.organisationName)).toMatchObject({
      accreditations: 1,
      dossiers: 1,
      organisations: 1,
    });
    // The application may delete no dossier of a case not erased.
    const early = await sql<{
      erased: number;
    }>`SELECT erase_dossiers(${old.streamId.slice('accreditation-'.length)}) AS erased`.execute(db);
    expect(early.rows).toEqual([{ erased: 0 }]);
    await expect(sql`DELETE FROM dossiers`.execute(db)).rejects.toThrow(/permission denied/);

    const applied = await applyRetention(db, { now, years: 6, storage });
    expect(applied.cases.map((c) => c.streamId).sort()).toEqual(dryRun.cases.map((c) => c.streamId).sort());
    // The old organisation's own bytes are gone; bytes someone else also stored stay theirs.
    const left = await documents.selectFrom('document_uploads').select(['sha256', 'uploaded_by']).execute();
    expect(left).toEqual([{ sha256: sha256Hex(bytes.shared), uploaded_by: recentUser }]);
    const stored = await documents.selectFrom('documents').select('sha256').execute();
    expect(stored.map((row) => row.sha256)).toEqual([sha256Hex(bytes.shared)]);

    const erased = async () => {
      expect(await tablesNaming(old.organisationName)).toEqual({});
      const register = await db
        .selectFrom('certificates')
        .selectAll()
        .where('stream_id', '=', old.streamId)
        .execute();
      expect(register.length).toBeGreaterThan(0);
      for (const row of register) {
        // What a verifier may need stays: the number, its status and validity.
        expect(row).toMatchObject({ organisation_name: erasedOrganisationName, status: 'expired' });
      }
      const account = await db
        .selectFrom('users')
        .select('name')
        .where('user_id', '=', oldUser)
        .executeTakeFirstOrThrow();
      expect(account.name).toBe(erasedName);
      const recentAfter = await db
        .selectFrom('accreditations')
        .selectAll()
        .where('stream_id', '=', recent.streamId)
        .executeTakeFirstOrThrow();
      expect(recentAfter).toEqual(recentBefore);
      expect(await tablesNaming(recent.organisationName)).toMatchObject({
        accreditations: 1,
        dossiers: 1,
        organisations: 1,
      });
    };
    await erased();
    expect((await verifyHashChains(db)).ok).toBe(true);
    // Its data key went with it: the events, which never held the name in clear, read the placeholder.
    const keys = await sql<{ subject_id: string }>`SELECT subject_id FROM subject_keys`.execute(db);
    expect(keys.rows.map((row) => row.subject_id)).not.toContain(`organisation:${old.organisationId}`);
    expect(keys.rows.map((row) => row.subject_id)).toContain(`organisation:${recent.organisationId}`);
    const [opening] = await readStream(db, old.streamId, { toVersion: 1 });
    expect(opening?.data).toMatchObject({ organisationName: shreddedPlaceholder });
    const inClear = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM events WHERE data::text LIKE ${`%${old.organisationName}%`}`.execute(db);
    expect(inClear.rows).toEqual([{ n: 0 }]);

    await rebuildProjections(db);
    await erased();
    expect((await applyRetention(db, { now, years: 6, storage })).cases).toEqual([]);
  });
});
