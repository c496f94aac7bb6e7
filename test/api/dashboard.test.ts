import { beforeAll, describe, expect, it } from 'vitest';
import { caseStatuses } from '../../domain/accreditation';
import type { PolicyInput } from '../../domain/policy-schema';
import { applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { eventually, organisationBody } from '../support/api-harness';
import { grantedCertificate } from '../support/granted-case';
import { useTestStack } from '../support/stack';

/**
 * A certificate of ten minutes whose first self-assessment falls due 20 s after the grant: it is
 * escalated 2 s after that and proposed for suspension 12 s after.
 */
const escalatingPolicy: PolicyInput = {
  version: 'test-dashboard',
  certificateValidity: { minutes: 10 },
  selfAssessmentInterval: { seconds: 20 },
  selfAssessmentReminderLeadTimes: [{ seconds: 5 }],
  selfAssessmentOverdueReminderAfter: { seconds: 1 },
  selfAssessmentEscalationAfter: { seconds: 2 },
  selfAssessmentSuspensionProposalAfter: { seconds: 12 },
  renewalWindow: { minutes: 1 },
  auditorObjectionWindow: { seconds: 1 },
};

interface Waiting {
  count: number;
  first: { accreditationId: string; kind: string; subjectId: string; overdue: boolean }[];
}

describe('GET /dashboard', () => {
  const api = useTestStack({ api: true });
  let staff: TestUser;
  let granted: string;

  const dashboard = async (user: TestUser = staff) => {
    const response = await api.call(user, 'GET', '/dashboard');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  /** Counts through the case list, page by page: what the pipeline must agree with. */
  const listed = async (status: string) => {
    let count = 0;
    let cursor: string | null = null;
    do {
      const page = await api.call(
        staff,
        'GET',
        `/accreditations?status=${status}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      count += page.body.items.length;
      cursor = page.body.nextCursor;
    } while (cursor);
    return count;
  };

  beforeAll(async () => {
    staff = await api.user('staff');
    const open = async () => (await api.call(staff, 'POST', '/accreditations', organisationBody())).body;
    await open();
    const submitted = await open();
    const applicant = await api.user('organisation', { organisationId: submitted.organisation.id });
    const application = { items: applicationByStatements };
    await api.call(applicant, 'POST', `/accreditations/${submitted.id}/application`, application);
    const asked = await open();
    const asker = await api.user('organisation', { organisationId: asked.organisation.id });
    await api.call(asker, 'POST', `/accreditations/${asked.id}/application`, application);
    const request = await api.call(staff, 'POST', `/accreditations/${asked.id}/information-requests`, {
      questions: ['Bitte reichen Sie das Organigramm nach.'],
    });
    expect(request.body.status).toBe('awaiting_applicant');
    ({ accreditationId: granted } = await grantedCertificate(api, 'Dashboard GmbH', escalatingPolicy));
  }, 90_000);

  it('counts the cases per status as the case list does, and the same at the end of this month', async () => {
    const body = await dashboard();
    expect(Object.keys(body.pipeline).sort()).toEqual([...caseStatuses].sort());
    for (const status of ['opened', 'application_review', 'awaiting_applicant', 'accredited']) {
      expect(body.pipeline[status], status).toBe(1);
    }
    for (const status of caseStatuses) expect(body.pipeline[status], status).toBe(await listed(status));

    expect(body.months).toHaveLength(12);
    expect(body.months.at(-1).cases).toEqual(body.pipeline);
    const months: string[] = body.months.map((entry: { month: string }) => entry.month);
    expect(months).toEqual([...months].sort());
    expect(new Set(months).size).toBe(12);
    // Every case of this file was opened this month (or, at a month's turn, the last).
    for (const entry of body.months.slice(0, 10)) {
      expect(Object.values(entry.cases).every((cases) => cases === 0)).toBe(true);
    }
    expect(body.expiringCertificates).toEqual({ count: 1, withinDays: 90 });
  });

  it('shows an overdue self-assessment as escalated, then as a suspension proposal to decide', async () => {
    const isGranted = (waiting: Waiting) => waiting.first.some((task) => task.accreditationId === granted);
    const escalated = await eventually(dashboard, (body) => isGranted(body.escalations), 60_000);
    const [task] = escalated.escalations.first.filter(
      (t: Waiting['first'][number]) => t.accreditationId === granted,
    );
    expect(task).toMatchObject({ kind: 'submit_self_assessment', overdue: true });
    expect(escalated.overdueTasks.count).toBeGreaterThanOrEqual(1);
    expect(isGranted(escalated.overdueTasks)).toBe(true);
    expect(escalated.suspensionProposals.count).toBe(0);

    const proposed = await eventually(dashboard, (body) => isGranted(body.suspensionProposals), 60_000);
    expect(proposed.suspensionProposals.first[0]).toMatchObject({
      accreditationId: granted,
      kind: 'decide_suspension_proposal',
      actions: [
        // Rule set 3: a decision maker takes the proposal from the queue, then confirms or rejects it.
        expect.objectContaining({ command: 'TakeDecision' }),
        expect.objectContaining({ command: 'ConfirmSuspensionProposal' }),
        expect.objectContaining({ command: 'RejectSuspensionProposal' }),
      ],
    });
    const sameSelfAssessment = proposed.escalations.first.filter(
      (t: Waiting['first'][number]) => t.accreditationId === granted && t.subjectId === task.subjectId,
    );
    expect(sameSelfAssessment).toEqual([]);
  }, 120_000);

  it('is there for decision makers too, and refuses a bad limit with the field named', async () => {
    const decisionMaker = await api.user('decision_maker');
    expect((await dashboard(decisionMaker)).pipeline.opened).toBe(1);
    const refused = await api.call(staff, 'GET', '/dashboard?limit=500');
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('querystring.limit');
  });
});
