import { defaultPayloadConverter } from '@temporalio/common';
import { describe, it } from 'vitest';
import { EncryptionCodec } from '../../config/payload-encryption';
import type { Actor, StepCommandInput } from '../../domain/commands';
import type { CommandRequest } from '../../workflows/messages';
import { allConforming, completeApplication } from '../fixtures/application';
import { recordHistory } from '../support/histories';
import { quietPolicy as quiet } from '../support/policies';
import { useTestStack } from '../support/stack';
import { testPayloadKeys } from '../support/step-signing';

/**
 * The branches of the life cycle (DESIGN.md §2) against the dev server, each a case of its own, all
 * running at once. Nothing fires during a test but the objection window it waits out (see
 * support/policies.ts); the branches that wait for deadlines are in deadlines.test.ts.
 * With RECORD_HISTORIES=1 the histories are written to `test/histories/` (see support/histories.ts).
 */
const grant: StepCommandInput = { type: 'Grant', data: {} };

describe('the accreditation workflow, branch by branch', () => {
  const stack = useTestStack();
  const driver = () => stack.driver();

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
    expect(refused).toMatchObject({
      status: 'refused',
      eventTypes: ['AccreditationRefused', 'AppealWindowOpened'],
    });

    const result = await accreditation.handle().result();
    expect(result.status).toBe('refused');
    expect((await accreditation.handle().describe()).status.name).toBe('COMPLETED');
    // The run ended when the refusal could no longer be appealed (rule set 4).
    const [decided, , closed] = (await accreditation.events()).slice(-3);
    expect(closed?.event_type).toBe('AppealWindowClosed');
    expect(decided).toMatchObject({
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
      eventTypes: ['AccreditationWithdrawn', 'AppealWindowOpened'],
    });
    expect((await accreditation.handle().result()).status).toBe('withdrawn');
  });

  it.concurrent('a step that leaves the next deadline as it was keeps its timer; one that moves it restarts it', async ({
    expect,
  }) => {
    const accreditation = driver();
    const { caseManager, applicant } = accreditation.cast;
    await accreditation.open(quiet);
    await accreditation.step(applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    await accreditation.step(caseManager, {
      type: 'RequestInformation',
      data: { questions: ['Wo ist das Organigramm?'] },
    });
    // Steps that change nothing about the information request's deadlines.
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

    // Answering the request ends its deadlines: the timer is cancelled.
    await accreditation.step(applicant, {
      type: 'ProvideInformation',
      data: { requestId: 'cycle-1:request-1', answer: 'Im Anhang.', documentIds: [] },
    });
    expect((await timerEvents()).canceled).toBe(1);
  });

  it.concurrent('a rejected step writes nothing: no event in PostgreSQL, no update, marker or timer in the workflow history', async ({
    expect,
  }) => {
    const accreditation = driver();
    const { caseManager, applicant, reviewer, leadAuditor, otherAuditor, decisionMaker } = accreditation.cast;
    const stranger: Actor = { id: 'max', role: 'organisation', organisationId: 'org-somebody-else' };
    const handle = accreditation.handle();
    // Workflow-task bookkeeping aside: the server may keep the task that rejected an update when the
    // SDK has something of its own to report (once after a run's first task with several patches).
    const workflowTaskScheduledStartedCompleted = new Set([5, 6, 7]);
    const historyLength = async () =>
      ((await handle.fetchHistory()).events ?? []).filter(
        (event) => !workflowTaskScheduledStartedCompleted.has(Number(event.eventType)),
      ).length;

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
      // Rule set 3: staff may not decide it at all; a decision maker learns there is no such proposal.
      ['not_authorised', caseManager, { type: 'ConfirmSuspensionProposal', data: { proposalId: 'nope' } }],
      [
        'unknown_suspension_proposal',
        decisionMaker,
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
    const codec = new EncryptionCodec(testPayloadKeys);
    const acceptedCommands = await Promise.all(
      updates.map(async (event) => {
        const [payload] =
          event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads ?? [];
        if (!payload) return 'rejected';
        const [decoded] = await codec.decode([payload]);
        return decoded
          ? defaultPayloadConverter.fromPayload<CommandRequest>(decoded).command.type
          : 'undecodable';
      }),
    );
    expect(acceptedCommands).toEqual(accepted);
    expect(await accreditation.eventCount()).toBe(accepted.length + 1); // + AuditorObjectionWindowClosed
    await recordHistory('rejections', handle);
  });
});
