import type { CommandContext, CommandOf } from '../commands';
import { isBefore, subtractDuration } from '../duration';
import type { AccreditationCase, SelfAssessment } from '../state';
import { authorise } from './authorise';
import { accept, type Decision, reject } from './outcome';
import {
  compareIds,
  findComplaint,
  findSelfAssessment,
  owedBy,
  rulesSince,
  suspension,
  unknownComplaint,
} from './shared';

export function submitSelfAssessment(
  command: CommandOf<'SubmitSelfAssessment'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const selfAssessment = findSelfAssessment(state, command.data.selfAssessmentId);
  if (!selfAssessment) {
    return reject('unknown_self_assessment', `There is no self-assessment ${command.data.selfAssessmentId}`);
  }
  if (selfAssessment.status !== 'pending' && selfAssessment.status !== 'follow_up_requested') {
    return reject(
      'invalid_transition',
      `Self-assessment ${selfAssessment.selfAssessmentId} is ${selfAssessment.status}`,
    );
  }
  if (isBefore(context.now, selfAssessment.opensAt)) {
    return reject(
      'self_assessment_not_open',
      `Self-assessment ${selfAssessment.selfAssessmentId} opens ${selfAssessment.opensAt}`,
    );
  }
  const evidenceRejected = checkFindingEvidence(selfAssessment, command.data.findingEvidence ?? []);
  if (evidenceRejected) return evidenceRejected;
  return accept({ type: 'SelfAssessmentSubmitted', data: { ...command.data, submittedAt: context.now } });
}

/** Evidence for each finding the Selbstbewertung is to show, once, and for no other. */
function checkFindingEvidence(
  selfAssessment: SelfAssessment,
  evidence: { findingId: string }[],
): Decision | undefined {
  const due = (selfAssessment.findingsToEvidence ?? []).map((finding) => finding.findingId);
  const { unknown, duplicates, missing } = compareIds(
    evidence.map((item) => item.findingId),
    due,
  );
  if (unknown.length > 0 || duplicates.length > 0) {
    const problems = [
      ...unknown.map((id) => `${id} is not a finding this Selbstbewertung is to evidence`),
      ...duplicates.map((id) => `${id} is named twice`),
    ];
    return reject('invalid_finding_evidence', problems.join('; '));
  }
  if (missing.length > 0) {
    return reject(
      'finding_evidence_missing',
      `Evidence missing for the minor findings ${missing.join(', ')}`,
    );
  }
  return undefined;
}

export function reviewSelfAssessment(
  command: CommandOf<'ReviewSelfAssessment'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { selfAssessmentId, review } = command.data;
  const selfAssessment = findSelfAssessment(state, selfAssessmentId);
  if (!selfAssessment) {
    return reject('unknown_self_assessment', `There is no self-assessment ${selfAssessmentId}`);
  }
  if (selfAssessment.status !== 'submitted') {
    return reject(
      'invalid_transition',
      `Self-assessment ${selfAssessmentId} is ${selfAssessment.status}, not submitted`,
    );
  }
  const reviewedBy = context.actor.id;
  if (review.outcome === 'follow_up_requested') {
    return accept({
      type: 'SelfAssessmentFollowUpRequested',
      data: {
        selfAssessmentId,
        reviewedBy,
        comment: review.comment,
        ...owedBy(context, state, 'selfAssessmentFollowUp', 'respondBy'),
      },
    });
  }
  const comment = review.comment ? { comment: review.comment } : {};
  return accept({ type: 'SelfAssessmentAccepted', data: { selfAssessmentId, reviewedBy, ...comment } });
}

function openProposal(state: AccreditationCase, proposalId: string) {
  return state.suspensionProposal?.proposalId === proposalId ? state.suspensionProposal : undefined;
}

export function confirmSuspensionProposal(
  command: CommandOf<'ConfirmSuspensionProposal'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const proposal = openProposal(state, command.data.proposalId);
  if (!proposal) {
    return reject('unknown_suspension_proposal', `There is no open proposal ${command.data.proposalId}`);
  }
  const decidedBy = rulesSince(context, 3) ? { decidedBy: context.actor.id } : {};
  return accept({
    type: 'AccreditationSuspended',
    data: { ...suspension(state, context, proposal.reason), proposalId: proposal.proposalId, ...decidedBy },
  });
}

export function rejectSuspensionProposal(
  command: CommandOf<'RejectSuspensionProposal'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  if (!openProposal(state, command.data.proposalId)) {
    return reject('unknown_suspension_proposal', `There is no open proposal ${command.data.proposalId}`);
  }
  return accept({
    type: 'SuspensionProposalRejected',
    data: { ...command.data, rejectedBy: context.actor.id },
  });
}

// ─── renewal, suspension, withdrawal ─────────────────────────────────────────────────────────────

export function applyForRenewal(
  command: CommandOf<'ApplyForRenewal'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  if (state.renewal?.status === 'refused') {
    return reject('renewal_refused', 'Renewal was refused in this cycle');
  }
  if (state.renewal && state.renewal.status !== 'window_open') {
    return reject('renewal_already_applied', 'Renewal has already been applied for in this cycle');
  }
  const certificate = state.certificate;
  if (!certificate) return reject('invalid_transition', 'There is no certificate to renew');
  const opensAt = subtractDuration(certificate.validUntil, state.policy.renewalWindow);
  if (isBefore(context.now, opensAt)) return reject('renewal_window_not_open', `Renewal opens ${opensAt}`);
  return accept({
    type: 'RenewalApplied',
    data: { documentIds: command.data.documentIds, appliedAt: context.now },
  });
}

export function suspend(
  command: CommandOf<'Suspend'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { reason, complaintId } = command.data;
  if (complaintId && !findComplaint(state, complaintId)) return unknownComplaint(complaintId);
  return accept({
    type: 'AccreditationSuspended',
    data: { ...suspension(state, context, reason), ...(complaintId ? { complaintId } : {}) },
  });
}

export function reinstate(
  command: CommandOf<'Reinstate'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  if (!state.suspension) return reject('invalid_transition', 'The accreditation is not suspended');
  return accept({
    type: 'AccreditationReinstated',
    data: { suspensionId: state.suspension.suspensionId, reason: command.data.reason },
  });
}

export function withdraw(
  command: CommandOf<'Withdraw'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  return (
    authorise(command.type, context, state) ??
    accept({
      type: 'AccreditationWithdrawn',
      data: { reason: command.data.reason, withdrawnAt: context.now },
    })
  );
}
