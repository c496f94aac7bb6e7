import { describe, expect, it } from 'vitest';
import { openTasks } from '../../domain/tasks';
import {
  auditingDecisionMaker,
  caseManager,
  command,
  decisionMaker,
  given,
  leadAuditor,
  newCase,
  validCertificateNumber,
} from './support';

/** Issue 20, item 10 (rule set 3): one decision maker takes the case's decision; only they are asked. */
const otherDecisionMaker = { id: 'dm-dieter', role: 'decision_maker' as const };
const now = '2026-01-31T10:00:00.000Z';
const grant = command('Grant', { certificateNumber: validCertificateNumber });
const decisionTasks = (state: Parameters<typeof openTasks>[0]) =>
  openTasks(state)
    .filter((task) => task.assigneeRole === 'decision_maker')
    .map(({ kind, assigneeId }) => [kind, assigneeId]);

describe('the decision queue', () => {
  it('holds a case ready for decision until one decision maker takes it; then only they decide', () => {
    const ready = newCase().awaitingDecision();
    expect(decisionTasks(ready.state)).toEqual([['decide_accreditation', null]]);

    const taken = ready.taken(now);
    expect(taken.events.at(-1)).toEqual({
      type: 'DecisionMakerAssigned',
      data: { decisionMakerId: decisionMaker.id, assignedBy: decisionMaker.id },
    });
    expect(decisionTasks(taken.state)).toEqual([['decide_accreditation', decisionMaker.id]]);
    given(taken.events)
      .when(command('TakeDecision', {}), { actor: otherDecisionMaker, now })
      .then('decision_taken');
    given(taken.events).when(grant, { actor: otherDecisionMaker, now }).then('not_assigned');
    // Taking it again changes nothing.
    given(taken.events).when(command('TakeDecision', {}), { actor: decisionMaker, now }).then([]);
    const granted = given(taken.events).when(grant, { actor: decisionMaker, now }).decision;
    expect(granted.ok && granted.events.map((event) => event.type)).toEqual(['AccreditationGranted']);
  });

  it('lets staff give the decision to a decision maker, also one who took it before, but never to an auditor of the case', () => {
    const taken = newCase().awaitingDecision().taken(now);
    const assign = (decisionMakerId: string) => command('AssignDecisionMaker', { decisionMakerId });
    given(taken.events)
      .when(assign(otherDecisionMaker.id), { actor: caseManager, now })
      .then([
        {
          type: 'DecisionMakerAssigned',
          data: { decisionMakerId: otherDecisionMaker.id, assignedBy: caseManager.id },
        },
      ]);
    given(taken.events).when(assign(leadAuditor.id), { actor: caseManager, now }).then('four_eyes_violation');
    given(taken.events)
      .when(assign(otherDecisionMaker.id), { actor: decisionMaker, now })
      .then('not_authorised');
  });

  it('keeps an auditor of the case out of the queue, and nothing is taken where no decision is open', () => {
    const ready = newCase().awaitingDecision();
    given(ready.events)
      .when(command('TakeDecision', {}), { actor: auditingDecisionMaker, now })
      .then('four_eyes_violation');
    const accredited = newCase().accredited();
    given(accredited.events)
      .when(command('TakeDecision', {}), { actor: otherDecisionMaker, now })
      .then('no_decision_pending');
  });

  it('lets any decision maker decide a case nobody has taken (the decision takes it), never an auditor of it', () => {
    const ready = newCase().awaitingDecision();
    expect(given(ready.events).when(grant, { actor: otherDecisionMaker, now }).decision.ok).toBe(true);
    given(ready.events).when(grant, { actor: auditingDecisionMaker, now }).then('four_eyes_violation');
  });

  it('lets the case leave its decision maker once decided', () => {
    const accredited = newCase().awaitingDecision().taken(now).grant(now);
    expect(accredited.case.decisionMakerId).toBeNull();
    expect(decisionTasks(accredited.state)).toEqual([]);
  });

  it('keeps the permits of rule set 2 for a run that began under it', () => {
    const ready = newCase().awaitingDecision();
    const decided = given(ready.events).when(grant, { actor: decisionMaker, now, ruleSet: 2 }).decision;
    expect(decided.ok).toBe(true);
  });
});
