/** Special audits (ISO/IEC 17021-1 §9.6.4, rule set 5): a short-notice audit beside a running certificate. */

import { specialAuditDone } from '../case-changes';
import type { CommandContext, CommandOf } from '../commands';
import type { AccreditationEvent } from '../events';
import { evolve } from '../evolve';
import type { AccreditationCase } from '../state';
import { authorise } from './authorise';
import { accept, type Decision, reject } from './outcome';
import { findComplaint, organisationOf, rulesSince, unknownComplaint } from './shared';

export function scheduleSpecialAudit(
  command: CommandOf<'ScheduleSpecialAudit'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  if (!rulesSince(context, 5)) {
    return reject('invalid_transition', 'Special audits need rule set 5; this case runs earlier rules');
  }
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  if (state.specialAudit) {
    return reject(
      'special_audit_running',
      `Special audit ${state.specialAudit.specialAuditId} is not yet closed`,
    );
  }
  const { reason, complaintId, scopeChangeId } = command.data;
  // Rule set 6: the complaint has a stream of its own, not one of the case's complaints.
  if (complaintId && !rulesSince(context, 6) && !findComplaint(state, complaintId)) {
    return unknownComplaint(complaintId);
  }
  return accept({
    type: 'SpecialAuditScheduled',
    data: {
      specialAuditId: `cycle-${state.cycle}:special-audit-${(state.issued.specialAudits ?? 0) + 1}`,
      reason,
      ...(complaintId ? { complaintId } : {}),
      ...(scopeChangeId ? { scopeChangeId } : {}),
      scheduledBy: context.actor.id,
      scheduledAt: context.now,
      recipient: organisationOf(state),
    },
  });
}

/**
 * What a special audit's step adds: a major finding proposes the suspension to a decision maker
 * (unless one is proposed or in force); once nothing is left open, the special audit closes and
 * the certificate stays as it is.
 */
export function withSpecialAuditOutcome(
  events: AccreditationEvent[],
  state: AccreditationCase,
): AccreditationEvent[] {
  const special = state.specialAudit;
  if (!special || events.length === 0) return events;
  const added: AccreditationEvent[] = [];
  const major = events.flatMap((event) =>
    event.type === 'AuditElementCompleted' ? event.data.findings.filter((f) => f.severity === 'major') : [],
  )[0];
  if (major && !state.suspensionProposal && state.status !== 'suspended') {
    added.push({
      type: 'SuspensionProposed',
      data: {
        proposalId: `${major.findingId}:suspension-proposal`,
        specialAuditId: special.specialAuditId,
        reason: `Major finding ${major.findingId} (${major.requirementId}) at special audit ${special.specialAuditId}: ${major.description}`,
        recipient: { role: 'decision_maker' },
      },
    });
  }
  const after = events.reduce((next, event) => evolve(next, event), state as ReturnType<typeof evolve>);
  if (
    after.status !== 'none' &&
    after.specialAudit?.specialAuditId === special.specialAuditId &&
    specialAuditDone(after)
  ) {
    added.push({
      type: 'SpecialAuditClosed',
      data: {
        specialAuditId: special.specialAuditId,
        auditElements: after.completedAuditElements,
        findingIds: after.findings.map((finding) => finding.findingId),
        recipient: organisationOf(state),
      },
    });
  }
  return [...events, ...added];
}
