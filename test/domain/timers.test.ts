import { describe, expect, it } from 'vitest';
import { isFinished } from '../../domain/accreditation';
import { dueTimers } from '../../domain/timers';
import { applicant, caseManager, command, decisionMaker, given, newCase, system } from './support';

const firstSelfAssessment = 'cycle-1:self-assessment-1';
const secondSelfAssessment = 'cycle-1:self-assessment-2';

describe('timers of an accredited case under the default policy', () => {
  it('fall on the right calendar dates for a decision on 31 January 2026', () => {
    const accredited = newCase().accredited();
    expect(dueTimers(accredited.state).map(({ id, kind, at }) => [at, id, kind])).toEqual([
      ['2027-01-01T10:00:00.000Z', `${firstSelfAssessment}:reminder-30d`, 'self_assessment_reminder'],
      ['2027-01-24T10:00:00.000Z', `${firstSelfAssessment}:reminder-7d`, 'self_assessment_reminder'],
      ['2027-01-31T10:00:00.000Z', `${firstSelfAssessment}:due`, 'self_assessment_due'],
      ['2027-02-07T10:00:00.000Z', `${firstSelfAssessment}:overdue`, 'self_assessment_overdue'],
      ['2027-02-14T10:00:00.000Z', `${firstSelfAssessment}:escalation`, 'self_assessment_escalation'],
      [
        '2027-04-01T10:00:00.000Z',
        `${firstSelfAssessment}:suspension-proposal`,
        'self_assessment_suspension_proposal',
      ],
      ['2028-01-01T10:00:00.000Z', `${secondSelfAssessment}:reminder-30d`, 'self_assessment_reminder'],
      ['2028-01-24T10:00:00.000Z', `${secondSelfAssessment}:reminder-7d`, 'self_assessment_reminder'],
      ['2028-01-31T10:00:00.000Z', `${secondSelfAssessment}:due`, 'self_assessment_due'],
      ['2028-02-07T10:00:00.000Z', `${secondSelfAssessment}:overdue`, 'self_assessment_overdue'],
      ['2028-02-14T10:00:00.000Z', `${secondSelfAssessment}:escalation`, 'self_assessment_escalation'],
      [
        '2028-03-31T10:00:00.000Z',
        `${secondSelfAssessment}:suspension-proposal`,
        'self_assessment_suspension_proposal',
      ],
      ['2028-07-31T10:00:00.000Z', 'cycle-1:renewal-window', 'renewal_window'],
      ['2029-01-31T10:00:00.000Z', 'cycle-1:certificate-expiry', 'certificate_expiry'],
    ]);
  });

  it('are not listed again once fired', () => {
    const reminded = newCase().accredited().elapse(`${firstSelfAssessment}:reminder-30d`);
    expect(reminded.events.at(-1)).toEqual({
      type: 'SelfAssessmentReminderSent',
      data: {
        timerId: `${firstSelfAssessment}:reminder-30d`,
        selfAssessmentId: firstSelfAssessment,
        reminder: 'upcoming',
        dueAt: '2027-01-31T10:00:00.000Z',
        recipient: { role: 'organisation', organisationId: 'org-1' },
      },
    });
    expect(dueTimers(reminded.state)[0]?.id).toBe(`${firstSelfAssessment}:reminder-7d`);
    given(reminded.events)
      .when(command('ElapseTimer', { timerId: `${firstSelfAssessment}:reminder-30d` }), {
        actor: system,
        now: '2027-01-02T00:00:00.000Z',
      })
      .then('unknown_timer');
  });

  it('do not run out early', () => {
    const accredited = newCase().accredited();
    given(accredited.events)
      .when(command('ElapseTimer', { timerId: `${firstSelfAssessment}:reminder-30d` }), {
        actor: system,
        now: '2027-01-01T09:59:59.999Z',
      })
      .then('timer_not_due');
  });
});

const otherDecisionMaker = { id: 'dm-dieter', role: 'decision_maker' as const };

describe('yearly self-assessment', () => {
  it('escalates step by step and finally proposes a suspension', () => {
    const overdue = newCase()
      .accredited()
      .elapse(`${firstSelfAssessment}:reminder-30d`)
      .elapse(`${firstSelfAssessment}:reminder-7d`)
      .elapse(`${firstSelfAssessment}:due`)
      .elapse(`${firstSelfAssessment}:overdue`)
      .elapse(`${firstSelfAssessment}:escalation`)
      .elapse(`${firstSelfAssessment}:suspension-proposal`);
    expect(overdue.events.slice(-6).map((event) => event.type)).toEqual([
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentEscalated',
      'SuspensionProposed',
    ]);
    expect(overdue.events.at(-2)).toMatchObject({
      data: { recipient: { role: 'staff', userId: caseManager.id } },
    });
    // Rule set 3: to the decision makers' queue; a decision maker takes it and decides it.
    expect(overdue.events.at(-1)).toMatchObject({ data: { recipient: { role: 'decision_maker' } } });
    const proposalId = `${firstSelfAssessment}:suspension-proposal`;
    expect(overdue.case.suspensionProposal?.proposalId).toBe(proposalId);
    const decisionDay = '2027-04-02T09:00:00.000Z';
    const confirm = command('ConfirmSuspensionProposal', { proposalId });
    given(overdue.events).when(confirm, { actor: caseManager, now: decisionDay }).then('not_authorised');
    const taken = overdue.taken(decisionDay);
    given(taken.events).when(confirm, { actor: otherDecisionMaker, now: decisionDay }).then('not_assigned');

    const suspended = given(taken.events).when(confirm, {
      actor: decisionMaker,
      now: decisionDay,
      ruleSet: 3,
    });
    suspended.then([
      {
        type: 'AccreditationSuspended',
        data: {
          suspensionId: 'cycle-1:suspension-1',
          reason: `Self-assessment ${firstSelfAssessment} has been overdue since 2027-01-31T10:00:00.000Z`,
          suspendedAt: decisionDay,
          reinstateBy: '2027-10-02T09:00:00.000Z',
          proposalId,
          decidedBy: decisionMaker.id,
        },
      },
    ]);
    // Under rule set 2 staff decided it.
    given(overdue.events)
      .when(confirm, { actor: caseManager, now: decisionDay, ruleSet: 2 })
      .then([
        {
          type: 'AccreditationSuspended',
          data: {
            suspensionId: 'cycle-1:suspension-1',
            reason: `Self-assessment ${firstSelfAssessment} has been overdue since 2027-01-31T10:00:00.000Z`,
            suspendedAt: decisionDay,
            reinstateBy: '2027-10-02T09:00:00.000Z',
            proposalId,
          },
        },
      ]);
    given(taken.events)
      .when(
        command('RejectSuspensionProposal', { proposalId, reason: 'Krankheitsfall, Nachreichung zugesagt.' }),
        {
          actor: decisionMaker,
          now: decisionDay,
        },
      )
      .then([
        {
          type: 'SuspensionProposalRejected',
          data: {
            proposalId,
            reason: 'Krankheitsfall, Nachreichung zugesagt.',
            rejectedBy: decisionMaker.id,
          },
        },
      ]);
  });

  it('stops reminding once submitted, and staff review it', () => {
    const submitted = newCase()
      .accredited()
      .do(
        command('SubmitSelfAssessment', {
          selfAssessmentId: firstSelfAssessment,
          statement: 'Alles erfüllt.',
        }),
        applicant,
        '2027-01-10T09:00:00.000Z',
      );
    expect(dueTimers(submitted.state).filter((timer) => timer.subjectId === firstSelfAssessment)).toEqual([]);
    submitted.do(
      command('ReviewSelfAssessment', {
        selfAssessmentId: firstSelfAssessment,
        review: { outcome: 'follow_up_requested', comment: 'Bitte Nachweis zu SEC-2.' },
      }),
      caseManager,
    );
    submitted.do(
      command('SubmitSelfAssessment', {
        selfAssessmentId: firstSelfAssessment,
        statement: 'Nachweis anbei.',
      }),
      applicant,
    );
    submitted.do(
      command('ReviewSelfAssessment', {
        selfAssessmentId: firstSelfAssessment,
        review: { outcome: 'accepted' },
      }),
      caseManager,
    );
    expect(submitted.case.selfAssessments.map((selfAssessment) => selfAssessment.status)).toEqual([
      'accepted',
      'pending',
    ]);
  });

  it('cannot be submitted before its year has begun', () => {
    const accredited = newCase().accredited();
    given(accredited.events)
      .when(command('SubmitSelfAssessment', { selfAssessmentId: secondSelfAssessment, statement: 'x' }), {
        actor: applicant,
        now: '2027-01-30T09:00:00.000Z',
      })
      .then('self_assessment_not_open');
  });

  it('moves its whole chain of timers when staff extend it', () => {
    const extended = newCase()
      .accredited()
      .elapse(`${firstSelfAssessment}:reminder-30d`)
      .do(
        command('ExtendDeadline', {
          target: { kind: 'self_assessment', id: firstSelfAssessment },
          newDueAt: '2027-02-28T10:00:00.000Z',
          reason: 'Umstellung des Managementsystems.',
        }),
        caseManager,
        '2027-01-05T09:00:00.000Z',
      );
    expect(
      dueTimers(extended.state)
        .filter((timer) => timer.subjectId === firstSelfAssessment)
        .map(({ id, at }) => [id, at]),
    ).toEqual([
      [`${firstSelfAssessment}:reminder-7d`, '2027-02-21T10:00:00.000Z'],
      [`${firstSelfAssessment}:due`, '2027-02-28T10:00:00.000Z'],
      [`${firstSelfAssessment}:overdue`, '2027-03-07T10:00:00.000Z'],
      [`${firstSelfAssessment}:escalation`, '2027-03-14T10:00:00.000Z'],
      [`${firstSelfAssessment}:suspension-proposal`, '2027-04-29T10:00:00.000Z'],
    ]);
  });

  it('withdraws the suspension proposal when the overdue self-assessment arrives', () => {
    const proposed = newCase().accredited().elapse(`${firstSelfAssessment}:suspension-proposal`);
    proposed.do(
      command('SubmitSelfAssessment', { selfAssessmentId: firstSelfAssessment, statement: 'Verspätet.' }),
      applicant,
    );
    expect(proposed.case.suspensionProposal).toBeNull();
  });
});

describe('suspension', () => {
  it('withdraws the accreditation when the maximum suspension runs out', () => {
    const suspended = newCase().suspended('2026-03-01T09:00:00.000Z');
    const maximum = 'cycle-1:suspension-1:maximum-suspension-end';
    expect(dueTimers(suspended.state).map(({ id, at }) => [id, at])).toEqual([
      ['cycle-1:suspension-1:appeal-window-end', '2026-03-31T09:00:00.000Z'],
      [maximum, '2026-09-01T09:00:00.000Z'],
      ['cycle-1:certificate-expiry', '2029-01-31T10:00:00.000Z'],
    ]);
    suspended.elapse(maximum);
    expect(suspended.events.at(-2)).toEqual({
      type: 'AccreditationWithdrawn',
      data: {
        timerId: maximum,
        reason: 'Not reinstated within the maximum suspension period (suspension cycle-1:suspension-1)',
        withdrawnAt: '2026-09-01T09:00:00.000Z',
      },
    });
    expect(suspended.state.status).toBe('withdrawn');
    // The withdrawal may be appealed (rule set 4): the case ends when that window has closed.
    expect(dueTimers(suspended.state).map(({ id }) => id)).toEqual([
      'cycle-1:withdrawal-1:appeal-window-end',
    ]);
    expect(isFinished(suspended.state)).toBe(false);
    suspended.elapse('cycle-1:withdrawal-1:appeal-window-end');
    expect(isFinished(suspended.state)).toBe(true);
  });

  it('ends with reinstatement, and the self-assessment timers resume', () => {
    const reinstated = newCase()
      .suspended()
      .do(command('Reinstate', { reason: 'Mängel behoben.' }), caseManager, '2026-05-01T09:00:00.000Z');
    expect(reinstated.state.status).toBe('accredited');
    expect(dueTimers(reinstated.state).map((timer) => timer.kind)).not.toContain('maximum_suspension_end');
    expect(dueTimers(reinstated.state)[0]?.id).toBe(`${firstSelfAssessment}:reminder-30d`);
  });
});
