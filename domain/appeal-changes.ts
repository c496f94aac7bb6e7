// How appeals (rule set 4) change a case: the window opened with a decision, the appeal, its outcome.
import type { Evolver } from './case-changes';
import type { AppealEffect, EventOf } from './events';
import type { AccreditationCase, AppealWindow, CaseStatus } from './state';

type AppealEventType =
  | 'AppealWindowOpened'
  | 'AppealWindowClosed'
  | 'AppealLodged'
  | 'AppealHandlerAssigned'
  | 'AppealDecided';

function withWindow(state: AccreditationCase, decisionId: string, status: AppealWindow['status']) {
  return {
    ...state,
    appealWindows: (state.appealWindows ?? []).map((window) =>
      window.decisionId === decisionId ? { ...window, status } : window,
    ),
  };
}

/** A suspension that ended (reinstated, or become a withdrawal) can no longer be appealed. */
export function withoutSuspensionAppeal(state: AccreditationCase): AccreditationCase {
  if (!state.appealWindows?.some((window) => window.against === 'suspension' && window.status === 'open')) {
    return state;
  }
  return {
    ...state,
    appealWindows: state.appealWindows.map((window) =>
      window.against === 'suspension' && window.status === 'open' ? { ...window, status: 'closed' } : window,
    ),
  };
}

/** The upheld appeal's effect, as the decider recorded it. */
function upheld(
  state: AccreditationCase,
  effect: AppealEffect,
  resumeStatus: CaseStatus | undefined,
): AccreditationCase {
  switch (effect) {
    case 'new_decision':
      // A decision maker not yet involved decides anew (`excludedFromDecision`).
      return { ...state, status: resumeStatus ?? 'awaiting_decision', decisionMakerId: null };
    case 'application_reopened':
      return { ...state, status: 'application_review', openRequest: null };
    case 'suspension_lifted':
      return { ...state, status: state.suspension?.resumeStatus ?? 'accredited', suspension: null };
    case 'certificate_restored':
      return { ...state, status: 'accredited' };
    case 'none':
      return state;
  }
}

export const appealEvolvers: { [Type in AppealEventType]: Evolver<EventOf<Type>> } = {
  AppealWindowOpened: (state, { data }) => ({
    ...state,
    appealWindows: [
      ...(state.appealWindows ?? []),
      {
        decisionId: data.decisionId,
        against: data.against,
        until: data.until,
        status: 'open',
        ...(data.decidedBy ? { decidedBy: data.decidedBy } : {}),
        ...(data.resumeStatus ? { resumeStatus: data.resumeStatus } : {}),
      },
    ],
  }),
  AppealWindowClosed: (state, { data }) => withWindow(state, data.decisionId, 'closed'),
  AppealLodged: (state, { data }) => ({
    ...withWindow(state, data.decisionId, 'appealed'),
    appeals: [
      ...(state.appeals ?? []),
      {
        appealId: data.appealId,
        decisionId: data.decisionId,
        against: data.against,
        lodgedAt: data.lodgedAt,
        decideBy: data.decideBy,
        excludedUserIds: data.excludedUserIds,
        handlerId: null,
      },
    ],
  }),
  AppealHandlerAssigned: (state, { data }) => ({
    ...state,
    appeals: (state.appeals ?? []).map((appeal) =>
      appeal.appealId === data.appealId ? { ...appeal, handlerId: data.decisionMakerId } : appeal,
    ),
  }),
  AppealDecided: (state, { data }) => {
    const appeal = (state.appeals ?? []).find((candidate) => candidate.appealId === data.appealId);
    const window = state.appealWindows?.find((candidate) => candidate.decisionId === appeal?.decisionId);
    const next = {
      ...state,
      appeals: (state.appeals ?? []).filter((candidate) => candidate.appealId !== data.appealId),
      excludedFromDecision: [
        ...new Set([
          ...(state.excludedFromDecision ?? []),
          ...(window?.decidedBy ? [window.decidedBy] : []),
          data.decidedBy,
        ]),
      ],
    };
    return data.outcome === 'upheld' ? upheld(next, data.effect, window?.resumeStatus) : next;
  },
};
