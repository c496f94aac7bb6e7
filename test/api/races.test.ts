import { beforeAll, describe, expect, it } from 'vitest';
import { applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { type ApiResponse, eventually, organisationBody } from '../support/api-harness';
import { awaitingDecision } from '../support/awaiting-decision';
import { useTestStack } from '../support/stack';

/**
 * Issue 21, item 6: two people act on the same thing at the same moment. The case's workflow takes
 * one step at a time, so each race ends in one consistent state: the winner's step is recorded
 * once, and the loser gets 409 problem+json with a code saying why (or, where the second step would
 * change nothing, the unchanged case and nothing recorded).
 */
describe('races between people on one case', () => {
  const api = useTestStack({
    api: { credentialLimits: { perCredential: 1000, perAddress: 1000, windowMs: 60_000 } },
  });
  let staff: TestUser;
  let colleague: TestUser;
  let auditor: TestUser;
  let dora: TestUser;
  let dieter: TestUser;

  beforeAll(async () => {
    staff = await api.user('staff');
    colleague = await api.user('staff');
    auditor = await api.user('auditor');
    dora = await api.user('decision_maker');
    dieter = await api.user('decision_maker');
  }, 60_000);

  const count = async (id: string, type: string) =>
    (
      await api.db
        .selectFrom('events')
        .select('event_type')
        .where('stream_id', '=', `accreditation-${id}`)
        .where('event_type', '=', type)
        .execute()
    ).length;

  /** Both at once; answers [winner, loser] (the loser is the one that is not 200, if any). */
  async function atOnce(...calls: (() => Promise<ApiResponse>)[]): Promise<ApiResponse[]> {
    const responses = await Promise.all(calls.map((call) => call()));
    return responses.sort((a, b) => a.status - b.status);
  }

  it('two decision makers take the same decision: one holds it, the other is told it is taken', async () => {
    const { id } = await awaitingDecision(api, staff, auditor, 'Wettlauf Eins GmbH');
    const take = (who: TestUser) => () =>
      api.call(who, 'POST', `/accreditations/${id}/decision-maker/take`, {});
    const [winner, loser] = await atOnce(take(dora), take(dieter));
    expect(winner?.status, JSON.stringify(winner?.body)).toBe(200);
    expect(loser?.status, JSON.stringify(loser?.body)).toBe(409);
    expect(loser?.contentType).toContain('application/problem+json');
    expect(loser?.body.code).toBe('decision_taken');
    expect(await count(id, 'DecisionMakerAssigned')).toBe(1);
  });

  it('the holder grants and refuses from two tabs at once: one decision, the other refused with a code', async () => {
    const { id } = await awaitingDecision(api, staff, auditor, 'Wettlauf Zwei GmbH');
    expect((await api.call(dora, 'POST', `/accreditations/${id}/decision-maker/take`, {})).status).toBe(200);
    const [winner, loser] = await atOnce(
      () => api.call(dora, 'POST', `/accreditations/${id}/grant`, {}),
      () => api.call(dora, 'POST', `/accreditations/${id}/refuse`, { reasons: ['Nachweise fehlen.'] }),
    );
    expect(winner?.status, JSON.stringify(winner?.body)).toBe(200);
    expect(loser?.status, JSON.stringify(loser?.body)).toBe(409);
    expect(loser?.body.code).toEqual(expect.any(String));
    const granted = await count(id, 'AccreditationGranted');
    expect(granted + (await count(id, 'AccreditationRefused'))).toBe(1);
    const status = (await api.call(staff, 'GET', `/accreditations/${id}`)).body.status;
    expect(status).toBe(granted ? 'accredited' : 'refused');
  });

  it('a step that comes after the decision that ended the case is told so (409 case_ended, not 404)', async () => {
    const { id } = await awaitingDecision(api, staff, auditor, 'Wettlauf Vier GmbH');
    const refused = await api.call(dora, 'POST', `/accreditations/${id}/refuse`, {
      reasons: ['Nachweise fehlen.'],
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    // The refused case's workflow runs on until its appeal window (two seconds here) has closed.
    const grant = () => api.call(dora, 'POST', `/accreditations/${id}/grant`, {});
    const whileAppealable = await grant();
    expect(whileAppealable.body).toMatchObject({ code: 'invalid_transition', status: 409 });
    const late = await eventually(grant, (response) => response.body.code !== 'invalid_transition');
    expect(late.status, JSON.stringify(late.body)).toBe(409);
    expect(late.body).toMatchObject({ code: 'case_ended', status: 409 });
    expect(await count(id, 'AccreditationGranted')).toBe(0);
    const unknown = await api.call(dora, 'POST', `/accreditations/${crypto.randomUUID()}/grant`, {});
    expect(unknown.status).toBe(404);
  });

  it('two staff accept the same Antrag at once: it is accepted once', async () => {
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody('Wettlauf Drei GmbH'));
    const id: string = opened.body.id;
    const organisation = await api.user('organisation', { organisationId: opened.body.organisation.id });
    const submitted = await api.call(organisation, 'POST', `/accreditations/${id}/application`, {
      items: applicationByStatements,
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const accept = (who: TestUser) => () =>
      api.call(who, 'POST', `/accreditations/${id}/application/accept`, {});
    const responses = await atOnce(accept(staff), accept(colleague));
    for (const response of responses) {
      expect([200, 409], JSON.stringify(response.body)).toContain(response.status);
      if (response.status === 409) expect(response.body.code).toEqual(expect.any(String));
    }
    expect(responses[0]?.status).toBe(200);
    expect(await count(id, 'ApplicationAccepted')).toBe(1);
  });
});
