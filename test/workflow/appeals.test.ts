import { describe, expect, it } from 'vitest';
import type { Actor, StepCommandInput } from '../../domain/commands';
import { completeApplication } from '../fixtures/application';
import type { CaseDriver } from '../support/case-driver';
import { recordHistory } from '../support/histories';
import { inDays, quietPolicy } from '../support/policies';
import { useTestStack } from '../support/stack';

/**
 * Issue 20, rule set 4, on the time-skipping server: appeals against a refusal, a rejection, a
 * suspension and a withdrawal (item 6), and what is owed reminded and escalated (item 3).
 */
const policy = { ...inDays(quietPolicy), appealWindow: { days: 10 }, appealDecisionDeadline: { days: 20 } };
const reasons = ['Die Feststellung zur IT-Sicherheit beruht auf einem veralteten Bericht.'];

describe('appeals and what is owed (rule set 4)', () => {
  const stack = useTestStack({ temporal: 'time-skipping' });

  const recipientsOf = async (accreditation: CaseDriver, kind: string) =>
    (
      await stack.db
        .selectFrom('notifications')
        .select(['recipient_role', 'recipient_id'])
        .where('stream_id', '=', accreditation.streamId)
        .where('kind', '=', kind)
        .execute()
    )
      .map((row) => row.recipient_role)
      .sort();

  const lodge = (decisionId: string): StepCommandInput => ({
    type: 'LodgeAppeal',
    data: { decisionId, reasons },
  });
  const decide = (appealId: string, outcome: 'upheld' | 'dismissed'): StepCommandInput => ({
    type: 'DecideAppeal',
    data: { appealId, outcome, reasons: ['Geprüft.'] },
  });

  it('a refusal appealed and upheld: decided anew by a decision maker involved in neither decision', async () => {
    const accreditation = stack.driver();
    const { applicant, decisionMaker, otherDecisionMaker } = accreditation.cast;
    const thirdDecisionMaker: Actor = {
      id: `doris-${accreditation.accreditationId.slice(0, 8)}`,
      role: 'decision_maker',
    };
    await accreditation.toAwaitingDecision(policy);
    expect(
      await accreditation.step(decisionMaker, { type: 'Refuse', data: { reasons: ['Nachweise fehlen.'] } }),
    ).toMatchObject({ status: 'refused', eventTypes: ['AccreditationRefused', 'AppealWindowOpened'] });

    const refusal = 'cycle-1:refusal-1';
    const appealId = `${refusal}:appeal`;
    expect(await accreditation.step(applicant, lodge(refusal))).toMatchObject({
      eventTypes: ['AppealLodged'],
    });
    expect(await accreditation.rejection(applicant, lodge(refusal))).toBe('appeal_already_lodged');
    // Acknowledged to the organisation; the decision makers not involved and the case manager learn of it.
    expect(await recipientsOf(accreditation, 'appeal_lodged')).toEqual([
      'decision_maker',
      'organisation',
      'staff',
    ]);

    expect(await accreditation.rejection(decisionMaker, { type: 'TakeAppeal', data: { appealId } })).toBe(
      'involved_in_decision',
    );
    expect(await accreditation.step(otherDecisionMaker, decide(appealId, 'upheld'))).toMatchObject({
      status: 'awaiting_decision',
      eventTypes: ['AppealHandlerAssigned', 'AppealDecided'],
    });
    expect(await recipientsOf(accreditation, 'appeal_decided')).toEqual(['organisation', 'staff']);

    const grant: StepCommandInput = { type: 'Grant', data: {} };
    expect(await accreditation.rejection(decisionMaker, grant)).toBe('involved_in_decision');
    expect(await accreditation.rejection(otherDecisionMaker, grant)).toBe('involved_in_decision');
    expect(await accreditation.step(thirdDecisionMaker, grant)).toMatchObject({ status: 'accredited' });
    await recordHistory('appeal-refusal', accreditation.handle());
  });

  it('a suspension appealed and lifted; a withdrawal appealed and dismissed, and the run ends', async () => {
    const accreditation = stack.driver();
    const { caseManager, applicant, decisionMaker, otherDecisionMaker } = accreditation.cast;
    await accreditation.toAwaitingDecision(policy);
    await accreditation.step(decisionMaker, { type: 'Grant', data: {} });
    await accreditation.step(caseManager, { type: 'Suspend', data: { reason: 'Beschwerde bestätigt.' } });
    const suspension = 'cycle-1:suspension-1';
    await accreditation.step(applicant, lodge(suspension));
    expect(await accreditation.step(decisionMaker, decide(`${suspension}:appeal`, 'upheld'))).toMatchObject({
      status: 'accredited',
    });

    await accreditation.step(caseManager, {
      type: 'Withdraw',
      data: { reason: 'Missbrauch des DIM-Zeichens.' },
    });
    const withdrawal = 'cycle-1:withdrawal-1';
    await accreditation.step(applicant, lodge(withdrawal));
    await accreditation.step(otherDecisionMaker, {
      type: 'TakeAppeal',
      data: { appealId: `${withdrawal}:appeal` },
    });
    expect(
      await accreditation.step(otherDecisionMaker, decide(`${withdrawal}:appeal`, 'dismissed')),
    ).toMatchObject({
      status: 'withdrawn',
      eventTypes: ['AppealDecided'],
    });
    expect((await accreditation.handle().result()).status).toBe('withdrawn');
    await recordHistory('appeal-suspension-withdrawal', accreditation.handle());
  });

  it('an appeal against a rejection not decided in time is reminded and escalated, then dismissed; the run ends', async () => {
    const accreditation = stack.driver();
    const { caseManager, applicant, otherDecisionMaker } = accreditation.cast;
    await accreditation.open(policy);
    await accreditation.step(applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    await accreditation.step(caseManager, {
      type: 'RejectApplication',
      data: { reasons: ['Kein IT-Dienstleister.'] },
    });
    const rejection = 'cycle-1:rejection-1';
    const appealId = `${rejection}:appeal`;
    await accreditation.step(applicant, lodge(rejection));

    const reminded = await accreditation.waitForEvent('OwedStepReminderSent');
    expect(reminded.data).toMatchObject({
      owed: 'appeal_decision',
      subjectId: appealId,
      recipient: { role: 'decision_maker' },
    });
    const escalated = await accreditation.waitForEvent('OwedStepEscalated');
    expect(escalated.data).toMatchObject({
      owed: 'appeal_decision',
      subjectId: appealId,
      recipient: { role: 'staff', userId: caseManager.id },
    });
    expect(await recipientsOf(accreditation, 'owed_step_escalated')).toEqual(['staff']);

    await accreditation.step(otherDecisionMaker, decide(appealId, 'dismissed'));
    expect((await accreditation.handle().result()).status).toBe('refused');
    await recordHistory('appeal-deadline', accreditation.handle());
  });

  it('the audit date owed after the lead auditor’s assignment: reminded to the auditor, escalated to the case manager', async () => {
    const accreditation = stack.driver();
    const { caseManager, leadAuditor } = accreditation.cast;
    await accreditation.open(policy);
    await accreditation.throughDocumentReview();
    await accreditation.step(caseManager, {
      type: 'AssignLeadAuditor',
      data: { auditorId: leadAuditor.id, conflictOfInterestDeclaredFree: true },
    });
    const task = await stack.db
      .selectFrom('tasks')
      .select(['assignee_id', 'due_at'])
      .where('stream_id', '=', accreditation.streamId)
      .where('kind', '=', 'set_audit_date')
      .executeTakeFirst();
    expect(task?.assignee_id).toBe(leadAuditor.id);
    expect(task?.due_at).not.toBeNull();

    const reminded = await accreditation.waitForEvent('OwedStepReminderSent');
    expect(reminded.data).toMatchObject({
      owed: 'audit_date',
      recipient: { role: 'auditor', userId: leadAuditor.id },
    });
    expect(await recipientsOf(accreditation, 'owed_step_reminder_sent')).toEqual(['auditor']);
    const escalated = await accreditation.waitForEvent('OwedStepEscalated');
    expect(escalated.data).toMatchObject({
      owed: 'audit_date',
      recipient: { role: 'staff', userId: caseManager.id },
    });
    expect(await recipientsOf(accreditation, 'owed_step_escalated')).toEqual(['staff']);
    // The tests before this one let the shared server clock run through years of deadlines.
    const serverNow = (await stack.temporal.clock?.now()) ?? Date.now();
    const auditDate = new Date(serverNow + 60 * 86_400_000).toISOString().slice(0, 10);
    expect(
      await accreditation.step(caseManager, { type: 'SetAuditDate', data: { auditDate } }),
    ).toMatchObject({
      status: 'audit',
    });
    await recordHistory('owed-audit-date', accreditation.handle());
  });
});
