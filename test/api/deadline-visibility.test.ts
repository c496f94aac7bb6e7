import { beforeAll, describe, expect, it } from 'vitest';
import { applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { organisationBody } from '../support/api-harness';
import { useTestStack } from '../support/stack';

type Deadline = { kind: string; at: string } | null;

/**
 * DIM's internal deadlines (a complaint's acknowledgement here) are staff's business: the
 * organisation's view of its case — the case, the case list, a step's answer, the case as of an
 * instant — names neither them nor the complaint, while staff see them.
 */
describe('internal deadlines are not shown to the organisation', () => {
  const api = useTestStack({ api: true });
  let staff: TestUser;
  let organisation: TestUser;
  let id: string;

  beforeAll(async () => {
    staff = await api.user('staff');
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody('Fristenklar GmbH'));
    id = opened.body.id;
    organisation = await api.user('organisation', { organisationId: opened.body.organisation.id });
    const complaint = await api.call(staff, 'POST', `/accreditations/${id}/complaints`, {
      complainant: 'Kunde K.',
      summary: 'Das Siegel wird auf einer fremden Website verwendet.',
    });
    expect(complaint.status, JSON.stringify(complaint.body)).toBe(200);
  }, 60_000);

  const nextDeadline = async (user: TestUser, query = '') => {
    const detail = await api.call(user, 'GET', `/accreditations/${id}${query}`);
    expect(detail.status).toBe(200);
    return detail.body.nextDeadline as Deadline;
  };

  it('gives staff the complaint acknowledgement deadline as the next deadline', async () => {
    expect(await nextDeadline(staff)).toMatchObject({ kind: 'complaint_acknowledgement_deadline' });
  });

  it('gives the organisation no internal deadline on the case, in its list or as of now', async () => {
    expect(await nextDeadline(organisation)).toBeNull();
    const list = await api.call(organisation, 'GET', '/accreditations');
    expect(
      list.body.items.map((item: { id: string; nextDeadline: Deadline }) => [item.id, item.nextDeadline]),
    ).toEqual([[id, null]]);
    const staffList = await api.call(staff, 'GET', '/accreditations?organisationName=Fristenklar');
    expect(staffList.body.items[0].nextDeadline).toMatchObject({
      kind: 'complaint_acknowledgement_deadline',
    });
    const asOf = `?asOf=${encodeURIComponent(new Date().toISOString())}`;
    expect(await nextDeadline(organisation, asOf)).toBeNull();
    expect(await nextDeadline(staff, asOf)).toMatchObject({ kind: 'complaint_acknowledgement_deadline' });
  });

  it('answers the organisation’s own step with its own view of the case', async () => {
    const answer = await api.call(organisation, 'POST', `/accreditations/${id}/application`, {
      items: applicationByStatements,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.nextDeadline).toBeNull();
    const types = answer.body.timeline.map((entry: { type: string }) => entry.type);
    expect(types).toContain('ApplicationSubmitted');
    expect(types).not.toContain('ComplaintReceived');
    expect(answer.body.openTasks.map((task: { kind: string }) => task.kind)).not.toContain(
      'acknowledge_complaint',
    );
    const staffView = await api.call(staff, 'GET', `/accreditations/${id}`);
    expect(staffView.body.timeline.map((entry: { type: string }) => entry.type)).toContain(
      'ComplaintReceived',
    );
  });
});
