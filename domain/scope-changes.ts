// How a scope change (rule set 6) changes a case: applied, assessed, reviewed or audited, decided.
import { type Evolver, specialAuditClosed } from './case-changes';
import type { EventOf } from './events';
import type { AccreditationCase, ScopeChange } from './state';

type ScopeChangeEventType =
  | 'ScopeChangeApplied'
  | 'ScopeChangeAssessed'
  | 'ScopeChangeDocumentsReviewed'
  | 'ScopeChangeDecided';

function atStage(state: AccreditationCase, stage: ScopeChange['stage'], reviewerId?: string) {
  const change = state.scopeChange;
  if (!change) return state;
  return { ...state, scopeChange: { ...change, stage, ...(reviewerId ? { reviewerId } : {}) } };
}

const stageAfterAssessment: Record<EventOf<'ScopeChangeAssessed'>['data']['method'], ScopeChange['stage']> = {
  approve: 'decision',
  document_review: 'document_review',
  special_audit: 'special_audit',
};

export const scopeChangeEvolvers: { [Type in ScopeChangeEventType]: Evolver<EventOf<Type>> } = {
  ScopeChangeApplied: (state, event) => {
    const { scopeChangeId, kind, scope, reason } = event.data;
    return {
      ...state,
      scopeChange: { scopeChangeId, kind, scope, reason, stage: 'assessment' },
      issued: { ...state.issued, scopeChanges: (state.issued.scopeChanges ?? 0) + 1 },
    };
  },
  ScopeChangeAssessed: (state, event) =>
    atStage(state, stageAfterAssessment[event.data.method], event.data.reviewerId),
  ScopeChangeDocumentsReviewed: (state) => atStage(state, 'decision'),
  // The certificate states the new scope from now on; its number and validity stay.
  ScopeChangeDecided: (state, event) => ({
    ...state,
    scopeChange: null,
    ...(event.data.granted ? { scope: event.data.scope } : {}),
  }),
};

/** A special audit that closes (nothing left open) readies the scope change it assessed for a decision. */
export const specialAuditClosedWithScopeChange: Evolver<EventOf<'SpecialAuditClosed'>> = (state, event) => {
  const next = specialAuditClosed(state, event);
  const assessed = state.specialAudit?.scopeChangeId;
  return assessed && state.scopeChange?.scopeChangeId === assessed ? atStage(next, 'decision') : next;
};
