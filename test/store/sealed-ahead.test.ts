/**
 * A name the API sealed before its step entered Temporal (`sealedAhead`): the store keeps it as it
 * is, the projections see it in clear, and the append activity answers a retried append with the
 * field as stored, so the activity's result in the history holds no name either.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { createEventStore } from '../../db/event-store';
import { inlineProjections } from '../../db/projections/index';
import { findAccreditation } from '../../db/read-model';
import { sealedAhead } from '../../db/subject-keys';
import { isSealed } from '../../domain/events/personal-fields';
import { insertTestOrganisation } from '../fixtures/organisations';
import { accreditationScenario } from '../fixtures/scenarios';
import { useTestStack } from '../support/stack';

const stack = useTestStack({ temporal: false });

describe('a personal field sealed before the append', () => {
  it('is stored as it came, projected in clear, and returned sealed to a retried append', async () => {
    const { db } = stack;
    const [opening] = [...accreditationScenario({ cases: 1, seed: 23, maxStepsPerCase: 1 })];
    const [event] = opening?.events ?? [];
    if (!opening || event?.type !== 'AccreditationOpened') throw new Error('the scenario opens no case');
    const data = event.data as { accreditationId: string; organisationId: string; organisationName: string };
    const name = `Vorab versiegelt ${randomUUID().slice(0, 8)} GmbH`;
    await insertTestOrganisation(db, data.organisationId, name);
    const sealed = await sealedAhead(
      db,
      { type: 'AccreditationOpened', data: { ...data, organisationName: name } },
      ['organisationName'],
    );
    expect(isSealed(sealed)).toBe(true);

    const { appendEvents } = createActivities({
      eventStore: createEventStore({ db, projections: inlineProjections }),
    });
    const input = {
      streamId: opening.streamId,
      expectedVersion: 0,
      events: [{ ...event, data: { ...data, organisationName: sealed } }],
    };
    const appended = await appendEvents(input);
    const retried = await appendEvents(input);

    expect(appended.status).toBe('appended');
    expect(retried.status).toBe('duplicate');
    for (const outcome of [appended, retried]) {
      expect(JSON.stringify(outcome)).not.toContain(name);
      expect(outcome.recorded[0]?.data).toMatchObject({ organisationName: sealed });
    }
    expect((await findAccreditation(db, data.accreditationId))?.row.organisation_name).toBe(name);
    const [stored] = await createEventStore({ db }).readStream(opening.streamId);
    expect(stored?.data).toMatchObject({ organisationName: name });
  });
});
