/**
 * Scope changes during validity (issue 20 item 9, rule set 6): the organisation applies to extend
 * or reduce the scope its certificate states; staff decide how the change is assessed; a decision
 * maker grants or refuses it. The certificate's number and validity stay.
 */

import type { CommandContext, CommandOf } from '../commands';
import type { AccreditationCase, ScopeChange } from '../state';
import { authorise, forbidAuditors } from './authorise';
import { accept, type Decision, reject } from './outcome';
import { organisationOf, rulesSince } from './shared';
import { scheduleSpecialAudit } from './special-audit';

const earlierRules = () =>
  reject('invalid_transition', 'Scope changes need rule set 6; this case runs earlier rules');

/** The open scope change `scopeChangeId` at `stage`, or the rejection that says why not. */
function openChange(
  state: AccreditationCase,
  scopeChangeId: string,
  stage: ScopeChange['stage'],
): ScopeChange | Decision {
  const change = state.scopeChange;
  if (!change || change.scopeChangeId !== scopeChangeId) {
    return reject('unknown_scope_change', `No open scope change ${scopeChangeId} on this case`);
  }
  if (change.stage !== stage) {
    return reject(
      'scope_change_not_at_step',
      `Scope change ${scopeChangeId} is at ${change.stage}, not at ${stage}`,
    );
  }
  return change;
}

const isDecision = (value: ScopeChange | Decision): value is Decision => 'ok' in value;

export function applyScopeChange(
  command: CommandOf<'ApplyScopeChange'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  if (!rulesSince(context, 6)) return earlierRules();
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  if (state.status === 'suspended') {
    return reject('certificate_suspended', 'The scope cannot change while the certificate is suspended');
  }
  if (state.status !== 'accredited' || state.renewal?.status === 'applied') {
    return reject('renewal_running', 'The scope cannot change while a renewal is running; apply with it');
  }
  if (state.scopeChange) {
    return reject('scope_change_open', `Scope change ${state.scopeChange.scopeChangeId} is not yet decided`);
  }
  const { kind, scope, reason, documentIds } = command.data;
  if (scope === state.scope) {
    return reject('scope_unchanged', 'The scope applied for is the certificate’s scope as it is');
  }
  return accept({
    type: 'ScopeChangeApplied',
    data: {
      scopeChangeId: `cycle-${state.cycle}:scope-change-${(state.issued.scopeChanges ?? 0) + 1}`,
      kind,
      scope,
      previousScope: state.scope,
      reason,
      documentIds,
      appliedBy: context.actor.id,
      appliedAt: context.now,
      recipient: organisationOf(state),
    },
  });
}

export function assessScopeChange(
  command: CommandOf<'AssessScopeChange'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  if (!rulesSince(context, 6)) return earlierRules();
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { scopeChangeId, assessment } = command.data;
  const change = openChange(state, scopeChangeId, 'assessment');
  if (isDecision(change)) return change;
  const assessed = {
    type: 'ScopeChangeAssessed' as const,
    data: {
      scopeChangeId,
      method: assessment.method,
      ...(assessment.method === 'document_review' ? { reviewerId: assessment.reviewerId } : {}),
      assessedBy: context.actor.id,
    },
  };
  if (assessment.method !== 'special_audit') return accept(assessed);
  const scheduled = scheduleSpecialAudit(
    { type: 'ScheduleSpecialAudit', data: { reason: assessment.reason, scopeChangeId } },
    state,
    context,
  );
  return scheduled.ok ? accept(assessed, ...scheduled.events) : scheduled;
}

export function reviewScopeChangeDocuments(
  command: CommandOf<'ReviewScopeChangeDocuments'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  if (!rulesSince(context, 6)) return earlierRules();
  const { scopeChangeId, conforming, comment } = command.data;
  const denied = authorise(command.type, context, state, { auditor: state.scopeChange?.reviewerId });
  if (denied) return denied;
  const change = openChange(state, scopeChangeId, 'document_review');
  if (isDecision(change)) return change;
  return accept({
    type: 'ScopeChangeDocumentsReviewed',
    data: { scopeChangeId, conforming, comment, reviewedBy: context.actor.id },
  });
}

export function decideScopeChange(
  command: CommandOf<'DecideScopeChange'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  if (!rulesSince(context, 6)) return earlierRules();
  const denied = authorise(command.type, context, state) ?? forbidAuditors(context, state);
  if (denied) return denied;
  const { scopeChangeId, granted, reason } = command.data;
  const change = openChange(state, scopeChangeId, 'decision');
  if (isDecision(change)) return change;
  if (granted && state.status === 'suspended') {
    return reject(
      'certificate_suspended',
      'A scope change is granted only once the certificate is reinstated',
    );
  }
  return accept({
    type: 'ScopeChangeDecided',
    data: {
      scopeChangeId,
      kind: change.kind,
      granted,
      scope: change.scope,
      previousScope: state.scope,
      reason,
      decidedBy: context.actor.id,
      decidedAt: context.now,
      recipient: organisationOf(state),
    },
  });
}
