import { describe, expect, it } from 'vitest';
import { openTasks } from '../../domain/tasks';
import { dueTimers } from '../../domain/timers';
import { applicant, caseManager, command, given, leadAuditor, newCase } from './support';

/**
 * Issue 20, item 3 (rule set 4): what is owed has a due date in the task, a reminder to whoever owes
 * it and an escalation to the case manager once it fell due. Rule set 3 said so but had none of it.
 */
const minorFinding = 'cycle-1:finding-2';
const assignment = 'cycle-1:lead-auditor-1';
const selfAssessment = 'cycle-1:self-assessment-1';

const timersOf = (state: Parameters<typeof dueTimers>[0], subjectId: string) =>
  dueTimers(state)
    .filter((timer) => timer.subjectId === subjectId && timer.kind.startsWith('owed_step'))
    .map(({ id, kind, at }) => ({ id, kind, at }));

describe('a minor finding’s action plan', () => {
  const dueAt = '2026-02-27T15:00:00.000Z';

  it('is due within the policy’s days of the report, in the task and the calendar', () => {
    const found = newCase().inCorrectiveActions();
    expect(found.case.findings.find((finding) => finding.findingId === minorFinding)?.actionPlanDueBy).toBe(
      dueAt,
    );
    expect(openTasks(found.state)).toContainEqual(
      expect.objectContaining({ kind: 'submit_action_plan', subjectId: minorFinding, dueAt }),
    );
    expect(timersOf(found.state, minorFinding)).toEqual([
      {
        id: `${minorFinding}:action-plan-reminder-${dueAt}`,
        kind: 'owed_step_reminder',
        at: '2026-02-20T15:00:00.000Z',
      },
      { id: `${minorFinding}:action-plan-escalation-${dueAt}`, kind: 'owed_step_escalation', at: dueAt },
    ]);
  });

  it('is reminded to the organisation and escalated to the case manager', () => {
    const found = newCase().inCorrectiveActions();
    const reminded = found.elapse(`${minorFinding}:action-plan-reminder-${dueAt}`);
    expect(reminded.events.at(-1)).toEqual({
      type: 'OwedStepReminderSent',
      data: {
        timerId: `${minorFinding}:action-plan-reminder-${dueAt}`,
        owed: 'action_plan',
        subjectId: minorFinding,
        dueAt,
        recipient: { role: 'organisation', organisationId: 'org-1' },
      },
    });
    const escalated = reminded.elapse(`${minorFinding}:action-plan-escalation-${dueAt}`);
    expect(escalated.events.at(-1)).toEqual({
      type: 'OwedStepEscalated',
      data: {
        timerId: `${minorFinding}:action-plan-escalation-${dueAt}`,
        owed: 'action_plan',
        subjectId: minorFinding,
        dueAt,
        recipient: { role: 'staff', userId: caseManager.id },
      },
    });
    expect(timersOf(escalated.state, minorFinding)).toEqual([]);
  });

  it('stops both once the plan is submitted', () => {
    const planned = newCase()
      .inCorrectiveActions()
      .do(
        command('SubmitActionPlan', { findingId: minorFinding, plan: 'Quartalsweise Analyse ab Q2.' }),
        applicant,
      );
    expect(timersOf(planned.state, minorFinding)).toEqual([]);
  });

  it('has no due date on a case deciding by rule set 3', () => {
    const found = newCase().inAudit();
    given(found.events)
      .when(
        command('CompleteAuditElement', {
          element: 'on_site_audit',
          findings: [{ requirementId: 'QUA-1', severity: 'minor', description: 'Nur jährlich.' }],
        }),
        { actor: leadAuditor, now: '2026-01-28T15:00:00.000Z', ruleSet: 3 },
      )
      .then([
        {
          type: 'AuditElementCompleted',
          data: {
            element: 'on_site_audit',
            auditorId: leadAuditor.id,
            findings: [
              {
                findingId: 'cycle-1:finding-1',
                requirementId: 'QUA-1',
                severity: 'minor',
                description: 'Nur jährlich.',
              },
            ],
          },
        },
      ]);
  });
});

describe('the audit date', () => {
  const dueAt = '2026-02-11T09:00:00.000Z';

  it('is due within the policy’s days of the lead auditor’s assignment, reminded to the auditor, escalated', () => {
    const planning = newCase().inAuditPlanning();
    expect(openTasks(planning.state)).toContainEqual(
      expect.objectContaining({ kind: 'set_audit_date', assigneeId: leadAuditor.id, dueAt }),
    );
    const reminded = planning
      .elapse(`${assignment}:objection-window-end`)
      .elapse(`${assignment}:audit-date-reminder-${dueAt}`);
    expect(reminded.events.at(-1)).toMatchObject({
      type: 'OwedStepReminderSent',
      data: { owed: 'audit_date', dueAt, recipient: { role: 'auditor', userId: leadAuditor.id } },
    });
    const escalated = reminded.elapse(`${assignment}:audit-date-escalation-${dueAt}`);
    expect(escalated.events.at(-1)).toMatchObject({
      type: 'OwedStepEscalated',
      data: { owed: 'audit_date', dueAt, recipient: { role: 'staff', userId: caseManager.id } },
    });
  });

  it('stops once the date is set', () => {
    const dated = newCase()
      .inAuditPlanning()
      .do(command('SetAuditDate', { auditDate: '2026-01-28' }), caseManager);
    expect(timersOf(dated.state, assignment)).toEqual([]);
  });
});

describe('the follow-up of a Selbstbewertung', () => {
  const requestedAt = '2027-01-12T09:00:00.000Z';
  const dueAt = '2027-02-11T09:00:00.000Z';
  const followUp = () =>
    newCase()
      .accredited()
      .do(
        command('SubmitSelfAssessment', { selfAssessmentId: selfAssessment, statement: 'Alles erfüllt.' }),
        applicant,
        '2027-01-10T09:00:00.000Z',
      )
      .do(
        command('ReviewSelfAssessment', {
          selfAssessmentId: selfAssessment,
          review: { outcome: 'follow_up_requested', comment: 'Bitte Nachweis zu SEC-2.' },
        }),
        caseManager,
        requestedAt,
      );

  it('is due within the policy’s days, in the organisation’s task, reminded and escalated', () => {
    const requested = followUp();
    expect(requested.events.at(-1)).toMatchObject({
      type: 'SelfAssessmentFollowUpRequested',
      data: { selfAssessmentId: selfAssessment, respondBy: dueAt },
    });
    expect(openTasks(requested.state)).toContainEqual(
      expect.objectContaining({ kind: 'submit_self_assessment', subjectId: selfAssessment, dueAt }),
    );
    const escalated = requested
      .elapse(`${selfAssessment}:follow-up-reminder-${dueAt}`)
      .elapse(`${selfAssessment}:follow-up-escalation-${dueAt}`);
    expect(escalated.events.slice(-2).map((event) => [event.type, event.data])).toEqual([
      [
        'OwedStepReminderSent',
        expect.objectContaining({
          owed: 'self_assessment_follow_up',
          recipient: { role: 'organisation', organisationId: 'org-1' },
        }),
      ],
      [
        'OwedStepEscalated',
        expect.objectContaining({
          owed: 'self_assessment_follow_up',
          recipient: { role: 'staff', userId: caseManager.id },
        }),
      ],
    ]);
  });

  it('stops once the organisation answers', () => {
    const answered = followUp().do(
      command('SubmitSelfAssessment', { selfAssessmentId: selfAssessment, statement: 'Nachweis anbei.' }),
      applicant,
    );
    expect(timersOf(answered.state, selfAssessment)).toEqual([]);
  });
});
