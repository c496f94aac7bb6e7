import { describe, expect, it } from 'vitest';
import { accreditationStreamId, accreditationWorkflowId } from '../../workflows/messages';
import type { TestUser } from '../fixtures/users';
import { eventually } from '../support/api-harness';
import { grantedCertificate } from '../support/granted-case';
import { recordHistory } from '../support/histories';
import { useTestStack } from '../support/stack';

const extendedScope = 'IT-Servicedesk und Rechenzentrumsbetrieb an den Standorten München und Augsburg';

/**
 * Issue 20 item 9 (rule set 6) on the real workflow, through the API: a granted certificate's
 * scope is extended after a document review by a real auditor; the register states the new scope
 * under the same number and validity. A reduction assessed by a special audit is then refused.
 */
describe('scope change during validity', () => {
  const api = useTestStack({ api: true });

  it('extension by document review granted, the register shows it; a reduction by special audit refused', async () => {
    const { accreditationId, certificateNumber } = await grantedCertificate(api, 'Geltungsbereich GmbH');
    const [staff, decisionMaker, reviewer] = await Promise.all([
      api.user('staff'),
      api.user('decision_maker'),
      api.user('auditor'),
    ]);
    const path = `/accreditations/${accreditationId}`;
    const organisationId = (await api.call(staff, 'GET', path)).body.organisation.id;
    const applicant = await api.user('organisation', { organisationId });
    const before = (await api.call(null, 'GET', `/register/${certificateNumber}`)).body;
    const step = async (user: TestUser, name: string, body: unknown) => {
      const response = await api.call(user, 'POST', `${path}/${name}`, body);
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(200);
      return response.body;
    };
    const eventTypes = async () =>
      (
        await api.db
          .selectFrom('events')
          .select('event_type')
          .where('stream_id', '=', accreditationStreamId(accreditationId))
          .orderBy('stream_version')
          .execute()
      ).map((row) => row.event_type);
    const events = async () => (await eventTypes()).length;

    await step(applicant, 'scope-changes', {
      kind: 'extension',
      scope: extendedScope,
      reason: 'Zweiter Standort seit März in Betrieb',
    });
    const scopeChangeId = 'cycle-1:scope-change-1';
    const assess = (reviewerId: string) =>
      api.call(staff, 'POST', `${path}/scope-changes/assessment`, {
        scopeChangeId,
        assessment: { method: 'document_review', reviewerId },
      });
    // The reviewer must be a real auditor, as the case's own assignments are; nothing is recorded.
    const applied = await events();
    const notAuditor = await assess(decisionMaker.id);
    expect([notAuditor.status, notAuditor.body.code]).toEqual([400, 'not_an_auditor']);
    expect(notAuditor.body.errors).toEqual([
      expect.objectContaining({ field: 'body.assessment.reviewerId' }),
    ]);
    const unknown = await assess('auditor-nobody');
    expect([unknown.status, unknown.body.code]).toEqual([400, 'unknown_auditor']);
    expect(await events()).toBe(applied);

    expect((await assess(reviewer.id)).status).toBe(200);
    await step(reviewer, 'scope-changes/document-review', {
      scopeChangeId,
      conforming: true,
      comment: 'Notfallplan und Standortnachweis liegen vor',
    });
    const decided = await step(decisionMaker, 'scope-changes/decision', {
      scopeChangeId,
      granted: true,
      reason: 'Standort Augsburg nachgewiesen',
    });
    expect(decided.status).toBe('accredited');

    const after = await api.call(null, 'GET', `/register/${certificateNumber}`);
    expect(after.body).toEqual({ ...before, scope: extendedScope });
    expect(before.scope).not.toBe(extendedScope);
    const file = await api.call(applicant, 'GET', `${path}/file`);
    expect(file.body.file.scope).toBe(extendedScope);
    expect(file.body.file.scopeChanges).toEqual([
      expect.objectContaining({ scopeChangeId, decision: expect.objectContaining({ granted: true }) }),
    ]);

    // A reduction assessed by a special audit: audited without findings, it closes and the change
    // waits for its decision; refused, the register keeps the scope granted before.
    const reduction = 'cycle-1:scope-change-2';
    await step(applicant, 'scope-changes', {
      kind: 'reduction',
      scope: 'IT-Servicedesk am Standort München',
      reason: 'Rechenzentrum wird ausgelagert',
    });
    await step(staff, 'scope-changes/assessment', {
      scopeChangeId: reduction,
      assessment: { method: 'special_audit', reason: 'Auslagerung vor Ort prüfen' },
    });
    expect((await eventTypes()).slice(-2)).toEqual(['ScopeChangeAssessed', 'SpecialAuditScheduled']);
    await step(staff, 'lead-auditor', { auditorId: reviewer.id, conflictOfInterestDeclaredFree: true });
    await step(reviewer, 'audit-date', { auditDate: '2030-02-01' });
    await eventually(
      () => api.call(staff, 'GET', path),
      (response) =>
        response.body.openTasks.filter((task: { kind: string }) => task.kind === 'complete_audit_element')
          .length === 3,
    );
    for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check']) {
      await step(reviewer, 'audit-elements', { element, findings: [] });
    }
    const refused = await step(decisionMaker, 'scope-changes/decision', {
      scopeChangeId: reduction,
      granted: false,
      reason: 'Auslagerung noch nicht vollzogen',
    });
    expect(refused.status).toBe('accredited');
    expect((await api.call(null, 'GET', `/register/${certificateNumber}`)).body.scope).toBe(extendedScope);
    await recordHistory(
      'scope-change',
      api.temporal.client.workflow.getHandle(accreditationWorkflowId(accreditationId)),
    );
  });
});
