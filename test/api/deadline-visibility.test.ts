import { beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../fixtures/users';
import { inDocumentReview } from '../support/awaiting-decision';
import { useTestStack } from '../support/stack';

type Deadline = { kind: string; at: string } | null;

/**
 * DIM's own deadlines (the reminder it sends its reviewer here) are not the organisation's: its view
 * of its case — the case, the case list, a step's answer, the case as of an instant — names none of
 * them, while staff see them.
 */
describe('internal deadlines are not shown to the organisation', () => {
  const api = useTestStack({ api: true });
  let staff: TestUser;
  let reviewer: TestUser;
  let organisation: TestUser;
  let id: string;

  beforeAll(async () => {
    staff = await api.user('staff');
    reviewer = await api.user('auditor');
    ({ id, organisation } = await inDocumentReview(api, staff, reviewer, 'Fristenklar GmbH'));
  }, 60_000);

  const nextDeadline = async (user: TestUser, query = '') => {
    const detail = await api.call(user, 'GET', `/accreditations/${id}${query}`);
    expect(detail.status).toBe(200);
    return detail.body.nextDeadline as Deadline;
  };

  it('gives staff the reviewer’s reminder as the next deadline', async () => {
    expect(await nextDeadline(staff)).toMatchObject({ kind: 'document_review_reminder' });
  });

  it('gives the organisation no internal deadline on the case, in its list or as of now', async () => {
    expect(await nextDeadline(organisation)).toBeNull();
    const list = await api.call(organisation, 'GET', '/accreditations');
    expect(
      list.body.items.map((item: { id: string; nextDeadline: Deadline }) => [item.id, item.nextDeadline]),
    ).toEqual([[id, null]]);
    const staffList = await api.call(staff, 'GET', '/accreditations?organisationName=Fristenklar');
    expect(staffList.body.items[0].nextDeadline).toMatchObject({ kind: 'document_review_reminder' });
    const asOf = `?asOf=${encodeURIComponent(new Date().toISOString())}`;
    expect(await nextDeadline(organisation, asOf)).toBeNull();
    expect(await nextDeadline(staff, asOf)).toMatchObject({ kind: 'document_review_reminder' });
  });

  it('answers the organisation’s own step with its own view of the case', async () => {
    const requested = await api.call(reviewer, 'POST', `/accreditations/${id}/document-requests`, {
      documents: ['Notfallhandbuch'],
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    const request = requested.body.openTasks.find((task: { kind: string }) => task.kind === 'answer_request');
    expect(request, JSON.stringify(requested.body.openTasks)).toBeDefined();
    const answer = await api.call(organisation, 'POST', `/accreditations/${id}/information-responses`, {
      requestId: request.subjectId,
      answer: 'Liegt bei.',
      documentIds: [],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.nextDeadline).toBeNull();
    expect(answer.body.timeline.map((entry: { type: string }) => entry.type)).toContain(
      'InformationProvided',
    );
    expect(await nextDeadline(staff)).toMatchObject({ kind: 'document_review_reminder' });
  });
});
