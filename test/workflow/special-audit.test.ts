import { describe, expect, it } from 'vitest';
import type { StepCommandInput } from '../../domain/commands';
import type { AccreditationCase } from '../../domain/state';
import { recordHistory } from '../support/histories';
import { inDays, quietPolicy } from '../support/policies';
import { useTestStack } from '../support/stack';

/**
 * Issue 20, rule set 5, on the time-skipping server: a special audit scheduled on an accredited
 * case runs its audit steps (lead auditor, date, objection window, elements) and closes; the
 * certificate and the case's status stay as they were. On the same case, a minor finding holds the
 * next one open until its action plan is accepted, and a major finding proposes the suspension.
 */
describe('special audit on a running case (rule set 5)', () => {
  const stack = useTestStack({ temporal: 'time-skipping' });

  it('without findings it closes at once; a minor finding after the action plan; a major one proposes the suspension', async () => {
    const accreditation = stack.driver();
    const { caseManager, leadAuditor, decisionMaker } = accreditation.cast;
    await accreditation.toAwaitingDecision(inDays(quietPolicy));
    await accreditation.step(decisionMaker, { type: 'TakeDecision', data: {} });
    await accreditation.step(decisionMaker, { type: 'Grant', data: {} });
    const granted = (await accreditation.state()).state as AccreditationCase;

    const schedule: StepCommandInput = {
      type: 'ScheduleSpecialAudit',
      data: { reason: 'Beschwerde: Störungen wochenlang unbearbeitet' },
    };
    expect(await accreditation.step(caseManager, schedule)).toMatchObject({
      eventTypes: ['SpecialAuditScheduled'],
      status: 'accredited',
    });
    const scheduledAt = await accreditation.eventCount();
    await accreditation.planAudit();
    await accreditation.waitForEvent('AuditorObjectionWindowClosed', { after: scheduledAt });
    const tasks = await stack.db
      .selectFrom('tasks')
      .selectAll()
      .where('stream_id', '=', accreditation.streamId)
      .where('kind', '=', 'complete_audit_element')
      .execute();
    expect(tasks.map((task) => task.assignee_id)).toEqual([leadAuditor.id, leadAuditor.id, leadAuditor.id]);

    await accreditation.completeAudit();
    await accreditation.waitForEvent('SpecialAuditClosed');
    const { state } = (await accreditation.state()) as { state: AccreditationCase };
    expect(state.status).toBe('accredited');
    expect(state.specialAudit).toBeNull();
    expect(state.certificate).toEqual(granted.certificate);

    // A second special audit with a minor finding: it closes only once the action plan is accepted.
    const { applicant } = accreditation.cast;
    const audited = async (reason: string, finding: { severity: 'minor' | 'major'; description: string }) => {
      await accreditation.step(caseManager, { type: 'ScheduleSpecialAudit', data: { reason } });
      const at = await accreditation.eventCount();
      await accreditation.planAudit();
      await accreditation.waitForEvent('AuditorObjectionWindowClosed', { after: at });
      await accreditation.step(leadAuditor, {
        type: 'CompleteAuditElement',
        data: { element: 'on_site_audit', findings: [{ requirementId: 'SEC-2', ...finding }] },
      });
      for (const element of ['customer_satisfaction_analysis', 'it_security_check']) {
        await accreditation.step(leadAuditor, {
          type: 'CompleteAuditElement',
          data: { element, findings: [] },
        });
      }
      const after = (await accreditation.state()).state as AccreditationCase;
      return { special: after.specialAudit, findingId: after.findings[0]?.findingId ?? '', after };
    };
    const minor = await audited('Stichprobe nach Hinweis', {
      severity: 'minor',
      description: 'Notfallplan nicht aktuell.',
    });
    expect(minor.special).toMatchObject({ phase: 'corrective_actions' });
    await accreditation.step(applicant, {
      type: 'SubmitActionPlan',
      data: { findingId: minor.findingId, plan: 'Notfallplan bis Monatsende überarbeitet.' },
    });
    expect(
      await accreditation.step(leadAuditor, {
        type: 'AcceptActionPlan',
        data: { findingId: minor.findingId },
      }),
    ).toMatchObject({ eventTypes: ['ActionPlanAccepted', 'SpecialAuditClosed'], status: 'accredited' });

    // A third with a major finding: the suspension is proposed naming the special audit; confirmed,
    // the case is suspended; the finding verified, the special audit closes and the cause is cured.
    const major = await audited('Beschwerde: Datenverlust', {
      severity: 'major',
      description: 'Kein Penetrationstest seit 2023.',
    });
    const specialAuditId = major.special?.specialAuditId;
    expect(major.after.suspensionProposal).toMatchObject({ specialAuditId, decider: 'decision_maker' });
    const proposalId = major.after.suspensionProposal?.proposalId ?? '';
    expect(
      await accreditation.step(decisionMaker, { type: 'ConfirmSuspensionProposal', data: { proposalId } }),
    ).toMatchObject({ status: 'suspended' });
    await accreditation.step(applicant, {
      type: 'SubmitCorrectiveActionEvidence',
      data: { findingId: major.findingId, description: 'Penetrationstest durchgeführt.' },
    });
    expect(
      await accreditation.step(leadAuditor, {
        type: 'VerifyCorrectiveAction',
        data: { findingId: major.findingId, effective: true, comment: 'Bericht geprüft.' },
      }),
    ).toMatchObject({ status: 'suspended', eventTypes: expect.arrayContaining(['SpecialAuditClosed']) });
    const cured = (await accreditation.state()).state as AccreditationCase;
    expect(cured.specialAudit).toBeNull();
    expect(cured.suspension).toMatchObject({ specialAuditId, causeCured: true });
    const reinstate = await stack.db
      .selectFrom('tasks')
      .select(['assignee_role'])
      .where('stream_id', '=', accreditation.streamId)
      .where('kind', '=', 'reinstate')
      .execute();
    expect(reinstate).toEqual([{ assignee_role: 'decision_maker' }]);
    await recordHistory('special-audit', accreditation.handle());
  });
});
