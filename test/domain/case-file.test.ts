import { describe, expect, it } from 'vitest';
import { foldCaseFile, type StampedEvent } from '../../domain/case-file/evolve';
import { documentReferences, peopleIn } from '../../domain/case-file/references';
import { CaseFileSchema } from '../../domain/case-file/schema';
import { caseFileFor } from '../../domain/case-file/visibility';
import type { PolicyInput } from '../../domain/policy-schema';
import { accreditationScenario } from '../fixtures/scenarios';
import { StampedCase } from './stamped-case';
import {
  allConforming,
  applicant,
  caseManager,
  command,
  decisionMaker,
  leadAuditor,
  otherAuditor,
  otherStaff,
  renewalCertificateNumber,
  reviewer,
} from './support';

/** Short periods, so that self-assessments and the renewal come within weeks. */
const policy: PolicyInput = {
  certificateValidity: { days: 90 },
  selfAssessmentInterval: { days: 30 },
  selfAssessmentReminderLeadTimes: [{ days: 3 }],
  selfAssessmentOverdueReminderAfter: { days: 1 },
  selfAssessmentEscalationAfter: { days: 2 },
  selfAssessmentSuspensionProposalAfter: { days: 5 },
  renewalWindow: { days: 20 },
};

/** Every stage of a case, in one history: requests, objection, findings, decision, the years after. */
function fullCase(): StampedCase {
  const c = new StampedCase();
  c.open(policy);
  c.do(
    command('SubmitApplication', {
      items: [
        { itemId: 'APP-1', documentIds: ['a'.repeat(64)] },
        { itemId: 'APP-2', documentIds: ['b'.repeat(64)] },
        { itemId: 'APP-3', statement: 'Selbstauskunft: alle Vorgaben erfüllt.' },
      ],
    }),
    applicant,
    '2026-01-06T09:00:00.000Z',
  );
  c.do(
    command('RequestInformation', { questions: ['Wer leitet den Servicedesk?'] }),
    caseManager,
    '2026-01-07T09:00:00.000Z',
  );
  c.do(
    command('ProvideInformation', {
      requestId: 'cycle-1:request-1',
      answer: 'Frau Muster.',
      documentIds: ['c'.repeat(64)],
    }),
    applicant,
    '2026-01-08T09:00:00.000Z',
  );
  c.do(command('AcceptApplication', {}), caseManager, '2026-01-09T09:00:00.000Z');
  c.assignDocumentReviewer('2026-01-09T10:00:00.000Z');
  c.do(command('RequestDocuments', { documents: ['Notfallhandbuch'] }), reviewer, '2026-01-10T09:00:00.000Z');
  c.do(
    command('ProvideInformation', {
      requestId: 'cycle-1:request-2',
      answer: 'Anbei.',
      documentIds: ['d'.repeat(64)],
    }),
    applicant,
    '2026-01-11T09:00:00.000Z',
  );
  c.do(
    command('CompleteDocumentReview', {
      results: allConforming.map((result) =>
        result.requirementId === 'OPS-2'
          ? { requirementId: 'OPS-2', result: 'gap' as const, comment: 'Kein Problemmanagement beschrieben.' }
          : result,
      ),
    }),
    reviewer,
    '2026-01-12T09:00:00.000Z',
  );
  c.assignLeadAuditor('2026-01-13T09:00:00.000Z', otherAuditor);
  c.do(
    command('ObjectToAuditor', { reason: 'War früher unser Berater.' }),
    applicant,
    '2026-01-13T12:00:00.000Z',
  );
  c.assignLeadAuditor('2026-01-14T09:00:00.000Z', leadAuditor);
  c.do(command('SetAuditDate', { auditDate: '2026-01-28' }), leadAuditor, '2026-01-14T10:00:00.000Z');
  c.elapse('cycle-1:lead-auditor-2:objection-window-end');
  c.completeAuditElement('on_site_audit', [
    { requirementId: 'OPS-2', severity: 'major', description: 'Kein Problemmanagement eingerichtet.' },
  ]);
  c.completeAuditElement('customer_satisfaction_analysis', [
    { requirementId: 'QUA-1', severity: 'minor', description: 'Analyse nur jährlich.' },
  ]);
  c.completeAuditElement('it_security_check');
  c.do(
    command('SubmitActionPlan', { findingId: 'cycle-1:finding-2', plan: 'Quartalsweise ab Q2.' }),
    applicant,
    '2026-01-29T09:00:00.000Z',
  );
  c.do(
    command('AcceptActionPlan', { findingId: 'cycle-1:finding-2' }),
    leadAuditor,
    '2026-01-29T12:00:00.000Z',
  );
  c.do(
    command('SubmitCorrectiveActionEvidence', {
      findingId: 'cycle-1:finding-1',
      description: 'Prozess beschrieben.',
      documentIds: ['e'.repeat(64)],
    }),
    applicant,
    '2026-01-30T09:00:00.000Z',
  );
  c.do(
    command('VerifyCorrectiveAction', {
      findingId: 'cycle-1:finding-1',
      effective: false,
      comment: 'Nicht gelebt.',
    }),
    leadAuditor,
    '2026-01-30T12:00:00.000Z',
  );
  c.do(
    command('SubmitCorrectiveActionEvidence', {
      findingId: 'cycle-1:finding-1',
      description: 'Tickets anbei.',
      documentIds: ['f'.repeat(64)],
    }),
    applicant,
    '2026-01-31T09:00:00.000Z',
  );
  c.do(
    command('VerifyCorrectiveAction', {
      findingId: 'cycle-1:finding-1',
      effective: true,
      comment: 'Wirksam.',
    }),
    leadAuditor,
    '2026-01-31T12:00:00.000Z',
  );
  c.grant('2026-02-01T10:00:00.000Z');
  // The first self-assessment: reminded, submitted, a follow-up, submitted again, accepted.
  c.elapse('cycle-1:self-assessment-1:reminder-3d');
  c.do(
    command('SubmitSelfAssessment', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      statement: 'Alles wie zuvor.',
      documentIds: [],
      findingEvidence: [{ findingId: 'cycle-1:finding-2', description: 'Seit Februar quartalsweise.' }],
    }),
    applicant,
    '2026-02-28T09:00:00.000Z',
  );
  c.do(
    command('ReviewSelfAssessment', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      review: { outcome: 'follow_up_requested', comment: 'Bitte KPI-Bericht beilegen.' },
    }),
    caseManager,
    '2026-03-01T09:00:00.000Z',
  );
  c.do(
    command('SubmitSelfAssessment', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      statement: 'KPI-Bericht anbei.',
      documentIds: ['a'.repeat(64)],
      findingEvidence: [
        {
          findingId: 'cycle-1:finding-2',
          description: 'Quartalsbericht Q1 anbei.',
          documentIds: ['a'.repeat(64)],
        },
      ],
    }),
    applicant,
    '2026-03-02T09:00:00.000Z',
  );
  c.do(
    command('ReviewSelfAssessment', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      review: { outcome: 'accepted' },
    }),
    caseManager,
    '2026-03-02T12:00:00.000Z',
  );
  // The second one is late: escalated, a suspension is proposed and confirmed, then reinstated.
  for (const timer of ['reminder-3d', 'due', 'overdue', 'escalation', 'suspension-proposal'])
    c.elapse(`cycle-1:self-assessment-2:${timer}`);
  // Recorded inside the case, as rule sets up to 6 did.
  c.onRuleSet(6).do(
    command('ReceiveComplaint', { complainant: 'Kunde K.', summary: 'Ausfall ohne Information.' }),
    caseManager,
    '2026-04-10T09:00:00.000Z',
  );
  c.do(
    command('AcknowledgeComplaint', { complaintId: 'complaint-1' }),
    caseManager,
    '2026-04-10T10:00:00.000Z',
  );
  c.do(
    command('AssignComplaintInvestigator', { complaintId: 'complaint-1', investigatorId: otherStaff.id }),
    caseManager,
    '2026-04-10T11:00:00.000Z',
  );
  c.do(
    command('ConfirmSuspensionProposal', { proposalId: 'cycle-1:self-assessment-2:suspension-proposal' }),
    decisionMaker,
    '2026-04-11T09:00:00.000Z',
  );
  c.do(
    command('Reinstate', { reason: 'Selbstbewertung nachgereicht.' }),
    caseManager,
    '2026-04-12T09:00:00.000Z',
  );
  c.do(
    command('DecideComplaint', {
      complaintId: 'complaint-1',
      outcome: 'not_upheld',
      reasoning: 'Vertraglich gedeckt.',
      followUp: 'none',
    }),
    otherStaff,
    '2026-04-13T09:00:00.000Z',
  );
  // Renewal: the window opens, the organisation applies, a re-audit, the renewal is granted.
  c.elapse('cycle-1:renewal-window');
  c.do(command('ApplyForRenewal', { documentIds: ['b'.repeat(64)] }), applicant, '2026-04-14T09:00:00.000Z');
  c.assignDocumentReviewer('2026-04-14T10:00:00.000Z');
  c.completeDocumentReview('2026-04-15T09:00:00.000Z');
  c.assignLeadAuditor('2026-04-15T10:00:00.000Z', otherAuditor);
  c.do(command('SetAuditDate', { auditDate: '2026-04-20' }), caseManager, '2026-04-15T11:00:00.000Z');
  c.elapse('cycle-1:lead-auditor-3:objection-window-end');
  for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check'])
    c.completeAuditElement(element, [], '2026-04-20T15:00:00.000Z', otherAuditor);
  c.grant('2026-04-21T10:00:00.000Z', renewalCertificateNumber.replace('2028', '2026'));
  c.elapse('cycle-1:certificate-expiry');
  c.do(command('Withdraw', { reason: 'Missbrauch des Labels.' }), caseManager, '2026-05-10T09:00:00.000Z');
  return c;
}

describe('the case file', () => {
  const c = fullCase();
  const file = c.file;
  const [initial, renewal] = file.procedures;

  it('keeps the application with its items, documents and the Selbstauskunft', () => {
    expect(file.opened).toEqual({ at: '2026-01-05T09:00:00.000Z', by: caseManager.id });
    expect(initial?.application).toEqual({
      items: [
        { itemId: 'APP-1', statement: null, documentIds: ['a'.repeat(64)] },
        { itemId: 'APP-2', statement: null, documentIds: ['b'.repeat(64)] },
        { itemId: 'APP-3', statement: 'Selbstauskunft: alle Vorgaben erfüllt.', documentIds: [] },
      ],
      at: '2026-01-06T09:00:00.000Z',
      by: applicant.id,
    });
    expect(initial?.review).toEqual({
      outcome: 'accepted',
      reasons: [],
      at: '2026-01-09T09:00:00.000Z',
      by: caseManager.id,
    });
  });

  it('keeps each request with its question, deadline, answer and who asked', () => {
    expect(
      initial?.requests.map((r) => [r.kind, r.items, r.by, r.answer?.text, r.answer?.documentIds]),
    ).toEqual([
      ['information', ['Wer leitet den Servicedesk?'], caseManager.id, 'Frau Muster.', ['c'.repeat(64)]],
      ['documents', ['Notfallhandbuch'], reviewer.id, 'Anbei.', ['d'.repeat(64)]],
    ]);
    expect(initial?.requests[0]?.respondBy).toMatch(/^2026-/);
  });

  it('keeps the document review per requirement, the objection and the audit findings with their actions', () => {
    expect(initial?.documentReview).toMatchObject({
      reviewerId: reviewer.id,
      completedAt: '2026-01-12T09:00:00.000Z',
    });
    const results = initial?.documentReview?.results ?? [];
    expect(results).toHaveLength(allConforming.length);
    expect(results.find((r) => r.requirementId === 'ORG-1')).toEqual({
      requirementId: 'ORG-1',
      result: 'conforming',
      remark: null,
    });
    expect(results.find((r) => r.requirementId === 'OPS-2')).toEqual({
      requirementId: 'OPS-2',
      result: 'gap',
      remark: 'Kein Problemmanagement beschrieben.',
    });
    // Rule set 2: the gap went to the audit, where the major finding on OPS-2 took it over.
    expect(initial?.reviewGaps).toEqual([
      {
        requirementId: 'OPS-2',
        comment: 'Kein Problemmanagement beschrieben.',
        referredAt: '2026-01-12T09:00:00.000Z',
        status: 'finding',
        verification: {
          element: 'on_site_audit',
          auditorId: leadAuditor.id,
          comment: null,
          findingId: 'cycle-1:finding-1',
          at: '2026-01-28T15:00:00.000Z',
        },
      },
    ]);
    expect(renewal?.reviewGaps).toEqual([]);
    const planning = initial?.auditPlanning;
    expect(
      planning?.assignments.map((a) => [a.auditorId, a.objection?.reason ?? null, a.objectionWindowClosedAt]),
    ).toEqual([
      [otherAuditor.id, 'War früher unser Berater.', null],
      [leadAuditor.id, null, expect.any(String)],
    ]);
    expect(planning?.auditDate).toBe('2026-01-28');
    expect(initial?.auditElements.map((e) => [e.element, e.findingIds])).toEqual([
      ['on_site_audit', ['cycle-1:finding-1']],
      ['customer_satisfaction_analysis', ['cycle-1:finding-2']],
      ['it_security_check', []],
    ]);
    const [major, minor] = initial?.findings ?? [];
    expect(major).toMatchObject({
      severity: 'major',
      requirementId: 'OPS-2',
      text: 'Kein Problemmanagement eingerichtet.',
      status: 'resolved',
    });
    expect(major?.evidence.map((e) => e.documentIds)).toEqual([['e'.repeat(64)], ['f'.repeat(64)]]);
    expect(major?.verifications.map((v) => [v.effective, v.comment])).toEqual([
      [false, 'Nicht gelebt.'],
      [true, 'Wirksam.'],
    ]);
    expect(major?.correctiveActionDueBy).toMatch(/^2026-/);
    expect(minor).toMatchObject({
      severity: 'minor',
      status: 'resolved',
      actionPlanAcceptance: { by: leadAuditor.id },
    });
    expect(minor?.actionPlans.map((p) => p.plan)).toEqual(['Quartalsweise ab Q2.']);
  });

  it('keeps both decisions, numbered, and both certificates with their validity', () => {
    expect([initial?.decision, renewal?.decision].map((d) => [d?.number, d?.outcome, d?.by])).toEqual([
      [1, 'granted', decisionMaker.id],
      [2, 'granted', decisionMaker.id],
    ]);
    expect(renewal).toMatchObject({
      kind: 'renewal',
      cycle: 1,
      renewalApplication: { documentIds: ['b'.repeat(64)] },
    });
    expect(
      file.certificates.map((cert) => [
        cert.cycle,
        cert.renewal,
        cert.inForceSince !== null,
        cert.expiredAt !== null,
      ]),
    ).toEqual([
      [1, false, true, true],
      [2, true, true, false],
    ]);
    expect(file.certificates[0]?.renewalWindowOpenedAt).not.toBeNull();
  });

  it('keeps the self-assessments as submitted and reviewed, the suspension and the withdrawal', () => {
    const [first, second] = file.selfAssessments;
    expect(first?.submissions.map((s) => s.statement)).toEqual(['Alles wie zuvor.', 'KPI-Bericht anbei.']);
    expect(first?.findingsToEvidence?.map((finding) => finding.findingId)).toEqual(['cycle-1:finding-2']);
    expect(first?.submissions.map((s) => s.findingEvidence?.[0]?.description)).toEqual([
      'Seit Februar quartalsweise.',
      'Quartalsbericht Q1 anbei.',
    ]);
    expect(second?.findingsToEvidence).toBeUndefined();
    expect(first?.reviews.map((r) => [r.outcome, r.comment])).toEqual([
      ['follow_up_requested', 'Bitte KPI-Bericht beilegen.'],
      ['accepted', null],
    ]);
    expect(second?.reminders.map((r) => r.kind)).toEqual(['upcoming', 'due', 'overdue']);
    expect(second?.escalatedAt).not.toBeNull();
    expect(file.suspensionProposals?.map((p) => p.closed?.how)).toEqual(['confirmed']);
    expect(file.suspensions).toMatchObject([
      { reason: expect.any(String), reinstatement: { reason: 'Selbstbewertung nachgereicht.' } },
    ]);
    expect(file.withdrawal).toEqual({
      reason: 'Missbrauch des Labels.',
      at: '2026-05-10T09:00:00.000Z',
      by: caseManager.id,
    });
    expect(file.complaints?.[0]).toMatchObject({
      complainant: 'Kunde K.',
      investigation: { investigatorId: otherStaff.id },
      decision: { outcome: 'not_upheld', reasoning: 'Vertraglich gedeckt.', by: otherStaff.id },
    });
  });

  it('lists each document with every place it was used, and the people it names', () => {
    const references = documentReferences(file);
    expect(references.map((r) => [r.documentId.charAt(0), r.uses.map((u) => u.kind)])).toEqual([
      ['a', ['application_item', 'self_assessment']],
      ['b', ['application_item', 'renewal_application']],
      ['c', ['request_answer']],
      ['d', ['request_answer']],
      ['e', ['corrective_action_evidence']],
      ['f', ['corrective_action_evidence']],
    ]);
    expect(peopleIn(file).sort()).toEqual(
      [caseManager, applicant, reviewer, leadAuditor, otherAuditor, decisionMaker, otherStaff]
        .map((a) => a.id)
        .sort(),
    );
  });

  it('shows each viewer what they may see', () => {
    const staff = caseFileFor(file, { role: 'staff', userId: caseManager.id });
    expect(staff).toEqual(file);
    const dm = caseFileFor(file, { role: 'decision_maker', userId: decisionMaker.id });
    expect(dm.complaints).toBeUndefined();
    expect(dm.suspensionProposals).toHaveLength(1);
    expect(dm.selfAssessments[1]?.escalatedAt).not.toBeNull();
    const investigator = caseFileFor(file, { role: 'decision_maker', userId: otherStaff.id });
    expect(investigator.complaints?.map((complaint) => complaint.complaintId)).toEqual(['complaint-1']);
    const auditor = caseFileFor(file, { role: 'auditor', userId: leadAuditor.id });
    expect(auditor.complaints).toBeUndefined();
    expect(auditor.suspensionProposals).toBeUndefined();
    expect(auditor.selfAssessments[1]).not.toHaveProperty('escalatedAt');
    expect(auditor.procedures[0]?.documentReview).toHaveProperty('reviewerRemindedAt');
    const organisation = caseFileFor(file, { role: 'organisation', userId: applicant.id });
    expect(organisation.complaints).toBeUndefined();
    expect(organisation.suspensionProposals).toBeUndefined();
    expect(organisation.selfAssessments[1]).not.toHaveProperty('escalatedAt');
    expect(organisation.procedures[0]?.documentReview).not.toHaveProperty('reviewerRemindedAt');
    expect(organisation.procedures[0]?.auditPlanning).not.toHaveProperty('auditorRemindedAt');
    expect(organisation.procedures[0]?.findings[0]).not.toHaveProperty('auditorRemindedAt');
    // What remains is the organisation's own case: its answers, findings and decisions.
    expect(organisation.procedures[0]?.findings[0]?.verifications).toHaveLength(2);
    expect(organisation.suspensions[0]?.reason).toBeTruthy();
    for (const view of [staff, dm, auditor, organisation]) expect(CaseFileSchema.parse(view)).toEqual(view);
    expect(JSON.stringify(organisation)).not.toContain('Kunde K.');
  });

  it('folds every scripted history without losing what the decider knows', () => {
    const streams = new Map<string, StampedEvent[]>();
    for (const append of accreditationScenario({ cases: 40, seed: 7, maxStepsPerCase: 120 })) {
      const events = streams.get(append.streamId) ?? [];
      for (const event of append.events) {
        const by = event.metadata.actorRole === 'system' ? null : (event.metadata.actorId as string);
        events.push({ type: event.type, data: event.data, at: event.businessTime, by } as StampedEvent);
      }
      streams.set(append.streamId, events);
    }
    for (const events of streams.values()) {
      const folded = CaseFileSchema.parse(foldCaseFile(events));
      const decisions = events.filter(
        (e) => e.type === 'AccreditationGranted' || e.type === 'AccreditationRefused',
      );
      expect(folded.procedures.flatMap((p) => (p.decision ? [p.decision.number] : []))).toEqual(
        decisions.map((_, index) => index + 1),
      );
      const findings = events.flatMap((e) => (e.type === 'AuditElementCompleted' ? e.data.findings : []));
      expect(folded.procedures.flatMap((p) => p.findings.map((f) => f.findingId))).toEqual(
        findings.map((f) => f.findingId),
      );
    }
  });
});
