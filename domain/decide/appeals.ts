/**
 * Appeals (ISO/IEC 17021-1 §9.7, rule set 4): the organisation may appeal a refusal, the rejection
 * of its Antrag, a suspension or a withdrawal while the decision's window is open; a decision maker
 * not involved in the decision appealed (nor an auditor of the case) takes or is given it and decides
 * it within the policy's deadline; an upheld appeal acts on the case.
 */

import type { CommandContext, CommandOf } from '../commands';
import { addDuration, isBefore } from '../duration';
import type { AccreditationEvent, AppealableDecision, AppealEffect, AppealResumeStatus } from '../events';
import { defaultPolicy } from '../policy';
import type { AccreditationCase, Appeal, AppealWindow, CaseStatus } from '../state';
import { appealResumeStatuses } from '../statuses';
import { authorise } from './authorise';
import { accept, type Decision, reject } from './outcome';
import { rulesSince } from './shared';

/** The appealable decision among `events` (decided on `state`), if any. */
function appealableIn(
  events: readonly AccreditationEvent[],
  state: AccreditationCase,
  context: CommandContext,
): { against: AppealableDecision; decidedBy?: string; resumeStatus?: AppealResumeStatus } | undefined {
  const person = context.actor.role === 'system' ? undefined : context.actor.id;
  const resumable: readonly CaseStatus[] = appealResumeStatuses;
  const before = resumable.includes(state.status) ? (state.status as AppealResumeStatus) : undefined;
  for (const event of events) {
    switch (event.type) {
      case 'ApplicationRejected':
        return { against: 'rejection', decidedBy: person, resumeStatus: 'application_review' };
      case 'AccreditationRefused':
        if (!event.data.renewal) return { against: 'refusal', decidedBy: person, resumeStatus: before };
        break;
      case 'AccreditationSuspended':
        return { against: 'suspension', decidedBy: event.data.decidedBy ?? person };
      case 'AccreditationWithdrawn':
        return { against: 'withdrawal', decidedBy: person };
    }
  }
  return undefined;
}

/**
 * Under rule set 4, a step that refuses, rejects, suspends or withdraws also opens its appeal
 * window: the events recorded with the decision say until when it may be appealed.
 */
export function withAppealWindow(
  events: AccreditationEvent[],
  state: AccreditationCase,
  context: CommandContext,
): AccreditationEvent[] {
  if (!rulesSince(context, 4)) return events;
  const appealable = appealableIn(events, state, context);
  if (!appealable) return events;
  const number =
    (state.appealWindows ?? []).filter((window) => window.against === appealable.against).length + 1;
  const window: AccreditationEvent = {
    type: 'AppealWindowOpened',
    data: {
      decisionId: `cycle-${state.cycle}:${appealable.against}-${number}`,
      against: appealable.against,
      ...(appealable.decidedBy ? { decidedBy: appealable.decidedBy } : {}),
      until: addDuration(context.now, state.policy.appealWindow ?? defaultPolicy.appealWindow),
      ...(appealable.resumeStatus ? { resumeStatus: appealable.resumeStatus } : {}),
    },
  };
  return [...events, window];
}

export function lodgeAppeal(
  command: CommandOf<'LodgeAppeal'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { decisionId, reasons, documentIds } = command.data;
  const window = (state.appealWindows ?? []).find((candidate) => candidate.decisionId === decisionId);
  if (!window) return reject('unknown_decision', `There is no appealable decision ${decisionId}`);
  if (window.status === 'appealed') {
    return reject('appeal_already_lodged', `Decision ${decisionId} has already been appealed`);
  }
  if (window.status === 'closed' || !isBefore(context.now, window.until)) {
    return reject('appeal_window_closed', `Decision ${decisionId} could be appealed until ${window.until}`);
  }
  const deadline = state.policy.appealDecisionDeadline ?? defaultPolicy.appealDecisionDeadline;
  const involved = [window.decidedBy, ...state.auditorsInvolved, ...(state.excludedFromDecision ?? [])];
  return accept({
    type: 'AppealLodged',
    data: {
      appealId: `${decisionId}:appeal`,
      decisionId,
      against: window.against,
      reasons,
      documentIds,
      lodgedAt: context.now,
      decideBy: addDuration(context.now, deadline),
      excludedUserIds: [...new Set(involved.filter((id): id is string => id !== undefined))],
    },
  });
}

/** The open appeal a step names, once the actor may give the step at all; else why not. */
function appealOfStep(
  type: 'TakeAppeal' | 'AssignAppealHandler' | 'DecideAppeal',
  appealId: string,
  state: AccreditationCase,
  context: CommandContext,
): { appeal: Appeal } | { refused: Decision } {
  const denied = authorise(type, context, state);
  if (denied) return { refused: denied };
  const appeal = (state.appeals ?? []).find((candidate) => candidate.appealId === appealId);
  return appeal ? { appeal } : { refused: reject('unknown_appeal', `There is no open appeal ${appealId}`) };
}

/** Refused when someone else holds the appeal. */
function takenByOther(appeal: Appeal, decisionMakerId: string): Decision | undefined {
  if (!appeal.handlerId || appeal.handlerId === decisionMakerId) return undefined;
  return reject('appeal_taken', `${appeal.handlerId} has taken this appeal`);
}

function involvedInDecision(appeal: Appeal, decisionMakerId: string): Decision | undefined {
  if (!appeal.excludedUserIds.includes(decisionMakerId)) return undefined;
  return reject(
    'involved_in_decision',
    `${decisionMakerId} was involved in the decision appealed and may not decide the appeal`,
  );
}

function handlerAssigned(appeal: Appeal, decisionMakerId: string, context: CommandContext): Decision {
  if (appeal.handlerId === decisionMakerId) return accept();
  return accept({
    type: 'AppealHandlerAssigned',
    data: { appealId: appeal.appealId, decisionMakerId, assignedBy: context.actor.id },
  });
}

export function takeAppeal(
  command: CommandOf<'TakeAppeal'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const found = appealOfStep(command.type, command.data.appealId, state, context);
  if ('refused' in found) return found.refused;
  const { appeal } = found;
  const decider = context.actor.id;
  return (
    involvedInDecision(appeal, decider) ??
    takenByOther(appeal, decider) ??
    handlerAssigned(appeal, decider, context)
  );
}

export function assignAppealHandler(
  command: CommandOf<'AssignAppealHandler'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const found = appealOfStep(command.type, command.data.appealId, state, context);
  if ('refused' in found) return found.refused;
  const { decisionMakerId } = command.data;
  return (
    involvedInDecision(found.appeal, decisionMakerId) ??
    handlerAssigned(found.appeal, decisionMakerId, context)
  );
}

/** What an upheld appeal does to the case as it is now. */
function effectOf(window: AppealWindow, state: AccreditationCase, now: string): AppealEffect {
  switch (window.against) {
    case 'refusal':
      return state.status === 'refused' && window.resumeStatus ? 'new_decision' : 'none';
    case 'rejection':
      return state.status === 'refused' ? 'application_reopened' : 'none';
    case 'suspension':
      return state.status === 'suspended' ? 'suspension_lifted' : 'none';
    case 'withdrawal': {
      const validUntil = state.certificate?.validUntil;
      return state.status === 'withdrawn' && validUntil && isBefore(now, validUntil)
        ? 'certificate_restored'
        : 'none';
    }
  }
}

export function decideAppeal(
  command: CommandOf<'DecideAppeal'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const { appealId, outcome, reasons } = command.data;
  const found = appealOfStep(command.type, appealId, state, context);
  if ('refused' in found) return found.refused;
  const { appeal } = found;
  const decider = context.actor.id;
  const refused = involvedInDecision(appeal, decider) ?? takenByOther(appeal, decider);
  if (refused) return refused;
  const window = (state.appealWindows ?? []).find((candidate) => candidate.decisionId === appeal.decisionId);
  const effect = outcome === 'upheld' && window ? effectOf(window, state, context.now) : 'none';
  // Deciding an untaken appeal takes it.
  const taken = appeal.handlerId
    ? []
    : [
        {
          type: 'AppealHandlerAssigned' as const,
          data: { appealId, decisionMakerId: decider, assignedBy: decider },
        },
      ];
  return accept(...taken, {
    type: 'AppealDecided',
    data: { appealId, against: appeal.against, outcome, reasons, decidedBy: decider, effect },
  });
}
