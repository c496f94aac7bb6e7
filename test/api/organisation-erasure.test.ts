/**
 * An organisation erased on its request (POST /organisations/{id}/erasure, Art. 17 DSGVO):
 * refused while a case of it runs; once every case ended, its name is gone from the case, the
 * register, the personal-data export of who opened the case, and after a projection rebuild; the
 * hash chains verify; who erased it is recorded.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { organisationStreamId } from '../../db/erasure-on-request';
import { appendToStream, readStream } from '../../db/event-store';
import { erasedName } from '../../db/personal-data';
import { inlineProjections } from '../../db/projections/index';
import { rebuildProjections } from '../../db/projections/rebuild';
import { verifyHashChains } from '../../db/verify';
import { type AccreditationState, evolve, initialState, isFinished } from '../../domain/accreditation';
import type { AccreditationEvent } from '../../domain/events';
import { erasedOnRequestName } from '../../domain/retention';
import { insertTestOrganisation } from '../fixtures/organisations';
import { accreditationScenario } from '../fixtures/scenarios';
import { createTestUser, type TestUser } from '../fixtures/users';
import { useTestStack } from '../support/stack';

const scenario = { cases: 12, seed: 7, startAt: '2020-01-05T09:00:00.000Z', maxStepsPerCase: 200 };

interface Case {
  accreditationId: string;
  organisationId: string;
  organisationName: string;
  ended: boolean;
  status: string;
}

/** The scenario's cases as they stand at its end (a pure fold). */
function scenarioCases(): Case[] {
  const states = new Map<string, AccreditationState>();
  for (const append of accreditationScenario(scenario)) {
    let state = states.get(append.streamId) ?? initialState();
    for (const event of append.events) state = evolve(state, event as AccreditationEvent);
    states.set(append.streamId, state);
  }
  return [...states].flatMap(([streamId, state]) =>
    state.status === 'none'
      ? []
      : [
          {
            accreditationId: streamId.slice('accreditation-'.length),
            organisationId: state.organisationId,
            organisationName: state.organisationName,
            ended: isFinished(state),
            status: state.status,
          },
        ],
  );
}

describe('erasing an organisation on its request', () => {
  const api = useTestStack({
    api: { credentialLimits: { perCredential: 1000, perAddress: 1000, windowMs: 60_000 } },
  });
  const cases = scenarioCases();
  const erased = cases.find((c) => c.ended && c.status === 'expired') as Case;
  const running = cases.find((c) => !c.ended) as Case;
  let admin: TestUser;
  let member: TestUser;
  let certificateNumber: string;

  const erase = (organisationId: string) =>
    api.call(admin, 'POST', `/organisations/${organisationId}/erasure`);

  /** What the API shows of the erased organisation's case, its register entry and its opener's export. */
  const shown = async () => {
    const answers = await Promise.all([
      api.call(admin, 'GET', `/accreditations/${erased.accreditationId}`),
      api.call(admin, 'GET', `/accreditations/${erased.accreditationId}/file`),
      api.call(null, 'GET', `/register/${certificateNumber}`),
      api.call(null, 'GET', '/register?limit=100'),
      api.call(admin, 'GET', '/users/staff-anna/personal-data'),
    ]);
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answers.map((answer) => JSON.stringify(answer.body)).join('\n');
  };

  beforeAll(async () => {
    const { db } = api.database;
    expect(erased).toBeDefined();
    expect(running).toBeDefined();
    admin = await api.user('admin');
    for (const c of [erased, running]) {
      await insertTestOrganisation(db, c.organisationId, c.organisationName);
    }
    member = await createTestUser(db, 'organisation', { organisationId: erased.organisationId });
    // The scenario's case manager, who opened every case: their export shows the openings.
    await db
      .insertInto('users')
      .values({ user_id: 'staff-anna', email: 'anna@dim.example', name: 'Anna Fall', role: 'staff' })
      .execute();
    for (const append of accreditationScenario(scenario)) {
      await appendToStream(db, append.streamId, append.expectedVersion, append.events, {
        projections: inlineProjections,
      });
    }
    const certificate = await db
      .selectFrom('certificates')
      .select('certificate_number')
      .where('stream_id', '=', `accreditation-${erased.accreditationId}`)
      .executeTakeFirstOrThrow();
    certificateNumber = certificate.certificate_number;
  }, 120_000);

  it('refuses while a case runs, and unknown organisations, changing nothing', async () => {
    const refused = await erase(running.organisationId);
    expect(refused.status).toBe(409);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      code: 'organisation_has_running_cases',
      cases: [running.accreditationId],
    });
    const still = await api.call(admin, 'GET', `/accreditations/${running.accreditationId}`);
    expect(still.body.organisation.name).toBe(running.organisationName);

    const unknown = await erase('no-such-organisation');
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
  });

  it('erases the name everywhere the API shows it, after a rebuild too; the chains verify', async () => {
    const { db } = api.database;
    expect(await shown()).toContain(erased.organisationName);

    const answer = await erase(erased.organisationId);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ cases: [erased.accreditationId], accounts: 1 });

    const afterwards = await shown();
    expect(afterwards).not.toContain(erased.organisationName);
    const detail = await api.call(admin, 'GET', `/accreditations/${erased.accreditationId}`);
    expect(detail.body.organisation.name).toBe(erasedOnRequestName);
    const account = await db
      .selectFrom('users')
      .select('name')
      .where('user_id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(account.name).toBe(erasedName);
    // Who erased and when, naming nobody.
    const [recorded] = await readStream(db, organisationStreamId(erased.organisationId));
    expect(recorded).toMatchObject({
      type: 'OrganisationErased',
      metadata: { actorId: admin.id, actorRole: 'admin' },
    });
    expect(JSON.stringify(recorded?.data)).not.toContain(erased.organisationName);

    const again = await erase(erased.organisationId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('organisation_already_erased');

    await rebuildProjections(db, { batchSize: 50 });
    expect(await shown()).not.toContain(erased.organisationName);
    for (const table of [
      'accreditations',
      'tasks',
      'certificates',
      'case_files',
      'organisations',
      'events',
    ]) {
      const { rows } = await sql<{ count: string }>`SELECT count(*) AS count FROM ${sql.table(table)} AS t
        WHERE t::text LIKE ${`%${erased.organisationName}%`}`.execute(db);
      expect(Number(rows[0]?.count), table).toBe(0);
    }
    expect((await verifyHashChains(db)).problems).toEqual([]);
    // The running case is untouched.
    const still = await api.call(admin, 'GET', `/accreditations/${running.accreditationId}`);
    expect(still.body.organisation.name).toBe(running.organisationName);
  }, 120_000);
});
