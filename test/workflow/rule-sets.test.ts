import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { createEventStore } from '../../db/event-store';
import { inlineProjections } from '../../db/projections/index';
import { dim1002Edition2024 } from '../../domain/catalogue';
import { ruleSets } from '../../domain/rule-sets';
import { withStepSigningKey } from '../../worker/step-signing';
import { allConforming, completeApplication } from '../fixtures/application';
import { CaseDriver } from '../support/case-driver';
import { recordHistory } from '../support/histories';
import { quietPolicy as policy } from '../support/policies';
import { useTestStack } from '../support/stack';
import { signingInterceptors, testDataConverter, testStepSigningKey } from '../support/step-signing';
import { installQuietRuntime } from '../support/temporal';

/**
 * Rule set 2 (issue 20) is behind `patched('rule-set-2')`, asked once at the start of a run. A case
 * started on the release before (a worker that leaves the patch inactive, as that code had no such
 * patch) goes on under the new code as it began; a case started on the new code has the new rules.
 */

const everyRequirementAGap = dim1002Edition2024.requirements.map(({ id }) => ({
  requirementId: id,
  result: 'gap' as const,
  comment: 'Kein Nachweis vorgelegt.',
}));

const ruleSetsFrom = (first: number) =>
  ruleSets.filter((ruleSet) => ruleSet >= first).map((ruleSet) => `rule-set-${ruleSet}`);

describe('a case started before rule set 2', () => {
  installQuietRuntime();
  // The database of the stack; the workers are this file's own, one after the other on one queue.
  const stack = useTestStack({ temporal: false });
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let client: Client;
  const taskQueue = `test-${randomUUID()}`;

  beforeAll(async () => {
    nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({
      connection,
      namespace: 'default',
      interceptors: signingInterceptors(),
      dataConverter: testDataConverter,
    });
  });
  afterAll(async () => {
    await nativeConnection?.close();
    await connection?.close();
  });

  /** The first rule set a release's code did not have yet; it had none of the later ones either. */
  const inactiveOn = {
    '2026-11-27.1': ruleSetsFrom(3),
    '2026-11-27.2': ruleSetsFrom(4),
    '2026-11-28.1': ruleSetsFrom(5),
    '2026-11-28.3': ruleSetsFrom(7),
  };

  /**
   * A worker of this code; `previousRelease`: one on which rule set 2 (and so all later) never
   * activates, or a release named in `inactiveOn`.
   */
  async function runWorker<T>(
    previousRelease: boolean | keyof typeof inactiveOn,
    work: () => Promise<T>,
  ): Promise<T> {
    const inactive = typeof previousRelease === 'string' ? inactiveOn[previousRelease] : ruleSetsFrom(2);
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle: await withStepSigningKey({ code: inject('workflowBundleCode') }, testStepSigningKey),
      dataConverter: testDataConverter,
      activities: createActivities({
        eventStore: createEventStore({ db: stack.db, projections: inlineProjections }),
      }),
      ...(previousRelease ? { patchActivationCallback: ({ patchId }) => !inactive.includes(patchId) } : {}),
    });
    return worker.runUntil(work);
  }

  /** Opened, applied, accepted; the reviewer assigned twice and the review with every requirement a gap. */
  async function reviewed(driver: CaseDriver) {
    const { caseManager, applicant, reviewer, leadAuditor } = driver.cast;
    await driver.open(policy);
    await driver.step(applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    await driver.step(caseManager, { type: 'AcceptApplication', data: {} });
    for (const _ of [1, 2]) {
      await driver.step(caseManager, {
        type: 'AssignDocumentReviewer',
        data: { auditorId: reviewer.id, conflictOfInterestDeclaredFree: true },
      });
    }
    await driver.step(reviewer, { type: 'CompleteDocumentReview', data: { results: everyRequirementAGap } });
    await driver.planAudit(leadAuditor);
  }

  // The release before had no such patch: its history carries no marker of it.
  const patches = async (driver: CaseDriver) =>
    ((await driver.handle().fetchHistory()).events ?? []).flatMap((event) => {
      const marker = event.markerRecordedEventAttributes;
      const data =
        marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0] : undefined;
      return data ? [(defaultPayloadConverter.fromPayload(data) as { id: string }).id] : [];
    });

  const clean = (element: string) => ({
    type: 'CompleteAuditElement' as const,
    data: { element, findings: [] },
  });

  it('goes on under the new code as it began; a case started on the new code has the new rules', async () => {
    const old = new CaseDriver(client, stack.db, taskQueue);
    await runWorker(true, () => reviewed(old));
    expect(await old.eventTypes()).not.toContain('ReviewGapsReferredToAudit');

    await runWorker(false, async () => {
      // The old case, replayed by the new code and continued: its reviewer was recorded twice, its
      // gaps were never referred, and a clean audit leads to the grant as it did before.
      await old.waitForEvent('AuditorObjectionWindowClosed');
      await old.completeAudit();
      await old.step(old.cast.decisionMaker, { type: 'Grant', data: {} });
      const oldTypes = await old.eventTypes();
      expect(oldTypes.filter((type) => type === 'DocumentReviewerAssigned')).toHaveLength(2);
      expect(oldTypes).not.toContain('ReviewGapsReferredToAudit');
      expect(oldTypes.at(-1)).toBe('AccreditationGranted');

      const current = new CaseDriver(client, stack.db, taskQueue);
      await reviewed(current);
      const types = await current.eventTypes();
      expect(types.filter((type) => type === 'DocumentReviewerAssigned')).toHaveLength(1);
      expect(types).toContain('ReviewGapsReferredToAudit');
      await current.waitForEvent('AuditorObjectionWindowClosed');
      const { leadAuditor, decisionMaker } = current.cast;
      await current.step(leadAuditor, clean('on_site_audit'));
      await current.step(leadAuditor, clean('customer_satisfaction_analysis'));
      expect(await current.rejection(leadAuditor, clean('it_security_check'))).toBe('review_gaps_open');
      expect(await current.rejection(decisionMaker, { type: 'Grant', data: {} })).toBe('review_gaps_open');
      expect(await patches(current)).toContain('rule-set-2');
    });

    expect(await patches(old)).not.toContain('rule-set-2');
    expect(await patches(old)).toContain('timer-kept-across-steps');
  }, 120_000);

  it('rule set 3: a case started on release 2026-11-27.1 is decided as it began; on the new code only the decision maker who took it decides', async () => {
    const old = new CaseDriver(client, stack.db, taskQueue);
    const take = { type: 'TakeDecision' as const, data: {} };
    const grant = { type: 'Grant' as const, data: {} };
    await runWorker('2026-11-27.1', async () => {
      await old.toAwaitingDecision(policy);
      await old.step(old.cast.decisionMaker, take);
    });
    await runWorker(false, async () => {
      // Rule set 2 let any decision maker decide: the one who did not take it grants.
      expect(await old.step(old.cast.otherDecisionMaker, grant)).toMatchObject({ status: 'accredited' });
      expect(await patches(old)).toContain('rule-set-2');
      expect(await patches(old)).not.toContain('rule-set-3');

      const current = new CaseDriver(client, stack.db, taskQueue);
      await current.toAwaitingDecision(policy);
      await current.step(current.cast.decisionMaker, take);
      expect(await current.rejection(current.cast.otherDecisionMaker, grant)).toBe('not_assigned');
      expect(await current.rejection(current.cast.otherDecisionMaker, take)).toBe('decision_taken');
      expect(await current.step(current.cast.decisionMaker, grant)).toMatchObject({ status: 'accredited' });
      expect(await patches(current)).toEqual(expect.arrayContaining(['rule-set-2', 'rule-set-3']));
      await recordHistory('decision-queue', current.handle());
    });
  }, 120_000);

  it('rule set 4: a case started on release 2026-11-27.2 ends with its refusal as it began; on the new code the refusal may be appealed', async () => {
    const old = new CaseDriver(client, stack.db, taskQueue);
    const take = { type: 'TakeDecision' as const, data: {} };
    const refuse = { type: 'Refuse' as const, data: { reasons: ['Nachweise fehlen.'] } };
    await runWorker('2026-11-27.2', () => old.toAwaitingDecision(policy));
    await runWorker(false, async () => {
      await old.step(old.cast.decisionMaker, take);
      expect(await old.step(old.cast.decisionMaker, refuse)).toMatchObject({
        status: 'refused',
        eventTypes: ['AccreditationRefused'],
      });
      expect((await old.handle().result()).status).toBe('refused');
      expect(await patches(old)).toContain('rule-set-3');
      expect(await patches(old)).not.toContain('rule-set-4');

      const current = new CaseDriver(client, stack.db, taskQueue);
      await current.toAwaitingDecision(policy);
      await current.step(current.cast.decisionMaker, take);
      expect(await current.step(current.cast.decisionMaker, refuse)).toMatchObject({
        status: 'refused',
        eventTypes: ['AccreditationRefused', 'AppealWindowOpened'],
      });
      expect(await patches(current)).toEqual(expect.arrayContaining(['rule-set-3', 'rule-set-4']));
      // The run waits for the window (2 s here), then ends.
      expect((await current.handle().result()).status).toBe('refused');
      expect((await current.eventTypes()).at(-1)).toBe('AppealWindowClosed');
    });
  }, 120_000);

  it('rule set 5: a case started on release 2026-11-28.1 takes its Selbstbewertung as it began; on the new code it must show what became of the minor finding', async () => {
    const minor = 'cycle-1:finding-1';
    const selfAssessment = (findingEvidence?: { findingId: string; description: string }[]) => ({
      type: 'SubmitSelfAssessment' as const,
      data: {
        selfAssessmentId: 'cycle-1:self-assessment-1',
        statement: 'Alles weiter erfüllt.',
        ...(findingEvidence ? { findingEvidence } : {}),
      },
    });
    /** Audited with one minor finding, its action plan accepted, granted. */
    async function grantedWithMinorFinding(driver: CaseDriver) {
      const { applicant, leadAuditor, decisionMaker } = driver.cast;
      await driver.throughDocumentReview();
      await driver.planAudit();
      await driver.waitForEvent('AuditorObjectionWindowClosed');
      const finding = {
        requirementId: 'OPS-3',
        severity: 'minor' as const,
        description: 'Eskalation fehlt.',
      };
      await driver.step(leadAuditor, {
        type: 'CompleteAuditElement',
        data: { element: 'on_site_audit', findings: [finding] },
      });
      await driver.step(leadAuditor, clean('customer_satisfaction_analysis'));
      await driver.step(leadAuditor, clean('it_security_check'));
      await driver.step(applicant, {
        type: 'SubmitActionPlan',
        data: { findingId: minor, plan: 'Bis März.' },
      });
      await driver.step(leadAuditor, { type: 'AcceptActionPlan', data: { findingId: minor } });
      await driver.step(decisionMaker, { type: 'TakeDecision', data: {} });
      await driver.step(decisionMaker, { type: 'Grant', data: {} });
    }
    const old = new CaseDriver(client, stack.db, taskQueue);
    await runWorker('2026-11-28.1', () => old.open(policy));
    await runWorker(false, async () => {
      await grantedWithMinorFinding(old);
      expect(await old.step(old.cast.applicant, selfAssessment())).toMatchObject({
        eventTypes: ['SelfAssessmentSubmitted'],
      });
      expect(await patches(old)).toContain('rule-set-4');
      expect(await patches(old)).not.toContain('rule-set-5');

      const current = new CaseDriver(client, stack.db, taskQueue);
      await current.open(policy);
      await grantedWithMinorFinding(current);
      expect(await current.rejection(current.cast.applicant, selfAssessment())).toBe(
        'finding_evidence_missing',
      );
      const evidence = [{ findingId: minor, description: 'Eskalationswege stehen im Handbuch.' }];
      expect(await current.step(current.cast.applicant, selfAssessment(evidence))).toMatchObject({
        eventTypes: ['SelfAssessmentSubmitted'],
      });
      expect(await patches(current)).toContain('rule-set-5');
      await recordHistory('finding-evidence', current.handle());
    });
  }, 120_000);

  it('rule set 7: a case started on release 2026-11-28.3 takes a complaint inside it to its end; on the new code a complaint has its own life cycle', async () => {
    const receive = {
      type: 'ReceiveComplaint' as const,
      data: {
        complainant: 'Kunde X AG',
        summary: 'Das DIM-Zeichen wird für nicht akkreditierte Leistungen genutzt.',
      },
    };
    const complaintId = 'complaint-1';
    const old = new CaseDriver(client, stack.db, taskQueue);
    await runWorker('2026-11-28.3', () => old.open(policy));
    await runWorker(false, async () => {
      const { caseManager } = old.cast;
      expect(await old.step(caseManager, receive)).toMatchObject({ eventTypes: ['ComplaintReceived'] });
      await old.step(caseManager, { type: 'AcknowledgeComplaint', data: { complaintId } });
      const assign = (investigatorId: string) => ({
        type: 'AssignComplaintInvestigator' as const,
        data: { complaintId, investigatorId },
      });
      const investigator = { id: `ines-${old.accreditationId.slice(0, 8)}`, role: 'staff' as const };
      expect(await old.rejection(caseManager, assign(caseManager.id))).toBe('investigator_not_independent');
      await old.step(caseManager, assign(investigator.id));
      const decide = {
        type: 'DecideComplaint' as const,
        data: {
          complaintId,
          outcome: 'not_upheld' as const,
          reasoning: 'Im Geltungsbereich.',
          followUp: 'none' as const,
        },
      };
      expect(await old.rejection(caseManager, decide)).toBe('not_assigned');
      await old.step(investigator, decide);
      expect(await old.step(caseManager, { type: 'CloseComplaint', data: { complaintId } })).toMatchObject({
        eventTypes: ['ComplaintClosed'],
      });
      expect(await patches(old)).toContain('rule-set-6');
      expect(await patches(old)).not.toContain('rule-set-7');

      const current = new CaseDriver(client, stack.db, taskQueue);
      await current.open(policy);
      const before = await current.eventCount();
      expect(await current.rejection(current.cast.caseManager, receive)).toBe('complaint_has_own_life_cycle');
      expect(await current.eventCount()).toBe(before);
      expect(await patches(current)).toContain('rule-set-7');
      await recordHistory('complaint-refused-in-case', current.handle());
    });
  }, 120_000);

  it('through a procedure: a gap found closed, a gap taken over by a finding, steps that change nothing', async () => {
    await runWorker(false, async () => {
      const accreditation = new CaseDriver(client, stack.db, taskQueue);
      const { caseManager, applicant, reviewer, leadAuditor, decisionMaker } = accreditation.cast;
      const gaps = [
        { requirementId: 'SEC-2', comment: 'Kein Penetrationstest seit 2023.' },
        { requirementId: 'QUA-1', comment: 'Keine Kundenzufriedenheitsanalyse.' },
      ];
      const results = allConforming.map((result) => {
        const gap = gaps.find((candidate) => candidate.requirementId === result.requirementId);
        return gap ? { ...gap, result: 'gap' as const } : result;
      });
      await accreditation.open(policy);
      await accreditation.step(applicant, {
        type: 'SubmitApplication',
        data: { items: completeApplication },
      });
      await accreditation.step(caseManager, { type: 'AcceptApplication', data: {} });
      const assignReviewer = {
        type: 'AssignDocumentReviewer' as const,
        data: { auditorId: reviewer.id, conflictOfInterestDeclaredFree: true },
      };
      await accreditation.step(caseManager, assignReviewer);
      expect(await accreditation.step(caseManager, assignReviewer)).toMatchObject({ eventTypes: [] });
      await accreditation.step(reviewer, { type: 'CompleteDocumentReview', data: { results } });
      await accreditation.planAudit(leadAuditor);
      const sameDate = { type: 'SetAuditDate' as const, data: { auditDate: '2030-01-01' } };
      expect(await accreditation.step(caseManager, sameDate)).toMatchObject({ eventTypes: [] });
      await accreditation.waitForEvent('AuditorObjectionWindowClosed');

      await accreditation.step(leadAuditor, {
        type: 'CompleteAuditElement',
        data: {
          element: 'it_security_check',
          findings: [],
          reviewGapsClosed: [{ requirementId: 'SEC-2', comment: 'Penetrationstest vom Januar liegt vor.' }],
        },
      });
      await accreditation.step(leadAuditor, {
        type: 'CompleteAuditElement',
        data: {
          element: 'customer_satisfaction_analysis',
          findings: [{ requirementId: 'QUA-1', severity: 'minor', description: 'Analyse erst im Aufbau.' }],
        },
      });
      await accreditation.step(leadAuditor, clean('on_site_audit'));
      const findingId = 'cycle-1:finding-1';
      await accreditation.step(applicant, {
        type: 'SubmitActionPlan',
        data: { findingId, plan: 'Quartalsweise Analyse ab dem nächsten Quartal.' },
      });
      await accreditation.step(leadAuditor, { type: 'AcceptActionPlan', data: { findingId } });
      const granted = await accreditation.step(decisionMaker, { type: 'Grant', data: {} });
      expect(granted).toMatchObject({ status: 'accredited', eventTypes: ['AccreditationGranted'] });

      const types = await accreditation.eventTypes();
      expect(types.filter((type) => type === 'DocumentReviewerAssigned')).toHaveLength(1);
      expect(types.filter((type) => type === 'AuditDateSet')).toHaveLength(1);
      const state = (await accreditation.state()).state;
      expect(state.status !== 'none' && state.reviewGaps).toEqual([
        { ...gaps[0], status: 'closed' },
        { ...gaps[1], status: 'finding', findingId },
      ]);
      await recordHistory('review-gaps', accreditation.handle());
    });
  }, 120_000);
});
