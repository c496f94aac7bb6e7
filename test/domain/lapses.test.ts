import { describe, expect, it } from 'vitest';
import { openTasks } from '../../domain/tasks';
import { dueTimers } from '../../domain/timers';
import {
  caseManager,
  command,
  decisionMaker,
  given,
  leadAuditor,
  newCase,
  reviewer,
  system,
} from './support';

/** Issue 20, item 4 (rule set 3): a lapsed deadline proposes; a decision maker decides. */
const majorFinding = 'cycle-1:finding-1';
const deadline = `${majorFinding}:corrective-action-deadline`;
const lapsedAt = '2026-04-28T15:00:00.000Z';
const reasons = [`The corrective action for finding ${majorFinding} was not verified by ${lapsedAt}`];
const otherDecisionMaker = { id: 'dm-dieter', role: 'decision_maker' as const };

describe('a lapsed deadline', () => {
  it('proposes the refusal to the decision makers’ queue instead of deciding it', () => {
    const lapsed = newCase().inCorrectiveActions().elapse(deadline);
    expect(lapsed.events.at(-1)).toEqual({
      type: 'LapseProposed',
      data: {
        timerId: deadline,
        proposalId: deadline,
        outcome: 'refusal',
        target: { kind: 'corrective_action', id: majorFinding },
        dueAt: lapsedAt,
        reasons,
        recipient: { role: 'decision_maker' },
      },
    });
    expect(lapsed.state.status).toBe('corrective_actions');
    expect(openTasks(lapsed.state)).toContainEqual({
      id: `decide_lapse:${deadline}`,
      kind: 'decide_lapse',
      assigneeRole: 'decision_maker',
      assigneeId: null,
      dueAt: null,
      subjectId: deadline,
      excludedUserIds: [reviewer.id, leadAuditor.id],
    });
  });

  it('is refused by the decision maker who confirms it, never by staff or another decision maker', () => {
    const lapsed = newCase().inCorrectiveActions().elapse(deadline).taken();
    const confirm = command('ConfirmLapse', { proposalId: deadline });
    const now = '2026-04-29T09:00:00.000Z';
    given(lapsed.events).when(confirm, { actor: caseManager, now }).then('not_authorised');
    given(lapsed.events).when(confirm, { actor: otherDecisionMaker, now }).then('not_assigned');
    given(lapsed.events)
      .when(confirm, { actor: decisionMaker, now })
      .then([
        {
          type: 'AccreditationRefused',
          data: { reasons, decidedBy: decisionMaker.id, renewal: false, proposalId: deadline },
        },
        // Rule set 4: the refusal may be appealed.
        {
          type: 'AppealWindowOpened',
          data: {
            decisionId: 'cycle-1:refusal-1',
            against: 'refusal',
            decidedBy: decisionMaker.id,
            until: '2026-05-29T09:00:00.000Z',
            resumeStatus: 'corrective_actions',
          },
        },
      ]);
  });

  it('may be extended instead: the proposal leaves the queue and the deadline runs out again at its new date', () => {
    const newDueAt = '2026-05-28T15:00:00.000Z';
    const extended = newCase()
      .inCorrectiveActions()
      .elapse(deadline)
      .do(
        command('ExtendLapsedDeadline', {
          proposalId: deadline,
          newDueAt,
          reason: 'Dienstleister verspätet.',
        }),
        decisionMaker,
        '2026-04-29T09:00:00.000Z',
      );
    expect(extended.events.at(-1)).toMatchObject({
      type: 'DeadlineExtended',
      data: { target: { kind: 'corrective_action', id: majorFinding }, previousDueAt: lapsedAt, newDueAt },
    });
    expect(extended.case.lapseProposal).toBeNull();
    expect(extended.case.decisionMakerId).toBeFalsy();
    expect(openTasks(extended.state).map((task) => task.kind)).not.toContain('decide_lapse');
    const again = `${deadline}@${newDueAt}`;
    expect(dueTimers(extended.state).find((timer) => timer.id === again)?.at).toBe(newDueAt);
    extended.elapse(again);
    expect(extended.events.at(-1)).toMatchObject({
      type: 'LapseProposed',
      data: { proposalId: again, dueAt: newDueAt },
    });
  });

  it('proposes the rejection of an application whose information request went unanswered', () => {
    const lapsed = newCase()
      .awaitingApplicant()
      .elapse('cycle-1:request-1:reminder')
      .elapse('cycle-1:request-1:deadline');
    expect(lapsed.events.at(-1)).toMatchObject({
      type: 'LapseProposed',
      data: { outcome: 'rejection', target: { kind: 'information_request', id: 'cycle-1:request-1' } },
    });
    const rejected = lapsed.do(
      command('ConfirmLapse', { proposalId: 'cycle-1:request-1:deadline' }),
      decisionMaker,
      '2026-02-08T09:00:00.000Z',
    );
    expect(rejected.events.at(-2)).toMatchObject({
      type: 'ApplicationRejected',
      data: { rejectedBy: decisionMaker.id, proposalId: 'cycle-1:request-1:deadline' },
    });
    expect(rejected.state.status).toBe('refused');
  });

  it('decides at once where the policy says automaticLapse, and the event names the rule, not system', () => {
    const lapsed = newCase().withPolicy({ automaticLapse: true }).inCorrectiveActions();
    given(lapsed.events)
      .when(command('ElapseTimer', { timerId: deadline }), { actor: system, now: lapsedAt, ruleSet: 3 })
      .then([
        {
          type: 'AccreditationRefused',
          data: {
            timerId: deadline,
            reasons,
            decidedBy: 'policy 2024.1: automaticLapse',
            renewal: false,
            rule: 'automaticLapse',
          },
        },
      ]);
  });
});
