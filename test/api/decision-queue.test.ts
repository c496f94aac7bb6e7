import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildProjections } from '../../db/projections/rebuild';
import type { TestUser } from '../fixtures/users';
import { eventually } from '../support/api-harness';
import { awaitingDecision } from '../support/awaiting-decision';
import { useTestStack } from '../support/stack';

interface Queued {
  accreditationId: string;
  kind: string;
  waitingSince: string | null;
  holderName: string | null;
}

/**
 * The decision queue: the decisions waiting longest come first, each since the event after which it
 * appeared — also once a decision maker has taken it, and after the projections were rebuilt.
 */
describe('the decision queue through the API', () => {
  const api = useTestStack({
    api: { credentialLimits: { perCredential: 1000, perAddress: 1000, windowMs: 60_000 } },
  });
  let staff: TestUser;
  let decisionMaker: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    staff = await api.user('staff');
    decisionMaker = await api.user('decision_maker');
    auditor = await api.user('auditor');
  }, 60_000);

  const queue = async (limit = 200): Promise<Queued[]> => {
    const response = await api.call(decisionMaker, 'GET', `/decision-queue?limit=${limit}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.items;
  };
  const decisionOf = async (id: string) =>
    eventually(
      async () =>
        (await queue()).find((item) => item.accreditationId === id && item.kind === 'decide_accreditation'),
      (item) => item !== undefined,
    );
  /** The business time of the case's last audit element: the event that opened its decision. */
  const auditCompletedAt = async (id: string) => {
    const row = await api.db
      .selectFrom('events')
      .select('business_time')
      .where('stream_id', '=', `accreditation-${id}`)
      .where('event_type', '=', 'AuditElementCompleted')
      .orderBy('stream_version', 'desc')
      .executeTakeFirstOrThrow();
    return new Date(row.business_time).toISOString();
  };

  it('lists the longest waiting first, dated by the event that opened each decision, and keeps the date when it is taken and after a rebuild', async () => {
    const first = await awaitingDecision(api, staff, auditor, 'Wartet Länger GmbH');
    const firstQueued = await decisionOf(first.id);
    const second = await awaitingDecision(api, staff, auditor, 'Wartet Kürzer GmbH');
    const secondQueued = await decisionOf(second.id);

    expect(firstQueued?.waitingSince).toBe(await auditCompletedAt(first.id));
    expect(secondQueued?.waitingSince).toBe(await auditCompletedAt(second.id));
    const ids = (await queue()).map((item) => item.accreditationId);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));

    const taken = await api.call(
      decisionMaker,
      'POST',
      `/accreditations/${first.id}/decision-maker/take`,
      {},
    );
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const held = await eventually(
      () => decisionOf(first.id),
      (item) => item?.holderName !== null,
    );
    expect(held?.waitingSince).toBe(firstQueued?.waitingSince);

    const before = await queue();
    await rebuildProjections(api.db, { batchSize: 3 });
    expect(await queue()).toEqual(before);
  });

  it('applies its limit after ordering by waiting time: the longest waiting decision is never cut off', async () => {
    const all = await queue();
    const since = all.map((item) => item.waitingSince ?? '');
    expect(since.every((time) => time !== '')).toBe(true);
    expect(since).toEqual([...since].sort());
    expect(await queue(1)).toEqual(all.slice(0, 1));
  });
});
