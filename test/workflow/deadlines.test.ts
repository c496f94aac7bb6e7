import { describe, expect, it } from 'vitest';
import type { Actor, StepCommandInput } from '../../domain/commands';
import type { AccreditationCase } from '../../domain/state';
import { accreditationStatusKey } from '../../workflows/search-attributes';
import { allConforming } from '../fixtures/application';
import { recordHistory } from '../support/histories';
import { inDays, quietPolicy } from '../support/policies';
import { useTestStack } from '../support/stack';

/**
 * The branches of the life cycle that wait for deadlines — an objection window, an overdue
 * self-assessment, the certificate's expiry, the renewal — on the time-skipping test server, one
 * after the other (they share its clock). Policies of days: nothing fires while a step runs; the
 * clock runs to the case's next deadline when the test waits for it.
 * With RECORD_HISTORIES=1 the histories are written to `test/histories/` (see support/histories.ts).
 */
const quiet = inDays(quietPolicy);
const grant: StepCommandInput = { type: 'Grant', data: {} };
const day = 86_400_000;
const ms = (at: Date | string) => new Date(at).getTime();

describe('the accreditation workflow at its deadlines', () => {
  const stack = useTestStack({ temporal: 'time-skipping' });
  const driver = () => stack.driver();

  it('objection: the organisation objects to the lead auditor in time, another one is assigned', async () => {
    const accreditation = driver();
    const { caseManager, applicant, leadAuditor, otherAuditor } = accreditation.cast;
    await accreditation.open({ ...quiet, auditorObjectionWindow: { days: 8 } });
    await accreditation.throughDocumentReview();
    const assign = (auditor: Actor): StepCommandInput => ({
      type: 'AssignLeadAuditor',
      data: { auditorId: auditor.id, conflictOfInterestDeclaredFree: true },
    });
    await accreditation.step(caseManager, assign(leadAuditor));

    const objected = await accreditation.step(applicant, {
      type: 'ObjectToAuditor',
      data: { reason: 'Herr Lars hat uns 2024 beraten.' },
    });
    expect(objected).toMatchObject({ status: 'audit_planning', eventTypes: ['AuditorObjected'] });
    expect(await accreditation.rejection(caseManager, assign(leadAuditor))).toBe('auditor_objected');
    await accreditation.step(caseManager, assign(otherAuditor));
    await accreditation.step(caseManager, { type: 'SetAuditDate', data: { auditDate: '2030-01-01' } });

    // Only the second assignment's window runs out; the first ended with the objection.
    const closed = await accreditation.waitForEvent('AuditorObjectionWindowClosed');
    expect(closed.data).toMatchObject({ assignmentId: 'cycle-1:lead-auditor-2', auditorId: otherAuditor.id });
    const events = await accreditation.events();
    expect(events.map((event) => event.event_type).slice(-5)).toEqual([
      'LeadAuditorAssigned',
      'AuditorObjected',
      'LeadAuditorAssigned',
      'AuditDateSet',
      'AuditorObjectionWindowClosed',
    ]);
    expect(events.filter((event) => event.event_type === 'AuditorObjectionWindowClosed')).toHaveLength(1);
    expect((await accreditation.state()).state).toMatchObject({
      status: 'audit',
      leadAuditor: { auditorId: otherAuditor.id, objectionWindowClosed: true },
    });

    const onSite: StepCommandInput = {
      type: 'CompleteAuditElement',
      data: { element: 'on_site_audit', findings: [] },
    };
    expect(await accreditation.rejection(leadAuditor, onSite)).toBe('not_assigned');
    await accreditation.step(otherAuditor, onSite);
  });

  it('suspension: a long overdue self-assessment → proposal → taken and confirmed by a decision maker → suspended → reinstated', async () => {
    const accreditation = driver();
    const { caseManager, decisionMaker, otherDecisionMaker } = accreditation.cast;
    // A self-assessment every 6 days; the first: reminder +5 days, due +6, overdue +7, escalation +8,
    // suspension proposal +9. The certificate runs for 60 days, so its expiry comes after the steps below.
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
    await accreditation.step(decisionMaker, grant);
    const granted = await accreditation.waitForEvent('AccreditationGranted');
    const { decidedAt } = granted.data as { decidedAt: string };

    const first = 'cycle-1:self-assessment-1';
    const proposed = await accreditation.waitForEvent('SuspensionProposed');
    expect(proposed.data).toMatchObject({
      proposalId: `${first}:suspension-proposal`,
      selfAssessmentId: first,
    });
    expect(ms(proposed.business_time)).toBeGreaterThanOrEqual(ms(decidedAt) + 9 * day);
    const firstTimers = (await accreditation.events())
      .map((event) => (event.data as { timerId?: string }).timerId)
      .filter((timerId) => timerId?.startsWith(`${first}:`));
    expect(firstTimers).toEqual(
      ['reminder-1d', 'due', 'overdue', 'escalation', 'suspension-proposal'].map(
        (timer) => `${first}:${timer}`,
      ),
    );

    // Rule set 3: the proposal waits in the decision makers' queue; staff may not decide it. One
    // decision maker takes it; the other sees it taken and may no longer decide it.
    const { state } = await accreditation.state();
    const proposalId = (state as AccreditationCase).suspensionProposal?.proposalId ?? 'none';
    expect(proposalId).toMatch(/^cycle-1:self-assessment-\d+:suspension-proposal$/);
    const confirm: StepCommandInput = { type: 'ConfirmSuspensionProposal', data: { proposalId } };
    expect(await accreditation.rejection(caseManager, confirm)).toBe('not_authorised');
    const proposalTask = async () =>
      stack.db
        .selectFrom('tasks')
        .select(['assignee_role', 'assignee_id'])
        .where('stream_id', '=', accreditation.streamId)
        .where('kind', '=', 'decide_suspension_proposal')
        .execute();
    expect(await proposalTask()).toEqual([{ assignee_role: 'decision_maker', assignee_id: null }]);
    const take: StepCommandInput = { type: 'TakeDecision', data: {} };
    expect(await accreditation.step(otherDecisionMaker, take)).toMatchObject({
      eventTypes: ['DecisionMakerAssigned'],
    });
    expect(await accreditation.rejection(decisionMaker, take)).toBe('decision_taken');
    expect(await accreditation.rejection(decisionMaker, confirm)).toBe('not_assigned');
    expect(await proposalTask()).toEqual([
      { assignee_role: 'decision_maker', assignee_id: otherDecisionMaker.id },
    ]);
    const suspended = await accreditation.step(otherDecisionMaker, confirm);
    expect(suspended).toMatchObject({
      status: 'suspended',
      eventTypes: ['AccreditationSuspended', 'AppealWindowOpened'],
    });
    const status = async () =>
      (await accreditation.handle().describe()).typedSearchAttributes.get(accreditationStatusKey);
    expect(await status()).toBe('suspended');

    const reinstated = await accreditation.step(caseManager, {
      type: 'Reinstate',
      data: { reason: 'Selbstbewertung nachgereicht und geprüft.' },
    });
    expect(reinstated).toMatchObject({ status: 'accredited', eventTypes: ['AccreditationReinstated'] });
    expect(await status()).toBe('accredited');
    const events = await accreditation.events();
    expect(events.find((event) => event.event_type === 'AccreditationSuspended')?.data).toMatchObject({
      suspensionId: 'cycle-1:suspension-1',
      proposalId,
      decidedBy: otherDecisionMaker.id,
    });
    expect(events.find((event) => event.event_type === 'AccreditationReinstated')?.data).toMatchObject({
      suspensionId: 'cycle-1:suspension-1',
    });
    await recordHistory('suspension', accreditation.handle());
  });

  it('expiry: no renewal before the certificate runs out, the workflow completes', async () => {
    const accreditation = driver();
    const { applicant, decisionMaker } = accreditation.cast;
    // Valid for 5 days: the renewal window opens at +3 days, expiry at +5; the self-assessment is in early.
    await accreditation.toAwaitingDecision({
      ...quiet,
      certificateValidity: { days: 5 },
      selfAssessmentInterval: { days: 4 },
      selfAssessmentReminderLeadTimes: [{ days: 1 }],
      selfAssessmentOverdueReminderAfter: { days: 1 },
      selfAssessmentEscalationAfter: { days: 2 },
      selfAssessmentSuspensionProposalAfter: { days: 3 },
      renewalWindow: { days: 2 },
    });
    await accreditation.step(decisionMaker, grant);
    await accreditation.step(applicant, {
      type: 'SubmitSelfAssessment',
      data: { selfAssessmentId: 'cycle-1:self-assessment-1', statement: 'Alle Anforderungen erfüllt.' },
    });

    const result = await accreditation.handle().result();
    expect(result.status).toBe('expired');
    const events = await accreditation.events();
    expect(events.map((event) => event.event_type).slice(-4)).toEqual([
      'AccreditationGranted',
      'SelfAssessmentSubmitted',
      'RenewalWindowOpened',
      'AccreditationExpired',
    ]);
    const granted = events.find((event) => event.event_type === 'AccreditationGranted')?.data as {
      certificateNumber: string;
      validUntil: string;
    };
    const expired = events.at(-1);
    expect(expired?.data).toMatchObject({
      timerId: 'cycle-1:certificate-expiry',
      certificateNumber: granted.certificateNumber,
      expiredAt: granted.validUntil,
    });
    expect(ms(expired?.business_time ?? '')).toBeGreaterThanOrEqual(ms(granted.validUntil));
    await recordHistory('expiry', accreditation.handle());
  });

  it('renewal: re-audit granted before expiry → cycle 2 in a new run (continue-as-new)', async () => {
    const accreditation = driver();
    const { caseManager, applicant, otherAuditor, decisionMaker } = accreditation.cast;
    // Valid for 14 days: the renewal window opens at +2 days, the renewed certificate takes over at +14.
    await accreditation.toAwaitingDecision({
      ...quiet,
      certificateValidity: { days: 14 },
      selfAssessmentInterval: { days: 8 },
      selfAssessmentReminderLeadTimes: [{ days: 1 }],
      selfAssessmentOverdueReminderAfter: { days: 1 },
      selfAssessmentEscalationAfter: { days: 2 },
      selfAssessmentSuspensionProposalAfter: { days: 3 },
      renewalWindow: { days: 12 },
    });
    await accreditation.step(decisionMaker, grant);
    await accreditation.step(applicant, {
      type: 'SubmitSelfAssessment',
      data: { selfAssessmentId: 'cycle-1:self-assessment-1', statement: 'Alle Anforderungen erfüllt.' },
    });

    const window = await accreditation.waitForEvent('RenewalWindowOpened');
    await accreditation.step(applicant, { type: 'ApplyForRenewal', data: { documentIds: ['doc-update'] } });
    await accreditation.step(caseManager, {
      type: 'AssignDocumentReviewer',
      data: { auditorId: otherAuditor.id, conflictOfInterestDeclaredFree: true },
    });
    await accreditation.step(otherAuditor, {
      type: 'CompleteDocumentReview',
      data: { results: allConforming },
    });
    await accreditation.planAudit(otherAuditor);
    await accreditation.waitForEvent('AuditorObjectionWindowClosed', { after: window.stream_version });
    await accreditation.completeAudit(otherAuditor);
    expect(await accreditation.step(decisionMaker, grant)).toMatchObject({
      status: 'accredited',
      eventTypes: ['AccreditationGranted'],
    });

    const renewed = await accreditation.waitForEvent('CycleRenewed');
    const events = await accreditation.events();
    const [first, second] = events
      .filter((event) => event.event_type === 'AccreditationGranted')
      .map((event) => event.data as { validFrom: string; validUntil: string; cycle: number });
    expect(second).toMatchObject({ cycle: 2, validFrom: first?.validUntil });
    expect(renewed.data).toMatchObject({
      cycle: 2,
      validFrom: first?.validUntil,
      validUntil: second?.validUntil,
    });
    expect(ms(renewed.business_time)).toBeGreaterThanOrEqual(ms(first?.validUntil ?? ''));

    const firstRunId = String(events[0]?.metadata.runId);
    const handle = accreditation.handle();
    await expect.poll(async () => (await handle.describe()).runId, { timeout: 10_000 }).not.toBe(firstRunId);
    const live = await accreditation.state();
    expect(live).toMatchObject({
      version: renewed.stream_version,
      state: { status: 'accredited', cycle: 2 },
    });
    await recordHistory(
      'renewal-cycle-1',
      stack.temporal.client.workflow.getHandle(accreditation.workflowId, firstRunId),
    );
    await recordHistory('renewal-cycle-2', handle);
  });
});
