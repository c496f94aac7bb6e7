import { beforeAll, describe, expect, it } from 'vitest';
import { allConforming, applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { organisationBody } from '../support/api-harness';
import { grantedCertificate } from '../support/granted-case';
import { useTestStack } from '../support/stack';

const day = 86_400_000;

describe('what a case waits for, and its compliance with the timing rules', () => {
  const api = useTestStack({ api: true });
  let staff: TestUser;
  let planning: { id: string; organisationId: string };
  let granted: string;
  let grantedOrganisation: TestUser;

  beforeAll(async () => {
    staff = await api.user('staff');
    const [reviewer, leadAuditor] = [await api.user('auditor'), await api.user('auditor')];
    // The standard's objection window (14 days): the case waits for it after the lead auditor's appointment.
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody('Wartende GmbH'));
    planning = { id: opened.body.id, organisationId: opened.body.organisation.id };
    const applicant = await api.user('organisation', { organisationId: planning.organisationId });
    const step = async (user: TestUser, path: string, body: unknown) => {
      const response = await api.call(user, 'POST', `/accreditations/${planning.id}/${path}`, body);
      expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
    };
    await step(applicant, 'application', { items: applicationByStatements });
    await step(staff, 'application/accept', {});
    await step(staff, 'document-reviewer', { auditorId: reviewer.id, conflictOfInterestDeclaredFree: true });
    await step(reviewer, 'document-review', { results: allConforming });
    await step(staff, 'lead-auditor', { auditorId: leadAuditor.id, conflictOfInterestDeclaredFree: true });
    ({ accreditationId: granted } = await grantedCertificate(api, 'Regeltreu AG'));
    const grantedCase = await api.call(staff, 'GET', `/accreditations/${granted}`);
    grantedOrganisation = await api.user('organisation', {
      organisationId: grantedCase.body.organisation.id,
    });
  }, 120_000);

  it('shows the objection window and its end on the case, in the case list and on the dashboard', async () => {
    const detail = await api.call(staff, 'GET', `/accreditations/${planning.id}`);
    expect(detail.body.status).toBe('audit_planning');
    expect(detail.body.openTasks.map((task: { kind: string }) => task.kind)).toEqual(['set_audit_date']);
    const { waitingFor } = detail.body;
    expect(waitingFor).toMatchObject({ reason: 'objection_window' });
    const remaining = Date.parse(waitingFor.until) - Date.now();
    expect(remaining).toBeGreaterThan(13 * day);
    expect(remaining).toBeLessThanOrEqual(14 * day);

    const list = await api.call(staff, 'GET', '/accreditations?organisationName=Wartende');
    expect(list.body.items.map((item: { waitingFor: unknown }) => item.waitingFor)).toEqual([waitingFor]);

    const dashboard = await api.call(staff, 'GET', '/dashboard?limit=50');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.waitsEndingNext).toContainEqual({
      accreditationId: planning.id,
      organisationName: 'Wartende GmbH',
      status: 'audit_planning',
      reason: 'objection_window',
      until: waitingFor.until,
      subjectId: waitingFor.subjectId,
    });
  });

  it('shows an accredited case waiting for its first self-assessment', async () => {
    const detail = await api.call(staff, 'GET', `/accreditations/${granted}`);
    expect(detail.body.waitingFor).toMatchObject({ reason: 'self_assessment_due' });
    expect(Date.parse(detail.body.waitingFor.until)).toBeGreaterThan(Date.now() + 360 * day);
  });

  it('answers the case’s compliance with each rule and the events that show it, to staff and its organisation', async () => {
    const response = await api.call(staff, 'GET', `/accreditations/${granted}/compliance`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const byRule = Object.fromEntries(
      response.body.rules.map((rule: { rule: string; status: string }) => [rule.rule, rule]),
    );
    expect(Object.keys(byRule)).toEqual([
      'certificate_validity',
      'yearly_self_assessment',
      'renewal_before_expiry',
      'decision_after_audit',
      'decision_by_uninvolved',
      'suspension_limit',
      'complaint_acknowledged_in_time',
      'appeal_decided_in_time',
      'appeal_by_uninvolved',
    ]);
    expect(byRule.certificate_validity.status).toBe('held');
    expect(byRule.yearly_self_assessment.status).toBe('pending');
    expect(byRule.decision_by_uninvolved.status).toBe('held');
    const [afterAudit] = byRule.decision_after_audit.instances;
    expect(afterAudit).toMatchObject({ status: 'held', detail: 'granted_after_audit' });
    expect(afterAudit.evidence.map((event: { type: string }) => event.type)).toEqual([
      'AuditElementCompleted',
      'AccreditationGranted',
    ]);
    // The evidence names real events of the case: the timeline has them at the same places.
    const timeline = (await api.call(staff, 'GET', `/accreditations/${granted}`)).body.timeline;
    for (const shown of afterAudit.evidence) {
      expect(timeline[shown.version - 1]).toMatchObject({ version: shown.version, type: shown.type });
    }
    expect(response.body.overall).toBe('pending');

    const own = await api.call(grantedOrganisation, 'GET', `/accreditations/${granted}/compliance`);
    expect(own.status).toBe(200);
    const stranger = await api.call(
      await api.user('organisation', { organisationId: planning.organisationId }),
      'GET',
      `/accreditations/${granted}/compliance`,
    );
    expect(stranger.status).toBe(404);
    expect(
      (await api.call(await api.user('auditor'), 'GET', `/accreditations/${granted}/compliance`)).status,
    ).toBe(403);
  });

  it('reports the register page by page with totals per rule, to staff only', async () => {
    const first = await api.call(staff, 'GET', '/compliance?limit=1');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toBe(first.body.items[0].accreditationId);
    const all = await api.call(staff, 'GET', '/compliance?limit=100');
    const item = all.body.items.find(
      (entry: { accreditationId: string }) => entry.accreditationId === granted,
    );
    expect(item).toMatchObject({
      organisationName: 'Regeltreu AG',
      status: 'accredited',
      overall: 'pending',
    });
    expect(item.rules.decision_after_audit).toBe('held');
    const counted = Object.values(all.body.totals.decision_after_audit as Record<string, number>).reduce(
      (a, b) => a + b,
    );
    expect(counted).toBe(all.body.items.length);
    expect((await api.call(staff, 'GET', '/compliance?cursor=not-an-id')).status).toBe(400);
    expect((await api.call(grantedOrganisation, 'GET', '/compliance')).status).toBe(403);
  });
});
