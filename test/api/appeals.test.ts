import { beforeAll, describe, expect, it } from 'vitest';
import { applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { eventually, organisationBody } from '../support/api-harness';
import { pilotPolicy } from '../support/policies';
import { useTestStack } from '../support/stack';

/** Issue 20, item 6 through HTTP: an appeal against the rejection of the Antrag (ISO/IEC 17021-1 §9.7). */
describe('appeals, through HTTP', () => {
  const api = useTestStack({ api: true });
  let staff: TestUser;
  let decisionMaker: TestUser;

  beforeAll(async () => {
    staff = await api.user('staff');
    decisionMaker = await api.user('decision_maker');
  });

  async function eventTypes(id: string) {
    const rows = await api.db
      .selectFrom('events')
      .select('event_type')
      .where('stream_id', '=', `accreditation-${id}`)
      .orderBy('stream_version')
      .execute();
    return rows.map((row) => row.event_type);
  }

  async function step(user: TestUser, id: string, path: string, body: unknown) {
    const response = await api.call(user, 'POST', `/accreditations/${id}/${path}`, body);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
    return response.body;
  }

  /** A case whose Antrag staff rejected; the organisation may appeal within `appealWindow`. */
  async function rejected(appealWindow: Record<string, number>) {
    const opened = await api.call(staff, 'POST', '/accreditations', {
      ...organisationBody(),
      policy: { ...pilotPolicy, appealWindow },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id: string = opened.body.id;
    const applicant = await api.user('organisation', { organisationId: opened.body.organisation.id });
    await step(applicant, id, 'application', { items: applicationByStatements });
    await step(staff, id, 'application/reject', { reasons: ['Kein IT-Dienstleister im Sinne von §2.'] });
    return { id, applicant };
  }

  const appeal = { decisionId: 'cycle-1:rejection-1', reasons: ['Wir betreiben einen Servicedesk (§2).'] };
  const appealId = 'cycle-1:rejection-1:appeal';

  it('is lodged by the organisation, shown in the case file, decided by a decision maker, and reopens the Antrag', async () => {
    const { id, applicant } = await rejected({ minutes: 10 });
    expect((await api.call(staff, 'POST', `/accreditations/${id}/appeals`, appeal)).status).toBe(403);
    await step(applicant, id, 'appeals', appeal);
    const again = await api.call(applicant, 'POST', `/accreditations/${id}/appeals`, appeal);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('appeal_already_lodged');

    const file = await api.call(applicant, 'GET', `/accreditations/${id}/file`);
    expect(file.status).toBe(200);
    expect(file.body.file.appeals).toMatchObject([
      {
        decisionId: appeal.decisionId,
        against: 'rejection',
        appeal: { appealId, reasons: appeal.reasons, decision: null },
      },
    ]);

    const decided = await step(decisionMaker, id, 'appeals/decide', {
      appealId,
      outcome: 'upheld',
      reasons: ['Der Servicedesk ist eine IT-Dienstleistung.'],
    });
    expect(decided.status).toBe('application_review');
    const mails = await api.db
      .selectFrom('notifications')
      .select(['kind', 'recipient_role'])
      .where('stream_id', '=', `accreditation-${id}`)
      .where('kind', 'in', ['appeal_lodged', 'appeal_decided'])
      .execute();
    expect(mails).toEqual(
      expect.arrayContaining([
        { kind: 'appeal_lodged', recipient_role: 'organisation' },
        { kind: 'appeal_decided', recipient_role: 'organisation' },
      ]),
    );
  });

  it('after its window is refused with 409 appeal_window_closed, and nothing is recorded', async () => {
    const { id, applicant } = await rejected({ seconds: 1 });
    await eventually(
      () => eventTypes(id),
      (types) => types.includes('AppealWindowClosed'),
    );
    const before = await eventTypes(id);
    const late = await api.call(applicant, 'POST', `/accreditations/${id}/appeals`, appeal);
    expect(late.status).toBe(409);
    expect(late.contentType).toContain('application/problem+json');
    expect(late.body.code).toBe('appeal_window_closed');
    expect(await eventTypes(id)).toEqual(before);
  });
});
