import { describe, expect, it } from 'vitest';
import { foldCaseFile, type StampedEvent } from '../../domain/case-file/evolve';
import { documentReferences, peopleIn } from '../../domain/case-file/references';
import { CaseFileSchema } from '../../domain/case-file/schema';
import { caseFileFor } from '../../domain/case-file/visibility';
import { accreditationScenario } from '../fixtures/scenarios';
import { fullCase } from './full-case';
import {
  allConforming,
  applicant,
  caseManager,
  decisionMaker,
  leadAuditor,
  otherAuditor,
  otherStaff,
  reviewer,
} from './support';

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
