import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Actor, StepCommandInput } from '../domain/commands';
import type { PolicyInput } from '../domain/policy-schema';
import type { AccreditationCase } from '../domain/state';
import type { CommandRequest } from '../workflows/messages';
import { accreditationStatusKey } from '../workflows/search-attributes';
import { completeApplication } from './domain/support';
import { allConforming, CaseDriver } from './support/case-driver';
import { createTestDatabase, type TestDatabase } from './support/database';
import { recordHistory } from './support/histories';
import { startTestTemporal, type TestTemporal } from './support/temporal';

/**
 * The branches of the life cycle (DESIGN.md §2) against the dev server, each a case of its own, all
 * running at once. Policies of seconds: nothing fires during a test unless the test says so.
 * With RECORD_HISTORIES=1 the histories are written to `test/histories/` (see support/histories.ts).
 */
const quiet: PolicyInput = {
  version: 'test-scenarios',
  certificateValidity: { minutes: 30 },
  selfAssessmentInterval: { minutes: 10 },
  selfAssessmentReminderLeadTimes: [{ minutes: 1 }],
  selfAssessmentOverdueReminderAfter: { minutes: 1 },
  selfAssessmentEscalationAfter: { minutes: 2 },
  selfAssessmentSuspensionProposalAfter: { minutes: 3 },
  renewalWindow: { minutes: 5 },
  auditorObjectionWindow: { seconds: 1 },
  correctiveActionDeadline: { minutes: 5 },
  informationRequestResponseDeadline: { minutes: 5 },
  informationRequestReminderLeadTime: { minutes: 1 },
  complaintAcknowledgementDeadline: { minutes: 5 },
  maximumSuspension: { minutes: 5 },
};

const grant: StepCommandInput = { type: 'Grant', data: {} };
const ms = (at: Date | string) => new Date(at).getTime();

describe('the accreditation workflow, branch by branch', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  const driver = () => new CaseDriver(temporal.client, database.db, temporal.taskQueue);

  beforeAll(async () => {
    database = await createTestDatabase();
    temporal = await startTestTemporal(database.db);
  });

  afterAll(async () => {
    await temporal?.close();
    await database?.drop();
  });

  it.concurrent('refusal: the decision maker refuses with reasons, the workflow completes', async ({
    expect,
  }) => {
    const accreditation = driver();
    await accreditation.toAwaitingDecision(quiet);
    const reasons = ['Das Informationssicherheitsmanagement ist nicht wirksam.'];
    const refused = await accreditation.step(accreditation.cast.decisionMaker, {
      type: 'Refuse',
      data: { reasons },
    });
    expect(refused).toMatchObject({ status: 'refused', eventTypes: ['AccreditationRefused'] });

    const result = await accreditation.handle().result();
    expect(result.status).toBe('refused');
    expect((await accreditation.handle().describe()).status.name).toBe('COMPLETED');
    const last = (await accreditation.events()).at(-1);
    expect(last).toMatchObject({
      event_type: 'AccreditationRefused',
      data: { reasons, decidedBy: accreditation.cast.decisionMaker.id, renewal: false },
    });
  });

  it.concurrent('four eyes: nobody who audited the case decides on it', async ({ expect }) => {
    const accreditation = driver();
    const { leadAuditor, reviewer, decisionMaker } = accreditation.cast;
    await accreditation.toAwaitingDecision(quiet);
    const before = await accreditation.eventCount();

    const auditingDecisionMaker: Actor = { id: leadAuditor.id, role: 'decision_maker' };
    const reviewingDecisionMaker: Actor = { id: reviewer.id, role: 'decision_maker' };
    expect(await accreditation.rejection(auditingDecisionMaker, grant)).toBe('four_eyes_violation');
    expect(
      await accreditation.rejection(auditingDecisionMaker, {
        type: 'Refuse',
        data: { reasons: ['Befangen.'] },
      }),
    ).toBe('four_eyes_violation');
    expect(await accreditation.rejection(reviewingDecisionMaker, grant)).toBe('four_eyes_violation');
    expect(await accreditation.eventCount()).toBe(before);

    expect(await accreditation.step(decisionMaker, grant)).toMatchObject({ status: 'accredited' });
    expect((await accreditation.events()).at(-1)?.data).toMatchObject({ decidedBy: decisionMaker.id });
  });

  it.concurrent('objection: the organisation objects to the lead auditor in time, another one is assigned', async ({
    expect,
  }) => {
    const accreditation = driver();
    const { caseManager, applicant, leadAuditor, otherAuditor } = accreditation.cast;
    await accreditation.open({ ...quiet, auditorObjectionWindow: { seconds: 8 } });
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

  it.concurrent('suspension: a long overdue self-assessment → proposal → confirmed → suspended → reinstated', async ({
    expect,
  }) => {
    const accreditation = driver();
    const { caseManager, decisionMaker } = accreditation.cast;
    // A self-assessment every 6 s; the first: reminder +5 s, due +6, overdue +7, escalation +8, suspension
    // proposal +9. The certificate runs for a minute, so its expiry races none of the steps below.
    await accreditation.toAwaitingDecision({
      ...quiet,
      certificateValidity: { minutes: 1 },
      selfAssessmentInterval: { seconds: 6 },
      selfAssessmentReminderLeadTimes: [{ seconds: 1 }],
      selfAssessmentOverdueReminderAfter: { seconds: 1 },
      selfAssessmentEscalationAfter: { seconds: 2 },
      selfAssessmentSuspensionProposalAfter: { seconds: 3 },
      renewalWindow: { seconds: 10 },
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
    expect(ms(proposed.business_time)).toBeGreaterThanOrEqual(ms(decidedAt) + 9_000);
    const firstTimers = (await accreditation.events())
      .map((event) => (event.data as { timerId?: string }).timerId)
      .filter((timerId) => timerId?.startsWith(`${first}:`));
    expect(firstTimers).toEqual(
      ['reminder-1s', 'due', 'overdue', 'escalation', 'suspension-proposal'].map(
        (timer) => `${first}:${timer}`,
      ),
    );

    // Staff confirm the open proposal (on a slow machine the next self-assessment's may have replaced it).
    const { state } = await accreditation.state();
    const proposalId = (state as AccreditationCase).suspensionProposal?.proposalId ?? 'none';
    expect(proposalId).toMatch(/^cycle-1:self-assessment-\d+:suspension-proposal$/);
    const suspended = await accreditation.step(caseManager, {
      type: 'ConfirmSuspensionProposal',
      data: { proposalId },
    });
    expect(suspended).toMatchObject({ status: 'suspended', eventTypes: ['AccreditationSuspended'] });
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
    });
    expect(events.find((event) => event.event_type === 'AccreditationReinstated')?.data).toMatchObject({
      suspensionId: 'cycle-1:suspension-1',
    });
    await recordHistory('suspension', accreditation.handle());
  });

  it.concurrent('withdrawal: staff withdraw the accreditation, the workflow completes', async ({
    expect,
  }) => {
    const accreditation = driver();
    const { caseManager, applicant, decisionMaker } = accreditation.cast;
    await accreditation.toAwaitingDecision(quiet);
    await accreditation.step(decisionMaker, grant);

    const withdraw: StepCommandInput = { type: 'Withdraw', data: { reason: 'Missbrauch des DIM-Zeichens.' } };
    expect(await accreditation.rejection(applicant, withdraw)).toBe('not_authorised');
    expect(await accreditation.step(caseManager, withdraw)).toMatchObject({
      status: 'withdrawn',
      eventTypes: ['AccreditationWithdrawn'],
    });
    expect((await accreditation.handle().result()).status).toBe('withdrawn');
  });

  it.concurrent('expiry: no renewal before the certificate runs out, the workflow completes', async ({
    expect,
  }) => {
    const accreditation = driver();
    const { applicant, decisionMaker } = accreditation.cast;
    // Valid for 5 s: the renewal window opens at +3 s, expiry at +5 s; the self-assessment is in early.
    await accreditation.toAwaitingDecision({
      ...quiet,
      certificateValidity: { seconds: 5 },
      selfAssessmentInterval: { seconds: 4 },
      selfAssessmentReminderLeadTimes: [{ seconds: 1 }],
      selfAssessmentOverdueReminderAfter: { seconds: 1 },
      selfAssessmentEscalationAfter: { seconds: 2 },
      selfAssessmentSuspensionProposalAfter: { seconds: 3 },
      renewalWindow: { seconds: 2 },
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

  it.concurrent('a step that leaves the next deadline as it was keeps its timer; one that moves it restarts it', async ({
    expect,
  }) => {
    const accreditation = driver();
    const { caseManager } = accreditation.cast;
    await accreditation.open(quiet);
    await accreditation.step(caseManager, {
      type: 'ReceiveComplaint',
      data: { complainant: 'Kunde Y GmbH', summary: 'Zertifikat auf der Website falsch zitiert.' },
    });
    // Steps that change nothing about the complaint's acknowledgement deadline.
    for (let i = 0; i < 3; i++) {
      await accreditation.step(caseManager, {
        type: 'AssignCaseManager',
        data: {
          caseManagerId: i % 2 === 0 ? `stefan-${accreditation.accreditationId.slice(0, 8)}` : caseManager.id,
        },
      });
    }
    const timerEvents = async () => {
      const history = await accreditation.handle().fetchHistory();
      const count = (attributes: string) =>
        (history.events ?? []).filter((event) => event[attributes as keyof typeof event]).length;
      return {
        started: count('timerStartedEventAttributes'),
        canceled: count('timerCanceledEventAttributes'),
      };
    };
    expect(await timerEvents()).toEqual({ started: 1, canceled: 0 });

    // Acknowledging the complaint ends that deadline: its timer is cancelled.
    await accreditation.step(caseManager, {
      type: 'AcknowledgeComplaint',
      data: { complaintId: 'complaint-1' },
    });
    expect((await timerEvents()).canceled).toBe(1);
  });

  it.concurrent('complaint: received → acknowledged → independent investigator → decided → closed', async ({
    expect,
  }) => {
    const accreditation = driver();
    const { caseManager, reviewer, leadAuditor, decisionMaker } = accreditation.cast;
    await accreditation.toAwaitingDecision(quiet);
    await accreditation.step(decisionMaker, grant);

    const received = await accreditation.step(caseManager, {
      type: 'ReceiveComplaint',
      data: {
        complainant: 'Kunde X AG',
        summary: 'Das DIM-Zeichen wird für nicht akkreditierte Leistungen genutzt.',
      },
    });
    expect(received).toMatchObject({ eventTypes: ['ComplaintReceived'], status: 'accredited' });
    const complaintId = 'complaint-1';
    await accreditation.step(caseManager, { type: 'AcknowledgeComplaint', data: { complaintId } });

    const assign = (investigatorId: string): StepCommandInput => ({
      type: 'AssignComplaintInvestigator',
      data: { complaintId, investigatorId },
    });
    for (const involved of [leadAuditor, reviewer, caseManager]) {
      expect(await accreditation.rejection(caseManager, assign(involved.id))).toBe(
        'investigator_not_independent',
      );
    }
    const investigator: Actor = { id: `ines-${accreditation.accreditationId.slice(0, 8)}`, role: 'staff' };
    await accreditation.step(caseManager, assign(investigator.id));

    const decision: StepCommandInput = {
      type: 'DecideComplaint',
      data: {
        complaintId,
        outcome: 'not_upheld',
        reasoning: 'Nutzung im Rahmen des Geltungsbereichs.',
        followUp: 'none',
      },
    };
    expect(await accreditation.rejection(caseManager, decision)).toBe('not_assigned');
    await accreditation.step(investigator, decision);
    const closed = await accreditation.step(caseManager, { type: 'CloseComplaint', data: { complaintId } });
    expect(closed).toMatchObject({ eventTypes: ['ComplaintClosed'], status: 'accredited' });

    expect((await accreditation.eventTypes()).slice(-5)).toEqual([
      'ComplaintReceived',
      'ComplaintAcknowledged',
      'ComplaintInvestigatorAssigned',
      'ComplaintDecided',
      'ComplaintClosed',
    ]);
    expect((await accreditation.events()).at(-2)?.data).toMatchObject({ decidedBy: investigator.id });
    expect((await accreditation.state()).state).toMatchObject({ status: 'accredited', complaints: [] });
  });

  it.concurrent('an open complaint keeps a withdrawn case alive until it is closed', async ({ expect }) => {
    const accreditation = driver();
    const { caseManager, decisionMaker } = accreditation.cast;
    await accreditation.toAwaitingDecision(quiet);
    await accreditation.step(decisionMaker, grant);
    await accreditation.step(caseManager, {
      type: 'ReceiveComplaint',
      data: { complainant: 'Verbraucherzentrale', summary: 'Irreführende Werbung mit dem Zeichen.' },
    });
    await accreditation.step(caseManager, {
      type: 'Withdraw',
      data: { reason: 'Auf Antrag der Organisation.' },
    });
    const complaintId = 'complaint-1';
    const investigator: Actor = { id: `ines-${accreditation.accreditationId.slice(0, 8)}`, role: 'staff' };
    await accreditation.step(caseManager, { type: 'AcknowledgeComplaint', data: { complaintId } });
    await accreditation.step(caseManager, {
      type: 'AssignComplaintInvestigator',
      data: { complaintId, investigatorId: investigator.id },
    });
    await accreditation.step(investigator, {
      type: 'DecideComplaint',
      data: { complaintId, outcome: 'upheld', reasoning: 'Werbung belegt.', followUp: 'none' },
    });
    expect((await accreditation.handle().describe()).status.name).toBe('RUNNING');

    await accreditation.step(caseManager, { type: 'CloseComplaint', data: { complaintId } });
    expect((await accreditation.handle().result()).status).toBe('withdrawn');
  });

  it.concurrent('renewal: re-audit granted before expiry → cycle 2 in a new run (continue-as-new)', async ({
    expect,
  }) => {
    const accreditation = driver();
    const { caseManager, applicant, otherAuditor, decisionMaker } = accreditation.cast;
    // Valid for 14 s: the renewal window opens at +2 s, the renewed certificate takes over at +14 s.
    await accreditation.toAwaitingDecision({
      ...quiet,
      certificateValidity: { seconds: 14 },
      selfAssessmentInterval: { seconds: 8 },
      selfAssessmentReminderLeadTimes: [{ seconds: 1 }],
      selfAssessmentOverdueReminderAfter: { seconds: 1 },
      selfAssessmentEscalationAfter: { seconds: 2 },
      selfAssessmentSuspensionProposalAfter: { seconds: 3 },
      renewalWindow: { seconds: 12 },
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
      temporal.client.workflow.getHandle(accreditation.workflowId, firstRunId),
    );
    await recordHistory('renewal-cycle-2', handle);
  });

  it.concurrent('a rejected step writes nothing: no event in PostgreSQL, nothing in the workflow history', async ({
    expect,
  }) => {
    const accreditation = driver();
    const { caseManager, applicant, reviewer, leadAuditor, otherAuditor, decisionMaker } = accreditation.cast;
    const stranger: Actor = { id: 'max', role: 'organisation', organisationId: 'org-somebody-else' };
    const handle = accreditation.handle();
    const historyLength = async () => (await handle.fetchHistory()).events?.length ?? 0;

    const accepted: string[] = ['OpenAccreditation'];
    const step = async (actor: Actor, command: StepCommandInput) => {
      await accreditation.step(actor, command);
      accepted.push(command.type);
    };
    /** Each step is refused with its code; neither the event store nor the history grows. */
    const refuse = async (...attempts: [code: string, actor: Actor, command: StepCommandInput][]) => {
      const events = await accreditation.eventCount();
      const history = await historyLength();
      for (const [code, actor, command] of attempts) {
        expect(await accreditation.rejection(actor, command), `${actor.role} ${command.type}`).toBe(code);
      }
      expect(await accreditation.eventCount()).toBe(events);
      expect(await historyLength()).toBe(history);
    };
    const anyCommand = (command: unknown) => command as StepCommandInput;

    await accreditation.open(quiet);
    await refuse(
      ['invalid_transition', decisionMaker, grant],
      ['invalid_transition', caseManager, { type: 'AcceptApplication', data: {} }],
      ['not_own_case', stranger, { type: 'SubmitApplication', data: { items: completeApplication } }],
      [
        'application_items_missing',
        applicant,
        { type: 'SubmitApplication', data: { items: [{ itemId: 'APP-1', documentIds: ['doc-1'] }] } },
      ],
      ['invalid_command', applicant, { type: 'SubmitApplication', data: { items: [] } }],
      ['invalid_command', applicant, anyCommand({ type: 'Teleport', data: {} })],
      [
        'invalid_command',
        caseManager,
        anyCommand({ type: 'ElapseTimer', data: { timerId: 'cycle-1:certificate-expiry' } }),
      ],
      ['not_authorised', { id: 'system', role: 'system' }, { type: 'AcceptApplication', data: {} }],
    );
    // A sender that skips the parse meets the workflow's own checks.
    const eventsBefore = await accreditation.eventCount();
    const historyBefore = await historyLength();
    expect(await accreditation.unparsedRejection(applicant, { type: 'Teleport', data: {} })).toBe(
      'invalid_command',
    );
    expect(await accreditation.unparsedRejection(applicant, { type: 'SubmitApplication' })).toBe(
      'invalid_command',
    );
    expect(
      await accreditation.unparsedRejection(caseManager, {
        type: 'ElapseTimer',
        data: { timerId: 'cycle-1:certificate-expiry' },
      }),
    ).toBe('not_authorised');
    expect(await accreditation.eventCount()).toBe(eventsBefore);
    expect(await historyLength()).toBe(historyBefore);

    await step(applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    await refuse(
      ['not_authorised', applicant, { type: 'AcceptApplication', data: {} }],
      [
        'invalid_transition',
        applicant,
        { type: 'SubmitApplication', data: { items: [{ itemId: 'APP-1', documentIds: ['doc-1'] }] } },
      ],
    );

    await step(caseManager, { type: 'AcceptApplication', data: {} });
    await step(caseManager, {
      type: 'AssignDocumentReviewer',
      data: { auditorId: reviewer.id, conflictOfInterestDeclaredFree: true },
    });
    await refuse(
      ['not_assigned', leadAuditor, { type: 'CompleteDocumentReview', data: { results: allConforming } }],
      [
        'requirements_missing',
        reviewer,
        { type: 'CompleteDocumentReview', data: { results: allConforming.slice(1) } },
      ],
      [
        'conflict_of_interest_not_declared',
        caseManager,
        {
          type: 'AssignDocumentReviewer',
          data: { auditorId: otherAuditor.id, conflictOfInterestDeclaredFree: false },
        },
      ],
    );

    await step(reviewer, { type: 'CompleteDocumentReview', data: { results: allConforming } });
    await step(caseManager, {
      type: 'AssignLeadAuditor',
      data: { auditorId: leadAuditor.id, conflictOfInterestDeclaredFree: true },
    });
    await step(caseManager, { type: 'SetAuditDate', data: { auditDate: '2030-01-01' } });
    await accreditation.waitForEvent('AuditorObjectionWindowClosed');
    const onSite: StepCommandInput = {
      type: 'CompleteAuditElement',
      data: { element: 'on_site_audit', findings: [] },
    };
    await step(leadAuditor, onSite);
    await refuse(
      ['audit_element_already_completed', leadAuditor, onSite],
      [
        'not_assigned',
        otherAuditor,
        { type: 'CompleteAuditElement', data: { element: 'it_security_check', findings: [] } },
      ],
      ['audit_date_in_past', caseManager, { type: 'SetAuditDate', data: { auditDate: '2020-01-01' } }],
      ['audit_incomplete', decisionMaker, grant],
      ['invalid_transition', applicant, { type: 'ObjectToAuditor', data: { reason: 'Zu spät.' } }],
      [
        'four_eyes_violation',
        { id: leadAuditor.id, role: 'decision_maker' },
        { type: 'Refuse', data: { reasons: ['x'] } },
      ],
    );

    for (const element of ['customer_satisfaction_analysis', 'it_security_check']) {
      await step(leadAuditor, { type: 'CompleteAuditElement', data: { element, findings: [] } });
    }
    await step(decisionMaker, grant);
    await refuse(
      ['renewal_window_not_open', applicant, { type: 'ApplyForRenewal', data: { documentIds: [] } }],
      ['invalid_transition', decisionMaker, grant],
      [
        'unknown_self_assessment',
        applicant,
        {
          type: 'SubmitSelfAssessment',
          data: { selfAssessmentId: 'cycle-1:self-assessment-9', statement: 'Ja.' },
        },
      ],
      ['invalid_transition', caseManager, { type: 'Reinstate', data: { reason: 'Nichts zu tun.' } }],
      [
        'unknown_suspension_proposal',
        caseManager,
        { type: 'ConfirmSuspensionProposal', data: { proposalId: 'nope' } },
      ],
      [
        'unknown_complaint',
        caseManager,
        { type: 'AcknowledgeComplaint', data: { complaintId: 'complaint-1' } },
      ],
    );

    // The history holds exactly the accepted steps, in order: validators reject before anything is written.
    const history = await handle.fetchHistory();
    const updates = (history.events ?? []).filter(
      (event) =>
        event.workflowExecutionUpdateAcceptedEventAttributes ||
        event.workflowExecutionUpdateRejectedEventAttributes,
    );
    const acceptedCommands = updates.map((event) => {
      const [payload] =
        event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads ?? [];
      return payload ? defaultPayloadConverter.fromPayload<CommandRequest>(payload).command.type : 'rejected';
    });
    expect(acceptedCommands).toEqual(accepted);
    expect(await accreditation.eventCount()).toBe(accepted.length + 1); // + AuditorObjectionWindowClosed
    await recordHistory('rejections', handle);
  });
});
