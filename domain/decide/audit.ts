import type { CommandContext, CommandOf } from '../commands';
import { addDuration, isBefore, toEpochMs, toIso } from '../duration';
import type { DeadlineTarget } from '../events';
import { type AccreditationCase, assertNever, isInGoodStanding, openReviewGaps } from '../state';
import { authorise } from './authorise';
import { accept, type Decision, reject } from './outcome';
import {
  auditorDueDate,
  catalogueOf,
  compareIds,
  duringCorrectiveActions,
  findFinding,
  findSelfAssessment,
  owedBy,
  reviewGapsOpen,
  unchangedBy,
} from './shared';

export function completeAuditElement(
  command: CommandOf<'CompleteAuditElement'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state, { auditor: state.leadAuditor?.auditorId ?? null });
  if (denied) return denied;
  const { element, findings } = command.data;
  if (!state.auditElements.includes(element)) {
    return reject('unknown_audit_element', `${element} is not one of ${state.auditElements.join(', ')}`);
  }
  if (state.completedAuditElements.includes(element)) {
    return reject('audit_element_already_completed', `${element} has already been reported`);
  }
  const requirementIds = catalogueOf(state).requirements.map((requirement) => requirement.id);
  const unknown = findings.filter((finding) => !requirementIds.includes(finding.requirementId));
  if (unknown.length > 0) {
    return reject(
      'unknown_requirement',
      `Unknown requirements: ${unknown.map((f) => f.requirementId).join(', ')}`,
    );
  }
  const reviewGapsClosed = command.data.reviewGapsClosed ?? [];
  const gapsRejected = checkReviewGaps(state, element, findings, reviewGapsClosed);
  if (gapsRejected) return gapsRejected;
  const correctiveActionDueBy = addDuration(context.now, state.policy.correctiveActionDeadline);
  const actionPlanDueBy = owedBy(context, state, 'actionPlan', 'actionPlanDueBy');
  return accept({
    type: 'AuditElementCompleted',
    data: {
      element,
      auditorId: context.actor.id,
      findings: findings.map((finding, index) => ({
        findingId: `cycle-${state.cycle}:finding-${state.issued.findings + index + 1}`,
        ...finding,
        ...(finding.severity === 'major' ? { correctiveActionDueBy } : {}),
        ...(finding.severity === 'minor' ? actionPlanDueBy : {}),
      })),
      ...(reviewGapsClosed.length > 0 ? { reviewGapsClosed } : {}),
    },
  });
}

/**
 * The gaps an audit report says are closed must be open gaps of the document review, each named
 * once and not also reported as a finding; the report that completes the audit must leave none open.
 */
function checkReviewGaps(
  state: AccreditationCase,
  element: string,
  findings: { requirementId: string }[],
  closed: { requirementId: string }[],
): Decision | undefined {
  const open = openReviewGaps(state).map((gap) => gap.requirementId);
  const closedIds = closed.map((gap) => gap.requirementId);
  const { unknown, duplicates } = compareIds(closedIds, open);
  const contradicted = closedIds.filter((id) => findings.some((finding) => finding.requirementId === id));
  const problems = [
    ...unknown.map((id) => `${id} is not an open gap of the document review`),
    ...duplicates.map((id) => `${id} is named twice`),
    ...contradicted.map((id) => `${id} is reported both closed and as a finding`),
  ];
  if (problems.length > 0) return reject('invalid_review_gap', problems.join('; '));
  const lastElement = state.auditElements.every(
    (candidate) => candidate === element || state.completedAuditElements.includes(candidate),
  );
  const addressed = [...closedIds, ...findings.map((finding) => finding.requirementId)];
  const left = open.filter((id) => !addressed.includes(id));
  if (lastElement && left.length > 0) return reviewGapsOpen(left);
  return undefined;
}

export function submitActionPlan(
  command: CommandOf<'SubmitActionPlan'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { finding, rejection } = findFinding(state, command.data.findingId, 'minor');
  if (rejection) return rejection;
  if (finding.status !== 'open') {
    return reject('invalid_transition', `Finding ${finding.findingId} already has an action plan`);
  }
  return accept({
    type: 'ActionPlanSubmitted',
    data: { ...command.data, ...auditorDueDate(state, context.now, 'verification', 'verifyBy') },
  });
}

export function acceptActionPlan(
  command: CommandOf<'AcceptActionPlan'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state, { auditor: state.leadAuditor?.auditorId ?? null });
  if (denied) return denied;
  const { finding, rejection } = findFinding(state, command.data.findingId, 'minor');
  if (rejection) return rejection;
  if (finding.status !== 'awaiting_verification') {
    return reject(
      'invalid_transition',
      `Finding ${finding.findingId} has no action plan waiting for acceptance`,
    );
  }
  return accept({
    type: 'ActionPlanAccepted',
    data: { findingId: finding.findingId, acceptedBy: context.actor.id },
  });
}

export function submitCorrectiveActionEvidence(
  command: CommandOf<'SubmitCorrectiveActionEvidence'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { finding, rejection } = findFinding(state, command.data.findingId, 'major');
  if (rejection) return rejection;
  if (finding.status !== 'open') {
    return reject('invalid_transition', `Finding ${finding.findingId} is not waiting for evidence`);
  }
  if (finding.correctiveActionDueBy && isBefore(finding.correctiveActionDueBy, context.now)) {
    return reject(
      'corrective_action_deadline_passed',
      `Evidence was due by ${finding.correctiveActionDueBy}`,
    );
  }
  return accept({
    type: 'CorrectiveActionEvidenceSubmitted',
    data: { ...command.data, ...auditorDueDate(state, context.now, 'verification', 'verifyBy') },
  });
}

export function verifyCorrectiveAction(
  command: CommandOf<'VerifyCorrectiveAction'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state, { auditor: state.leadAuditor?.auditorId ?? null });
  if (denied) return denied;
  const { finding, rejection } = findFinding(state, command.data.findingId, 'major');
  if (rejection) return rejection;
  if (finding.status !== 'awaiting_verification') {
    return reject(
      'invalid_transition',
      `Finding ${finding.findingId} has no evidence waiting for verification`,
    );
  }
  return accept({
    type: 'CorrectiveActionVerified',
    data: { ...command.data, verifiedBy: context.actor.id },
  });
}

function currentDueAt(state: AccreditationCase, target: DeadlineTarget): string | undefined {
  switch (target.kind) {
    case 'information_request':
      return state.openRequest?.requestId === target.id ? state.openRequest.respondBy : undefined;
    case 'corrective_action': {
      if (!duringCorrectiveActions(state)) return undefined;
      const finding = state.findings.find((candidate) => candidate.findingId === target.id);
      return finding?.status !== 'resolved' ? finding?.correctiveActionDueBy : undefined;
    }
    case 'self_assessment': {
      const selfAssessment = findSelfAssessment(state, target.id);
      return isInGoodStanding(state) && selfAssessment?.status === 'pending'
        ? selfAssessment.dueAt
        : undefined;
    }
    default:
      return assertNever(target.kind);
  }
}

export function extendDeadline(
  command: CommandOf<'ExtendDeadline'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { target, newDueAt, reason } = command.data;
  return extension(state, context, target, newDueAt, reason);
}

/** The deadline of `target` moved to `newDueAt`: later than now and than the running one. */
export function extension(
  state: AccreditationCase,
  context: CommandContext,
  target: DeadlineTarget,
  newDueAt: string,
  reason: string,
): Decision {
  const previousDueAt = currentDueAt(state, target);
  if (!previousDueAt) {
    return reject('unknown_deadline', `There is no running ${target.kind} deadline for ${target.id}`);
  }
  if (unchangedBy(context, toEpochMs(previousDueAt) === toEpochMs(newDueAt))) return accept();
  if (!isBefore(previousDueAt, newDueAt)) {
    return reject(
      'deadline_not_later',
      `${newDueAt} is not later than the current deadline ${previousDueAt}`,
    );
  }
  if (!isBefore(context.now, newDueAt)) return reject('deadline_in_past', `${newDueAt} lies in the past`);
  return accept({
    type: 'DeadlineExtended',
    data: { target, previousDueAt, newDueAt: toIso(newDueAt), reason },
  });
}
