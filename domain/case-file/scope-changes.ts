import type { CaseFile, Stamped } from './schema';

type ScopeChangeEvent =
  | Stamped<'ScopeChangeApplied'>
  | Stamped<'ScopeChangeAssessed'>
  | Stamped<'ScopeChangeDocumentsReviewed'>
  | Stamped<'ScopeChangeDecided'>;

/** Scope changes during validity (rule set 6): the history, and the file's scope once one is granted. */
export function scopeChangeEvent(file: CaseFile, event: ScopeChangeEvent): void {
  const { at, by } = event;
  file.scopeChanges ??= [];
  if (event.type === 'ScopeChangeApplied') {
    const { scopeChangeId, kind, scope, previousScope, reason, documentIds, appliedAt } = event.data;
    file.scopeChanges.push({
      scopeChangeId,
      kind,
      scope,
      previousScope,
      reason,
      documentIds,
      appliedAt,
      appliedBy: by,
      assessment: null,
      review: null,
      decision: null,
    });
    return;
  }
  const change = file.scopeChanges.find((candidate) => candidate.scopeChangeId === event.data.scopeChangeId);
  if (!change) return;
  switch (event.type) {
    case 'ScopeChangeAssessed': {
      const { method, reviewerId } = event.data;
      change.assessment = { method, ...(reviewerId ? { reviewerId } : {}), at, by };
      return;
    }
    case 'ScopeChangeDocumentsReviewed':
      change.review = { conforming: event.data.conforming, comment: event.data.comment, at, by };
      return;
    case 'ScopeChangeDecided':
      change.decision = { granted: event.data.granted, reason: event.data.reason, at, by };
      if (event.data.granted) file.scope = event.data.scope;
      return;
  }
}
