import { describe, expect, it } from 'vitest';
import { openTasks } from '../../domain/tasks';
import {
  allRequirementIds,
  type Case,
  caseManager,
  command,
  decisionMaker,
  given,
  leadAuditor,
  newCase,
  reviewer,
  validCertificateNumber,
} from './support';

/** Issue 20: a gap of the document review must be verified at the audit before a grant. */

const everyRequirementAGap = allRequirementIds.map((requirementId) => ({
  requirementId,
  result: 'gap' as const,
  comment: `Kein Nachweis für ${requirementId}.`,
}));
const grant = command('Grant', { certificateNumber: validCertificateNumber });
const decisionDay = { actor: decisionMaker, now: '2026-01-31T10:00:00.000Z' };
const auditDay = { actor: leadAuditor, now: '2026-01-28T15:00:00.000Z' };
const clean = (element: string) => command('CompleteAuditElement', { element, findings: [] });

/** Reviewed with the given gaps, lead auditor assigned, date set, objection window closed. */
function inAuditWithGaps(gaps: { requirementId: string; comment: string }[], ruleSet?: 1 | 2): Case {
  const results = allRequirementIds.map((requirementId) => {
    const gap = gaps.find((candidate) => candidate.requirementId === requirementId);
    return gap ? { ...gap, result: 'gap' as const } : { requirementId, result: 'conforming' as const };
  });
  const reviewed = newCase().reviewerAssigned();
  const context = { actor: reviewer, now: '2026-01-10T09:00:00.000Z', ...(ruleSet ? { ruleSet } : {}) };
  const decision = given(reviewed.events).when(
    command('CompleteDocumentReview', { results }),
    context,
  ).decision;
  if (!decision.ok) throw new Error(decision.rejection.message);
  return reviewed
    .record(decision.events)
    .assignLeadAuditor()
    .do(command('SetAuditDate', { auditDate: '2026-01-28' }), caseManager)
    .elapse('cycle-1:lead-auditor-1:objection-window-end');
}

describe('gaps of the document review', () => {
  it('with every requirement a gap and a clean audit, refuse the audit’s last report and the grant', () => {
    const audit = inAuditWithGaps(everyRequirementAGap)
      .completeAuditElement('on_site_audit')
      .completeAuditElement('customer_satisfaction_analysis')
      .taken();
    expect(audit.case.reviewGaps).toHaveLength(22);
    given(audit.events).when(clean('it_security_check'), auditDay).then('review_gaps_open');
    given(audit.events).when(grant, decisionDay).then('review_gaps_open');
    const refused = given(audit.events).when(grant, decisionDay).decision;
    expect(refused.ok ? [] : refused.rejection.message).toContain('ORG-1, ORG-2');
  });

  it('are found closed in a report or taken over by a finding on the same requirement', () => {
    const gaps = [
      { requirementId: 'SEC-2', comment: 'Kein Penetrationstest seit 2023.' },
      { requirementId: 'QUA-1', comment: 'Keine Kundenzufriedenheitsanalyse.' },
    ];
    const audit = inAuditWithGaps(gaps);
    expect(openTasks(audit.state).filter((task) => task.kind === 'verify_review_gap')).toEqual([
      expect.objectContaining({ subjectId: 'SEC-2', assigneeId: leadAuditor.id }),
      expect.objectContaining({ subjectId: 'QUA-1', assigneeId: leadAuditor.id }),
    ]);
    audit.do(
      command('CompleteAuditElement', {
        element: 'it_security_check',
        findings: [],
        reviewGapsClosed: [
          { requirementId: 'SEC-2', comment: 'Penetrationstest vom Januar 2026 liegt vor.' },
        ],
      }),
      leadAuditor,
      auditDay.now,
    );
    expect(audit.events.at(-1)?.data).toMatchObject({
      reviewGapsClosed: [{ requirementId: 'SEC-2', comment: 'Penetrationstest vom Januar 2026 liegt vor.' }],
    });
    audit.completeAuditElement('on_site_audit');
    given(audit.events).when(clean('customer_satisfaction_analysis'), auditDay).then('review_gaps_open');
    audit.completeAuditElement('customer_satisfaction_analysis', [
      { requirementId: 'QUA-1', severity: 'observation', description: 'Erste Analyse im Aufbau.' },
    ]);
    expect(audit.case.reviewGaps).toEqual([
      { ...gaps[0], status: 'closed' },
      { ...gaps[1], status: 'finding', findingId: 'cycle-1:finding-1' },
    ]);
    expect(audit.state.status).toBe('awaiting_decision');
    audit.grant();
    expect(audit.state.status).toBe('accredited');
  });

  it('a gap taken over by a major finding goes the way of corrective actions', () => {
    const audit = inAuditWithGaps([{ requirementId: 'OPS-2', comment: 'Kein Problemmanagement.' }])
      .completeAuditElement('on_site_audit', [
        { requirementId: 'OPS-2', severity: 'major', description: 'Problemmanagement fehlt weiterhin.' },
      ])
      .completeAuditElement('customer_satisfaction_analysis')
      .completeAuditElement('it_security_check')
      .taken();
    expect(audit.state.status).toBe('corrective_actions');
    given(audit.events).when(grant, decisionDay).then('open_major_findings');
  });

  it('refuse a report naming a gap that is not open, twice, or both closed and as a finding', () => {
    const audit = inAuditWithGaps([{ requirementId: 'SEC-2', comment: 'Kein Penetrationstest.' }]);
    const closing = (reviewGapsClosed: { requirementId: string; comment: string }[], findings = []) =>
      command('CompleteAuditElement', { element: 'on_site_audit', findings, reviewGapsClosed });
    const closed = { requirementId: 'SEC-2', comment: 'Liegt vor.' };
    given(audit.events)
      .when(closing([{ requirementId: 'SEC-3', comment: 'x' }]), auditDay)
      .then('invalid_review_gap');
    given(audit.events)
      .when(closing([closed, closed]), auditDay)
      .then('invalid_review_gap');
    const both = command('CompleteAuditElement', {
      element: 'on_site_audit',
      findings: [{ requirementId: 'SEC-2', severity: 'minor', description: 'Test veraltet.' }],
      reviewGapsClosed: [closed],
    });
    given(audit.events).when(both, auditDay).then('invalid_review_gap');
  });

  it('are not referred by a run of rule set 1: its case goes on as it began', () => {
    const audit = inAuditWithGaps(everyRequirementAGap, 1)
      .completeAuditElement('on_site_audit')
      .completeAuditElement('customer_satisfaction_analysis')
      .completeAuditElement('it_security_check');
    expect(audit.case.reviewGaps).toEqual([]);
    const granted = given(audit.events).when(grant, { ...decisionDay, ruleSet: 1 }).decision;
    expect(granted.ok && granted.events.map((event) => event.type)).toEqual(['AccreditationGranted']);
  });
});
