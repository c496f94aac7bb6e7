import { describe, expect, it } from 'vitest';
import { type CaseEvent, type ComplianceRule, complianceOf } from '../../domain/compliance';
import { StampedCase } from './stamped-case';
import { applicant, caseManager, command, decisionMaker, leadAuditor } from './support';

const caseEvents = (stamped: StampedCase): CaseEvent[] =>
  stamped.stamped.map((event, index) => ({ ...event, version: index + 1, globalPosition: 100 + index }));

function rule(events: CaseEvent[], now: string, name: ComplianceRule) {
  const result = complianceOf(events, now).find((candidate) => candidate.rule === name);
  if (!result) throw new Error(`no rule ${name}`);
  return result;
}

const accredited = () => new StampedCase().accredited();
const firstSelfAssessment = 'cycle-1:self-assessment-1';

describe('compliance of a case with the timing rules', () => {
  it('holds after a grant by an uninvolved decision maker after the audit; what is still to come is pending', () => {
    const events = caseEvents(accredited());
    const grant = events.find((event) => event.type === 'AccreditationGranted') as CaseEvent;
    const lastElement = events.findLast((event) => event.type === 'AuditElementCompleted') as CaseEvent;
    const now = '2026-02-01T00:00:00.000Z';
    const results = complianceOf(events, now);
    expect(Object.fromEntries(results.map((result) => [result.rule, result.status]))).toEqual({
      certificate_validity: 'held',
      yearly_self_assessment: 'pending',
      renewal_before_expiry: 'pending',
      decision_after_audit: 'held',
      decision_by_uninvolved: 'held',
      suspension_limit: 'pending',
      complaint_acknowledged_in_time: 'pending',
      appeal_decided_in_time: 'pending',
      appeal_by_uninvolved: 'pending',
    });
    expect(rule(events, now, 'decision_after_audit').instances).toEqual([
      {
        subjectId: grant.type === 'AccreditationGranted' ? grant.data.certificateNumber : '',
        status: 'held',
        detail: 'granted_after_audit',
        dueAt: null,
        evidence: [
          {
            version: lastElement.version,
            globalPosition: lastElement.globalPosition,
            type: 'AuditElementCompleted',
            at: lastElement.at,
          },
          {
            version: grant.version,
            globalPosition: grant.globalPosition,
            type: 'AccreditationGranted',
            at: grant.at,
          },
        ],
      },
    ]);
    expect(rule(events, now, 'certificate_validity').instances[0]?.dueAt).toBe('2029-01-31T10:00:00.000Z');
  });

  it('finds a self-assessment overdue once its due date has passed, and late when submitted after it', () => {
    const events = caseEvents(accredited());
    const overdue = rule(events, '2027-02-15T00:00:00.000Z', 'yearly_self_assessment');
    expect(overdue.status).toBe('violated');
    expect(overdue.instances.map(({ subjectId, status, detail }) => [subjectId, status, detail])).toEqual([
      [firstSelfAssessment, 'violated', 'overdue'],
      ['cycle-1:self-assessment-2', 'pending', 'not_yet_due'],
    ]);
    const late = accredited()
      .elapse(`${firstSelfAssessment}:reminder-30d`)
      .elapse(`${firstSelfAssessment}:reminder-7d`)
      .elapse(`${firstSelfAssessment}:due`)
      .do(
        command('SubmitSelfAssessment', {
          selfAssessmentId: firstSelfAssessment,
          statement: 'Alles erfüllt.',
        }),
        { id: 'user-olga', role: 'organisation', organisationId: 'org-1' },
        '2027-02-03T09:00:00.000Z',
      );
    const judged = rule(caseEvents(late), '2027-02-15T00:00:00.000Z', 'yearly_self_assessment');
    expect(judged.instances[0]).toMatchObject({ status: 'violated', detail: 'submitted_late' });
    expect(judged.instances[0]?.evidence.map((shown) => shown.type)).toEqual([
      'AccreditationGranted',
      'SelfAssessmentSubmitted',
    ]);
  });

  it('finds a decision by someone who audited the case violated (an event written before the four-eyes check)', () => {
    const events = caseEvents(accredited()).map((event) =>
      event.type === 'AccreditationGranted'
        ? { ...event, data: { ...event.data, decidedBy: leadAuditor.id } }
        : event,
    );
    const result = rule(events, '2026-02-01T00:00:00.000Z', 'decision_by_uninvolved');
    expect(result.status).toBe('violated');
    expect(result.instances[0]?.detail).toBe('decided_by_auditor');
    expect(result.instances[0]?.evidence.map((shown) => shown.type)).toEqual([
      'LeadAuditorAssigned',
      'AccreditationGranted',
    ]);
  });

  it('finds a grant without any audit element completed violated', () => {
    const events = caseEvents(accredited()).filter((event) => event.type !== 'AuditElementCompleted');
    expect(rule(events, '2026-02-01T00:00:00.000Z', 'decision_after_audit').instances[0]?.detail).toBe(
      'granted_without_audit',
    );
  });

  it('keeps a suspension pending for six months, then finds it violated while it still runs', () => {
    const events = caseEvents(new StampedCase().suspended('2026-03-01T09:00:00.000Z'));
    expect(rule(events, '2026-08-31T00:00:00.000Z', 'suspension_limit').status).toBe('pending');
    const past = rule(events, '2026-09-02T00:00:00.000Z', 'suspension_limit');
    expect(past.instances).toMatchObject([
      { status: 'violated', detail: 'running_past_limit', dueAt: '2026-09-01T09:00:00.000Z' },
    ]);
    const reinstated = new StampedCase()
      .suspended('2026-03-01T09:00:00.000Z')
      .do(command('Reinstate', { reason: 'Behoben.' }), caseManager, '2026-04-01T09:00:00.000Z');
    expect(
      rule(caseEvents(reinstated), '2026-09-02T00:00:00.000Z', 'suspension_limit').instances,
    ).toMatchObject([{ status: 'held', detail: 'ended_in_time' }]);
  });

  it('judges a complaint acknowledged after its deadline violated, and one not yet due pending', () => {
    const received = accredited()
      .onRuleSet(6)
      .do(
        command('ReceiveComplaint', { complainant: 'Stadtwerke', summary: 'Label missbraucht.' }),
        caseManager,
        '2026-06-01T09:00:00.000Z',
      );
    expect(
      rule(caseEvents(received), '2026-06-02T00:00:00.000Z', 'complaint_acknowledged_in_time').status,
    ).toBe('pending');
    const late = received.do(
      command('AcknowledgeComplaint', { complaintId: 'complaint-1' }),
      caseManager,
      '2026-06-20T09:00:00.000Z',
    );
    expect(
      rule(caseEvents(late), '2026-06-21T00:00:00.000Z', 'complaint_acknowledged_in_time').instances,
    ).toMatchObject([
      {
        subjectId: 'complaint-1',
        status: 'violated',
        detail: 'acknowledged_late',
        dueAt: '2026-06-15T09:00:00.000Z',
      },
    ]);
  });

  it('holds renewal before expiry when the certificate expired without renewal, and finds it pending before', () => {
    const expired = accredited().elapse('cycle-1:certificate-expiry');
    const events = caseEvents(expired);
    expect(rule(events, '2029-02-01T00:00:00.000Z', 'renewal_before_expiry').instances).toMatchObject([
      { status: 'held', detail: 'expired_without_renewal' },
    ]);
    expect(rule(events, '2029-02-01T00:00:00.000Z', 'yearly_self_assessment').status).toBe('violated');
  });

  it('finds an appeal decided in time by a decision maker not involved, late or by the one who decided', () => {
    const appealId = 'cycle-1:refusal-1:appeal';
    const otherDecisionMaker = { id: 'dm-dieter', role: 'decision_maker' as const };
    const lodged = new StampedCase()
      .refused()
      .do(
        command('LodgeAppeal', { decisionId: 'cycle-1:refusal-1', reasons: ['Unzutreffend.'] }),
        applicant,
        '2026-02-10T09:00:00.000Z',
      );
    const decideBy = '2026-04-11T09:00:00.000Z';
    const undecided = caseEvents(lodged);
    expect(rule(undecided, '2026-04-01T00:00:00.000Z', 'appeal_decided_in_time').instances).toMatchObject([
      { subjectId: appealId, status: 'pending', detail: 'not_yet_due', dueAt: decideBy },
    ]);
    expect(rule(undecided, '2026-04-12T00:00:00.000Z', 'appeal_decided_in_time').status).toBe('violated');

    const decided = caseEvents(
      lodged
        .do(command('TakeAppeal', { appealId }), otherDecisionMaker, '2026-03-01T09:00:00.000Z')
        .do(
          command('DecideAppeal', { appealId, outcome: 'dismissed', reasons: ['Belegt.'] }),
          otherDecisionMaker,
          '2026-03-02T09:00:00.000Z',
        ),
    );
    const now = '2026-05-01T00:00:00.000Z';
    expect(rule(decided, now, 'appeal_decided_in_time').instances).toMatchObject([
      { status: 'held', detail: 'decided_in_time' },
    ]);
    expect(rule(decided, now, 'appeal_by_uninvolved').instances).toMatchObject([
      {
        status: 'held',
        detail: 'decided_by_uninvolved',
        evidence: [{ type: 'AppealLodged' }, { type: 'AppealDecided' }],
      },
    ]);
    // A history decided otherwise (an earlier rule, or a record not made by this decider).
    const byTheDecider = decided.map((event) =>
      event.type === 'AppealDecided'
        ? { ...event, at: '2026-04-20T09:00:00.000Z', data: { ...event.data, decidedBy: decisionMaker.id } }
        : event,
    );
    expect(rule(byTheDecider, now, 'appeal_by_uninvolved').instances).toMatchObject([
      { status: 'violated', detail: 'decided_by_involved' },
    ]);
    expect(rule(byTheDecider, now, 'appeal_decided_in_time').instances).toMatchObject([
      { status: 'violated', detail: 'decided_late' },
    ]);
  });
});
