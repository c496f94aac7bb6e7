import type { CommandContext, CommandOf } from '../commands';
import { type AccreditationCase, excludedDeciders, isDecisionOpen } from '../state';
import { authorise, forbidAuditors } from './authorise';
import { accept, type Decision, reject } from './outcome';

/**
 * The decision queue (rule set 3): a case whose decision is pending (`pendingDecisions`) waits for
 * one decision maker, who takes it or whom staff give it; only they decide it, the others see it
 * taken. It may be taken as soon as a decision is open (`isDecisionOpen`). Nobody who audited the
 * case in this cycle may hold it (four-eyes principle).
 */
function assignment(state: AccreditationCase, decisionMakerId: string, context: CommandContext): Decision {
  if (!isDecisionOpen(state)) {
    return reject('no_decision_pending', `No decision on this case is open while it is ${state.status}`);
  }
  if (state.decisionMakerId === decisionMakerId) return accept();
  return accept({
    type: 'DecisionMakerAssigned',
    data: { decisionMakerId, assignedBy: context.actor.id },
  });
}

export function takeDecision(
  command: CommandOf<'TakeDecision'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state) ?? forbidAuditors(context, state);
  if (denied) return denied;
  const holder = state.decisionMakerId;
  if (holder && holder !== context.actor.id) {
    return reject('decision_taken', `${holder} has taken this case's decision`);
  }
  return assignment(state, context.actor.id, context);
}

export function assignDecisionMaker(
  command: CommandOf<'AssignDecisionMaker'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { decisionMakerId } = command.data;
  if (state.auditorsInvolved.includes(decisionMakerId)) {
    return reject('four_eyes_violation', `${decisionMakerId} audited this case and may not decide on it`);
  }
  if (excludedDeciders(state).includes(decisionMakerId)) {
    return reject('involved_in_decision', `${decisionMakerId} decided the refusal or its appeal`);
  }
  return assignment(state, decisionMakerId, context);
}
