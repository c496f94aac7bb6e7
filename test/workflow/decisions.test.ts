import { describe, expect, it } from 'vitest';
import type { StepCommandInput } from '../../domain/commands';
import type { AccreditationCase } from '../../domain/state';
import type { CaseDriver } from '../support/case-driver';
import { recordHistory } from '../support/histories';
import { inDays, quietPolicy } from '../support/policies';
import { useTestStack } from '../support/stack';

/**
 * Issue 20, rule set 3, on the time-skipping server: a lapsed deadline is proposed to a decision
 * maker who confirms or extends it (item 4), and a suspension whose cause is cured gets a task to
 * reinstate for the decision maker who decided it (item 11).
 */
const quiet = inDays(quietPolicy);
const day = 86_400_000;
const take: StepCommandInput = { type: 'TakeDecision', data: {} };

describe('decisions by people at the deadlines (rule set 3)', () => {
  const stack = useTestStack({ temporal: 'time-skipping' });

  const rowsOf = (accreditation: CaseDriver, table: 'tasks' | 'notifications', kind: string) =>
    stack.db
      .selectFrom(table)
      .selectAll()
      .where('stream_id', '=', accreditation.streamId)
      .where('kind', '=', kind)
      .execute();

  it('lapse: the corrective action is not evidenced in time → refusal proposed → extended → proposed again → confirmed', async () => {
    const accreditation = stack.driver();
    const { caseManager, leadAuditor, decisionMaker, otherDecisionMaker } = accreditation.cast;
    await accreditation.open({ ...quiet, correctiveActionDeadline: { days: 5 } });
    await accreditation.throughDocumentReview();
    await accreditation.planAudit();
    await accreditation.waitForEvent('AuditorObjectionWindowClosed');
    await accreditation.step(leadAuditor, {
      type: 'CompleteAuditElement',
      data: {
        element: 'on_site_audit',
        findings: [{ requirementId: 'OPS-2', severity: 'major', description: 'Kein Problemmanagement.' }],
      },
    });
    for (const element of ['customer_satisfaction_analysis', 'it_security_check']) {
      await accreditation.step(leadAuditor, {
        type: 'CompleteAuditElement',
        data: { element, findings: [] },
      });
    }

    const proposed = await accreditation.waitForEvent('LapseProposed');
    const proposalId = 'cycle-1:finding-1:corrective-action-deadline';
    expect(proposed.data).toMatchObject({
      proposalId,
      outcome: 'refusal',
      recipient: { role: 'decision_maker' },
    });
    expect((await accreditation.state()).state.status).toBe('corrective_actions');
    expect(await rowsOf(accreditation, 'tasks', 'decide_lapse')).toMatchObject([
      { assignee_role: 'decision_maker', assignee_id: null },
    ]);
    expect(
      (await rowsOf(accreditation, 'notifications', 'lapse_proposed'))
        .map((row) => row.recipient_role)
        .sort(),
    ).toEqual(['decision_maker', 'staff']);

    const confirm: StepCommandInput = { type: 'ConfirmLapse', data: { proposalId } };
    expect(await accreditation.rejection(caseManager, confirm)).toBe('not_authorised');
    await accreditation.step(decisionMaker, take);
    expect(await accreditation.rejection(otherDecisionMaker, confirm)).toBe('not_assigned');
    const newDueAt = new Date(new Date(proposed.business_time).getTime() + 3 * day).toISOString();
    expect(
      await accreditation.step(decisionMaker, {
        type: 'ExtendLapsedDeadline',
        data: { proposalId, newDueAt, reason: 'Der Dienstleister liefert in drei Tagen.' },
      }),
    ).toMatchObject({ eventTypes: ['DeadlineExtended'], status: 'corrective_actions' });
    expect(await rowsOf(accreditation, 'tasks', 'decide_lapse')).toEqual([]);

    // Still nothing from the organisation: proposed again at the new date, and decided.
    const again = await accreditation.waitForEvent('LapseProposed', { after: proposed.stream_version });
    const secondProposal = `${proposalId}@${newDueAt}`;
    expect(again.data).toMatchObject({ proposalId: secondProposal, dueAt: newDueAt });
    expect(await accreditation.rejection(otherDecisionMaker, confirm)).toBe('unknown_lapse_proposal');
    const confirmAgain: StepCommandInput = { type: 'ConfirmLapse', data: { proposalId: secondProposal } };
    expect(await accreditation.step(otherDecisionMaker, confirmAgain)).toMatchObject({
      status: 'refused',
      eventTypes: ['AccreditationRefused', 'AppealWindowOpened'],
    });
    const refused = (await accreditation.events()).at(-2);
    expect(refused?.data).toMatchObject({ decidedBy: otherDecisionMaker.id, proposalId: secondProposal });
    await recordHistory('lapse', accreditation.handle());
  });

  it('reinstatement: the late self-assessment is accepted while suspended → the decision maker who suspended is asked to reinstate', async () => {
    const accreditation = stack.driver();
    const { caseManager, applicant, decisionMaker, otherDecisionMaker } = accreditation.cast;
    await accreditation.toAwaitingDecision({
      ...quiet,
      certificateValidity: { days: 60 },
      selfAssessmentInterval: { days: 6 },
      selfAssessmentReminderLeadTimes: [{ days: 1 }],
      selfAssessmentOverdueReminderAfter: { days: 1 },
      selfAssessmentEscalationAfter: { days: 2 },
      selfAssessmentSuspensionProposalAfter: { days: 3 },
      renewalWindow: { days: 10 },
    });
    await accreditation.step(decisionMaker, { type: 'Grant', data: {} });
    await accreditation.waitForEvent('SuspensionProposed');
    const { state } = await accreditation.state();
    const { proposalId = 'none', selfAssessmentId = 'none' } =
      (state as AccreditationCase).suspensionProposal ?? {};
    await accreditation.step(decisionMaker, { type: 'ConfirmSuspensionProposal', data: { proposalId } });
    expect(await rowsOf(accreditation, 'tasks', 'reinstate')).toEqual([]);

    await accreditation.step(applicant, {
      type: 'SubmitSelfAssessment',
      data: { selfAssessmentId, statement: 'Nachgereicht: alle Anforderungen erfüllt.' },
    });
    await accreditation.step(caseManager, {
      type: 'ReviewSelfAssessment',
      data: { selfAssessmentId, review: { outcome: 'accepted' } },
    });
    expect(await rowsOf(accreditation, 'tasks', 'reinstate')).toMatchObject([
      { assignee_role: 'decision_maker', assignee_id: decisionMaker.id, subject_id: 'cycle-1:suspension-1' },
    ]);
    expect(await rowsOf(accreditation, 'notifications', 'reinstatement_due')).toMatchObject([
      { recipient_role: 'decision_maker', recipient_id: decisionMaker.id },
    ]);

    const reinstate: StepCommandInput = {
      type: 'Reinstate',
      data: { reason: 'Selbstbewertung angenommen.' },
    };
    expect(await accreditation.rejection(otherDecisionMaker, reinstate)).toBe('not_assigned');
    expect(await accreditation.step(decisionMaker, reinstate)).toMatchObject({
      status: 'accredited',
      eventTypes: ['AccreditationReinstated'],
    });
    expect(await rowsOf(accreditation, 'tasks', 'reinstate')).toEqual([]);
    await recordHistory('reinstatement', accreditation.handle());
  });
});
