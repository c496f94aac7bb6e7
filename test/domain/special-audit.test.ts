import { describe, expect, it } from 'vitest';
import { decide } from '../../domain/accreditation';
import { openTasks } from '../../domain/tasks';
import { dueTimers } from '../../domain/timers';
import { StampedCase } from './stamped-case';
import { applicant, caseManager, command, decisionMaker, leadAuditor, newCase } from './support';

const reason = 'Beschwerde über den Servicedesk: Störungen wochenlang unbearbeitet';
const elements = ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check'];

const inSpecialAudit = () => newCase().inSpecialAudit(reason);

describe('special audit (ISO/IEC 17021-1 §9.6.4, rule set 5)', () => {
  it('is scheduled by staff beside the valid certificate, which stays untouched', () => {
    const scheduled = newCase()
      .accredited()
      .do(command('ScheduleSpecialAudit', { reason }), caseManager, '2026-03-02T09:00:00.000Z');
    expect(scheduled.events.at(-1)).toMatchObject({
      type: 'SpecialAuditScheduled',
      data: { specialAuditId: 'cycle-1:special-audit-1', reason, scheduledBy: caseManager.id },
    });
    expect(scheduled.case.status).toBe('accredited');
    expect(scheduled.case.specialAudit).toMatchObject({ phase: 'audit_planning', reason });
    expect(scheduled.case.certificate?.certificateNumber).toBeDefined();
    expect(scheduled.case.completedAuditElements).toEqual([]);
  });

  it('is refused to organisations, under earlier rule sets, twice at once, and before a grant', () => {
    const accredited = newCase().accredited();
    const schedule = command('ScheduleSpecialAudit', { reason });
    const now = '2026-03-02T09:00:00.000Z';
    const refusal = (decision: ReturnType<typeof decide>) =>
      decision.ok ? 'accepted' : decision.rejection.code;
    expect(refusal(decide(schedule, accredited.state, { actor: applicant, now }))).toBe('not_authorised');
    expect(refusal(decide(schedule, accredited.state, { actor: caseManager, now, ruleSet: 4 }))).toBe(
      'invalid_transition',
    );
    const running = accredited.do(schedule, caseManager, now);
    expect(refusal(decide(schedule, running.state, { actor: caseManager, now }))).toBe(
      'special_audit_running',
    );
    expect(refusal(decide(schedule, newCase().inAudit().state, { actor: caseManager, now }))).toBe(
      'invalid_transition',
    );
  });

  it('runs the audit steps and closes without a finding; the certificate stays', () => {
    const audited = inSpecialAudit();
    expect(audited.case.specialAudit?.phase).toBe('audit');
    for (const element of elements) audited.completeAuditElement(element, [], '2026-03-20T15:00:00.000Z');
    expect(audited.events.at(-1)).toMatchObject({
      type: 'SpecialAuditClosed',
      data: { specialAuditId: 'cycle-1:special-audit-1', auditElements: elements, findingIds: [] },
    });
    expect(audited.case.specialAudit).toBeNull();
    expect(audited.case.status).toBe('accredited');
    expect(audited.case.suspensionProposal).toBeNull();
  });

  it('closes once a minor finding’s action plan is accepted', () => {
    const audited = inSpecialAudit().completeAuditElement(
      'on_site_audit',
      [{ requirementId: 'OPS-2', severity: 'minor', description: 'Eskalation nicht dokumentiert.' }],
      '2026-03-20T15:00:00.000Z',
    );
    for (const element of elements.slice(1))
      audited.completeAuditElement(element, [], '2026-03-20T16:00:00.000Z');
    expect(audited.case.specialAudit?.phase).toBe('corrective_actions');
    const findingId = audited.case.findings[0]?.findingId ?? '';
    audited
      .do(command('SubmitActionPlan', { findingId, plan: 'Eskalationsstufen festlegen.' }), applicant)
      .do(command('AcceptActionPlan', { findingId }), leadAuditor);
    expect(audited.events.at(-1)).toMatchObject({
      type: 'SpecialAuditClosed',
      data: { findingIds: [findingId] },
    });
    expect(audited.case.status).toBe('accredited');
  });

  it('proposes the suspension to a decision maker on a major finding; its confirmation suspends', () => {
    const audited = inSpecialAudit().completeAuditElement(
      'on_site_audit',
      [{ requirementId: 'OPS-2', severity: 'major', description: 'Kein Problemmanagement eingerichtet.' }],
      '2026-03-20T15:00:00.000Z',
    );
    const proposal = audited.events.at(-1);
    expect(proposal).toMatchObject({
      type: 'SuspensionProposed',
      data: { specialAuditId: 'cycle-1:special-audit-1', recipient: { role: 'decision_maker' } },
    });
    expect(proposal?.data).not.toHaveProperty('selfAssessmentId');
    expect(audited.case.status).toBe('accredited');
    // No lapse into a refusal for a special audit's finding: the proposal is the consequence.
    expect(dueTimers(audited.state).map((timer) => timer.kind)).not.toContain('corrective_action_deadline');
    const proposalId = audited.case.suspensionProposal?.proposalId ?? '';
    audited
      .taken('2026-03-21T09:00:00.000Z')
      .do(command('ConfirmSuspensionProposal', { proposalId }), decisionMaker, '2026-03-21T09:00:00.000Z');
    expect(audited.case.status).toBe('suspended');
    expect(audited.case.suspension?.specialAuditId).toBe('cycle-1:special-audit-1');
    expect(audited.case.specialAudit?.phase).toBe('audit');
  });

  it('is possible while suspended, and leaves the case suspended', () => {
    const scheduled = newCase()
      .suspended()
      .do(command('ScheduleSpecialAudit', { reason }), caseManager, '2026-03-02T09:00:00.000Z');
    expect(scheduled.case.status).toBe('suspended');
    expect(scheduled.case.specialAudit?.phase).toBe('audit_planning');
  });
});

describe('special audit tasks and case file', () => {
  it('gives the lead auditor the elements to report and shows the special audit in the case file', () => {
    const audited = new StampedCase().inSpecialAudit(reason);
    const auditorTasks = openTasks(audited.state).filter((task) => task.assigneeId === leadAuditor.id);
    expect(auditorTasks.map((task) => task.subjectId).sort()).toEqual([...elements].sort());
    audited.completeAuditElement(
      'on_site_audit',
      [{ requirementId: 'QUA-1', severity: 'observation', description: 'Wiki teilweise veraltet.' }],
      '2026-03-20T15:00:00.000Z',
    );
    const file = audited.file;
    const special = file.procedures.at(-1);
    expect(special).toMatchObject({ kind: 'special_audit', specialAudit: { reason, closedAt: null } });
    expect(special?.auditElements.map((report) => report.element)).toEqual(['on_site_audit']);
    expect(special?.findings.map((finding) => finding.requirementId)).toEqual(['QUA-1']);
    expect(file.procedures[0]?.auditElements).toHaveLength(3);
  });
});
