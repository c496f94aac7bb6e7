import { describe, expect, it } from 'vitest';
import { isFinished } from '../../domain/accreditation';
import { openTasks } from '../../domain/tasks';
import { dueTimers } from '../../domain/timers';
import {
  applicant,
  caseManager,
  command,
  decisionMaker,
  given,
  leadAuditor,
  newCase,
  reviewer,
  strangerOrganisation,
} from './support';

/** Issue 20, item 6 (rule set 4): appeals against refusals, rejections, suspensions and withdrawals (ISO/IEC 17021-1 §9.7). */
const refusal = 'cycle-1:refusal-1';
const appealId = `${refusal}:appeal`;
const refusedAt = '2026-01-31T10:00:00.000Z';
const windowEnd = '2026-03-02T10:00:00.000Z';
const otherDecisionMaker = { id: 'dm-dieter', role: 'decision_maker' as const };
const thirdDecisionMaker = { id: 'dm-doris', role: 'decision_maker' as const };
const lodge = (decisionId = refusal) =>
  command('LodgeAppeal', { decisionId, reasons: ['Die Feststellung QUA-1 ist unzutreffend.'] });
const lodgedAt = '2026-02-10T09:00:00.000Z';

const appealed = () => newCase().refused().do(lodge(), applicant, lodgedAt);

describe('the appeal window', () => {
  it('opens with a refusal, keeps the case running until it closes, and closes by its timer', () => {
    const refused = newCase().refused();
    expect(refused.events.at(-1)).toEqual({
      type: 'AppealWindowOpened',
      data: {
        decisionId: refusal,
        against: 'refusal',
        decidedBy: decisionMaker.id,
        until: windowEnd,
        resumeStatus: 'awaiting_decision',
      },
    });
    expect(isFinished(refused.state)).toBe(false);
    expect(dueTimers(refused.state).map((timer) => [timer.id, timer.at])).toEqual([
      [`${refusal}:appeal-window-end`, windowEnd],
    ]);
    const closed = refused.elapse(`${refusal}:appeal-window-end`);
    expect(closed.events.at(-1)?.type).toBe('AppealWindowClosed');
    expect(isFinished(closed.state)).toBe(true);
  });

  it('opens with a rejection, a suspension and a withdrawal', () => {
    const rejected = newCase()
      .applicationSubmitted()
      .do(command('RejectApplication', { reasons: ['Unvollständig.'] }), caseManager);
    expect(rejected.events.at(-1)).toMatchObject({
      type: 'AppealWindowOpened',
      data: { against: 'rejection', decidedBy: caseManager.id, resumeStatus: 'application_review' },
    });
    expect(newCase().suspended().events.at(-1)).toMatchObject({
      type: 'AppealWindowOpened',
      data: { decisionId: 'cycle-1:suspension-1', against: 'suspension', decidedBy: caseManager.id },
    });
    expect(newCase().withdrawn().events.at(-1)).toMatchObject({
      type: 'AppealWindowOpened',
      data: { decisionId: 'cycle-1:withdrawal-1', against: 'withdrawal', decidedBy: caseManager.id },
    });
  });

  it('does not open on a case deciding by rule set 3', () => {
    const awaiting = newCase().awaitingDecision().taken();
    const refuse = command('Refuse', { reasons: ['Anforderungen nicht erfüllt.'] });
    const decision = given(awaiting.events).when(refuse, {
      actor: decisionMaker,
      now: refusedAt,
      ruleSet: 3,
    });
    expect(decision.decision.ok && decision.decision.events.map((event) => event.type)).toEqual([
      'AccreditationRefused',
    ]);
  });
});

describe('lodging an appeal', () => {
  it('is the organisation’s, within the window, once per decision, acknowledged with its deadline', () => {
    const refused = newCase().refused();
    given(refused.events).when(lodge(), { actor: caseManager, now: lodgedAt }).then('not_authorised');
    given(refused.events).when(lodge(), { actor: strangerOrganisation, now: lodgedAt }).then('not_own_case');
    given(refused.events)
      .when(lodge('cycle-1:refusal-9'), { actor: applicant, now: lodgedAt })
      .then('unknown_decision');
    given(refused.events).when(lodge(), { actor: applicant, now: windowEnd }).then('appeal_window_closed');
    given(refused.events)
      .when(lodge(), { actor: applicant, now: lodgedAt })
      .then([
        {
          type: 'AppealLodged',
          data: {
            appealId,
            decisionId: refusal,
            against: 'refusal',
            reasons: ['Die Feststellung QUA-1 ist unzutreffend.'],
            documentIds: [],
            lodgedAt,
            decideBy: '2026-04-11T09:00:00.000Z',
            excludedUserIds: [decisionMaker.id, reviewer.id, leadAuditor.id],
          },
        },
      ]);
    given(appealed().events).when(lodge(), { actor: applicant, now: lodgedAt }).then('appeal_already_lodged');
    const closed = newCase().refused().elapse(`${refusal}:appeal-window-end`);
    given(closed.events).when(lodge(), { actor: applicant, now: windowEnd }).then('appeal_window_closed');
  });

  it('gives decision makers not involved a task with its deadline, reminded and escalated', () => {
    const lodged = appealed();
    expect(openTasks(lodged.state)).toContainEqual({
      id: `decide_appeal:${appealId}`,
      kind: 'decide_appeal',
      assigneeRole: 'decision_maker',
      assigneeId: null,
      dueAt: '2026-04-11T09:00:00.000Z',
      subjectId: appealId,
      excludedUserIds: [decisionMaker.id, reviewer.id, leadAuditor.id],
    });
    const escalated = lodged
      .elapse(`${appealId}:decision-reminder-2026-04-11T09:00:00.000Z`)
      .elapse(`${appealId}:decision-escalation-2026-04-11T09:00:00.000Z`);
    expect(escalated.events.slice(-2).map((event) => [event.type, event.data])).toEqual([
      [
        'OwedStepReminderSent',
        expect.objectContaining({ owed: 'appeal_decision', recipient: { role: 'decision_maker' } }),
      ],
      [
        'OwedStepEscalated',
        expect.objectContaining({
          owed: 'appeal_decision',
          recipient: { role: 'staff', userId: caseManager.id },
        }),
      ],
    ]);
    expect(isFinished(escalated.state)).toBe(false);
  });
});

describe('handling an appeal', () => {
  it('is refused to whoever decided the decision appealed or audited the case, whether taken, given or decided', () => {
    const lodged = appealed();
    const now = '2026-02-11T09:00:00.000Z';
    const take = command('TakeAppeal', { appealId });
    given(lodged.events).when(take, { actor: decisionMaker, now }).then('involved_in_decision');
    given(lodged.events)
      .when(command('AssignAppealHandler', { appealId, decisionMakerId: decisionMaker.id }), {
        actor: caseManager,
        now,
      })
      .then('involved_in_decision');
    given(lodged.events)
      .when(command('DecideAppeal', { appealId, outcome: 'upheld', reasons: ['x'] }), {
        actor: decisionMaker,
        now,
      })
      .then('involved_in_decision');
    given(lodged.events)
      .when(take, { actor: { ...leadAuditor, role: 'decision_maker' }, now })
      .then('involved_in_decision');
    const taken = lodged.do(take, otherDecisionMaker, now);
    given(taken.events)
      .when(command('DecideAppeal', { appealId, outcome: 'dismissed', reasons: ['x'] }), {
        actor: thirdDecisionMaker,
        now,
      })
      .then('appeal_taken');
  });

  it('dismissed: the refusal stands, with reasons; the case ends', () => {
    const dismissed = appealed().do(
      command('DecideAppeal', { appealId, outcome: 'dismissed', reasons: ['Die Feststellung ist belegt.'] }),
      otherDecisionMaker,
      '2026-02-20T09:00:00.000Z',
    );
    expect(dismissed.events.slice(-2)).toEqual([
      {
        type: 'AppealHandlerAssigned',
        data: { appealId, decisionMakerId: otherDecisionMaker.id, assignedBy: otherDecisionMaker.id },
      },
      {
        type: 'AppealDecided',
        data: {
          appealId,
          against: 'refusal',
          outcome: 'dismissed',
          reasons: ['Die Feststellung ist belegt.'],
          decidedBy: otherDecisionMaker.id,
          effect: 'none',
        },
      },
    ]);
    expect(dismissed.state.status).toBe('refused');
    expect(isFinished(dismissed.state)).toBe(true);
  });

  it('upheld against a refusal: a new decision by yet another decision maker', () => {
    const upheld = appealed().do(
      command('DecideAppeal', { appealId, outcome: 'upheld', reasons: ['Feststellung unzutreffend.'] }),
      otherDecisionMaker,
      '2026-02-20T09:00:00.000Z',
    );
    expect(upheld.state.status).toBe('awaiting_decision');
    expect(upheld.events.at(-1)).toMatchObject({ data: { effect: 'new_decision' } });
    const now = '2026-02-21T09:00:00.000Z';
    for (const involved of [decisionMaker, otherDecisionMaker]) {
      given(upheld.events)
        .when(command('TakeDecision', {}), { actor: involved, now })
        .then('involved_in_decision');
      given(upheld.events)
        .when(command('Grant', { certificateNumber: 'DIM1002-2026-7K3M9QXA' }), { actor: involved, now })
        .then('involved_in_decision');
    }
    expect(openTasks(upheld.state)).toContainEqual(
      expect.objectContaining({
        kind: 'decide_accreditation',
        excludedUserIds: [reviewer.id, leadAuditor.id, decisionMaker.id, otherDecisionMaker.id],
      }),
    );
    const granted = upheld.do(
      command('Grant', { certificateNumber: 'DIM1002-2026-7K3M9QXA' }),
      thirdDecisionMaker,
      now,
    );
    expect(granted.state.status).toBe('accredited');
  });

  it('upheld against a rejection: the Antrag is reviewed again', () => {
    const rejected = newCase()
      .applicationSubmitted()
      .do(command('RejectApplication', { reasons: ['Unvollständig.'] }), caseManager);
    const rejection = 'cycle-1:rejection-1';
    const reopened = rejected.do(lodge(rejection), applicant, '2026-01-20T09:00:00.000Z').do(
      command('DecideAppeal', {
        appealId: `${rejection}:appeal`,
        outcome: 'upheld',
        reasons: ['Vollständig.'],
      }),
      decisionMaker,
    );
    expect(reopened.state.status).toBe('application_review');
    expect(openTasks(reopened.state).map((task) => task.kind)).toContain('review_application');
  });

  it('upheld against a suspension: it is lifted', () => {
    const suspension = 'cycle-1:suspension-1';
    const lifted = newCase()
      .suspended()
      .do(lodge(suspension), applicant, '2026-03-02T09:00:00.000Z')
      .do(
        command('DecideAppeal', {
          appealId: `${suspension}:appeal`,
          outcome: 'upheld',
          reasons: ['Unbegründet.'],
        }),
        decisionMaker,
      );
    expect(lifted.state.status).toBe('accredited');
    expect(lifted.case.suspension).toBeNull();
  });

  it('upheld against a withdrawal: the certificate is restored while still valid, not after', () => {
    const withdrawal = 'cycle-1:withdrawal-1';
    const decide = command('DecideAppeal', {
      appealId: `${withdrawal}:appeal`,
      outcome: 'upheld',
      reasons: ['Unbegründet.'],
    });
    const lodgedWithdrawal = () =>
      newCase().withdrawn().do(lodge(withdrawal), applicant, '2026-02-05T09:00:00.000Z');
    const restored = lodgedWithdrawal().do(decide, decisionMaker, '2026-02-20T09:00:00.000Z');
    expect(restored.state.status).toBe('accredited');
    expect(restored.events.at(-1)).toMatchObject({ data: { effect: 'certificate_restored' } });
    given(lodgedWithdrawal().events)
      .when(decide, { actor: decisionMaker, now: '2029-02-20T09:00:00.000Z' })
      .then([
        expect.objectContaining({ type: 'AppealHandlerAssigned' }),
        expect.objectContaining({ type: 'AppealDecided', data: expect.objectContaining({ effect: 'none' }) }),
      ]);
  });
});
