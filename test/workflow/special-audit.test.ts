import { describe, expect, it } from 'vitest';
import type { StepCommandInput } from '../../domain/commands';
import type { AccreditationCase } from '../../domain/state';
import { recordHistory } from '../support/histories';
import { inDays, quietPolicy } from '../support/policies';
import { useTestStack } from '../support/stack';

/**
 * Issue 20, rule set 5, on the time-skipping server: a special audit scheduled on an accredited
 * case runs its audit steps (lead auditor, date, objection window, elements) and closes; the
 * certificate and the case's status stay as they were.
 */
describe('special audit on a running case (rule set 5)', () => {
  const stack = useTestStack({ temporal: 'time-skipping' });

  it('scheduled by the case manager → audited without findings → closed, the certificate unchanged', async () => {
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
    await recordHistory('special-audit', accreditation.handle());
  });
});
