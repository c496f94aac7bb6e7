/**
 * How decisions, certificates, self-assessments, renewals, suspensions, withdrawal, expiry and
 * complaints enter the case file. Each function changes the draft it is given (see `foldCaseFile`).
 */
import { newProcedure } from './procedure';
import type { CaseFile, SelfAssessment, Stamped, SuspensionProposal } from './schema';
import { currentProcedure, findSelfAssessment } from './update';

export function decided(
  file: CaseFile,
  event: Stamped<'AccreditationGranted'> | Stamped<'AccreditationRefused'>,
) {
  const procedure = currentProcedure(file);
  if (!procedure) return;
  const granted = event.type === 'AccreditationGranted' ? event.data : null;
  procedure.decision = {
    number: file.procedures.filter((p) => p.decision !== null).length + 1,
    outcome: granted ? 'granted' : 'refused',
    reasons: event.type === 'AccreditationRefused' ? event.data.reasons : [],
    certificateNumber: granted?.certificateNumber ?? null,
    at: event.at,
    by: event.by,
    dossier: event.data.dossier ?? null,
  };
  if (!granted) return;
  file.certificates.push({
    certificateNumber: granted.certificateNumber,
    cycle: granted.cycle,
    renewal: granted.renewal,
    validFrom: granted.validFrom,
    validUntil: granted.validUntil,
    grantedAt: event.at,
    // A renewed certificate waits for its predecessor to end (CycleRenewed).
    inForceSince: granted.renewal ? null : granted.validFrom,
    renewalWindowOpenedAt: null,
    expiredAt: null,
  });
  for (const scheduled of granted.selfAssessments) {
    file.selfAssessments.push({
      ...scheduled,
      certificateNumber: granted.certificateNumber,
      extensions: [],
      reminders: [],
      escalatedAt: null,
      submissions: [],
      reviews: [],
    });
  }
}

const inForce = (file: CaseFile) =>
  file.certificates.filter((c) => c.inForceSince !== null && c.expiredAt === null).at(-1);

export function renewalApplied(file: CaseFile, { data, at, by }: Stamped<'RenewalApplied'>) {
  const cycle = inForce(file)?.cycle ?? currentProcedure(file)?.cycle ?? 1;
  const procedure = newProcedure(file, 'renewal', cycle);
  procedure.renewalApplication = { documentIds: data.documentIds, at, by };
  file.procedures.push(procedure);
}

export function certificateEvent(
  file: CaseFile,
  event: Stamped<'RenewalWindowOpened'> | Stamped<'CycleRenewed'> | Stamped<'AccreditationExpired'>,
) {
  const { at } = event;
  const certificate = file.certificates.find((c) => c.certificateNumber === event.data.certificateNumber);
  switch (event.type) {
    case 'RenewalWindowOpened':
      if (certificate) certificate.renewalWindowOpenedAt = at;
      return;
    case 'CycleRenewed':
      // The renewed certificate takes over from the one in force.
      for (const other of file.certificates) {
        if (other !== certificate && other.inForceSince !== null && other.expiredAt === null)
          other.expiredAt = at;
      }
      if (certificate) certificate.inForceSince = at;
      return;
    case 'AccreditationExpired':
      if (certificate) certificate.expiredAt = at;
      caseEnded(file, at);
  }
}

export function selfAssessmentEvent(
  file: CaseFile,
  event:
    | Stamped<'SelfAssessmentReminderSent'>
    | Stamped<'SelfAssessmentEscalated'>
    | Stamped<'SelfAssessmentSubmitted'>
    | Stamped<'SelfAssessmentAccepted'>
    | Stamped<'SelfAssessmentFollowUpRequested'>,
) {
  const selfAssessment: SelfAssessment | undefined = findSelfAssessment(file, event.data.selfAssessmentId);
  if (!selfAssessment) return;
  const { at, by } = event;
  switch (event.type) {
    case 'SelfAssessmentReminderSent':
      selfAssessment.reminders.push({ kind: event.data.reminder, at });
      return;
    case 'SelfAssessmentEscalated':
      selfAssessment.escalatedAt = at;
      return;
    case 'SelfAssessmentSubmitted': {
      const { statement, documentIds, findingEvidence } = event.data;
      selfAssessment.submissions.push({
        statement,
        documentIds,
        ...(findingEvidence ? { findingEvidence } : {}),
        at,
        by,
      });
      // The overdue self-assessment arrived: a proposal to suspend for it has lost its cause.
      const closed = { how: 'self_assessment_submitted', reason: null, at, by } as const;
      closeProposals(file, (p) => p.selfAssessmentId === selfAssessment.selfAssessmentId, closed);
      return;
    }
    case 'SelfAssessmentAccepted':
    case 'SelfAssessmentFollowUpRequested': {
      const outcome = event.type === 'SelfAssessmentAccepted' ? 'accepted' : 'follow_up_requested';
      selfAssessment.reviews.push({ outcome, comment: event.data.comment ?? null, at, by });
    }
  }
}

function closeProposals(
  file: CaseFile,
  matches: (proposal: SuspensionProposal) => boolean,
  closed: NonNullable<SuspensionProposal['closed']>,
) {
  for (const proposal of file.suspensionProposals ?? []) {
    if (proposal.closed === null && matches(proposal)) proposal.closed = closed;
  }
}

/** Withdrawn or expired: a running suspension ends, open proposals are moot. */
function caseEnded(file: CaseFile, at: string) {
  for (const suspension of file.suspensions) suspension.endedAt ??= at;
  closeProposals(file, () => true, { how: 'case_ended', reason: null, at, by: null });
}

export function suspensionEvent(
  file: CaseFile,
  event:
    | Stamped<'SuspensionProposed'>
    | Stamped<'SuspensionProposalRejected'>
    | Stamped<'AccreditationSuspended'>
    | Stamped<'AccreditationReinstated'>
    | Stamped<'AccreditationWithdrawn'>,
) {
  const { at, by } = event;
  switch (event.type) {
    case 'SuspensionProposed': {
      const { proposalId, selfAssessmentId, specialAuditId, reason } = event.data;
      file.suspensionProposals ??= [];
      const cause = selfAssessmentId ? { selfAssessmentId } : { specialAuditId };
      file.suspensionProposals.push({ proposalId, ...cause, reason, at, closed: null });
      return;
    }
    case 'SuspensionProposalRejected': {
      const { proposalId, reason } = event.data;
      closeProposals(file, (p) => p.proposalId === proposalId, { how: 'rejected', reason, at, by });
      return;
    }
    case 'AccreditationSuspended': {
      const { suspensionId, reason, reinstateBy, proposalId, complaintId } = event.data;
      file.suspensions.push({
        suspensionId,
        reason,
        at,
        by,
        reinstateBy,
        proposalId: proposalId ?? null,
        complaintId: complaintId ?? null,
        reinstatement: null,
        endedAt: null,
      });
      if (proposalId) {
        closeProposals(file, (p) => p.proposalId === proposalId, { how: 'confirmed', reason: null, at, by });
      }
      return;
    }
    case 'AccreditationReinstated': {
      const suspension = file.suspensions.find((s) => s.suspensionId === event.data.suspensionId);
      if (!suspension) return;
      suspension.reinstatement = { reason: event.data.reason, at, by };
      suspension.endedAt = at;
      return;
    }
    case 'AccreditationWithdrawn':
      file.withdrawal = { reason: event.data.reason, at, by };
      caseEnded(file, at);
  }
}

export function complaintEvent(
  file: CaseFile,
  event:
    | Stamped<'ComplaintReceived'>
    | Stamped<'ComplaintAcknowledged'>
    | Stamped<'ComplaintAcknowledgementOverdue'>
    | Stamped<'ComplaintInvestigatorAssigned'>
    | Stamped<'ComplaintDecided'>
    | Stamped<'ComplaintClosed'>,
) {
  const { at, by } = event;
  file.complaints ??= [];
  if (event.type === 'ComplaintReceived') {
    const { complaintId, complainant, summary, acknowledgeBy } = event.data;
    file.complaints.push({
      complaintId,
      complainant,
      summary,
      at,
      by,
      acknowledgeBy,
      acknowledgedAt: null,
      acknowledgementOverdueAt: null,
      investigation: null,
      decision: null,
      closedAt: null,
    });
    return;
  }
  const complaint = file.complaints.find((c) => c.complaintId === event.data.complaintId);
  if (!complaint) return;
  switch (event.type) {
    case 'ComplaintAcknowledged':
      complaint.acknowledgedAt = at;
      return;
    case 'ComplaintAcknowledgementOverdue':
      complaint.acknowledgementOverdueAt = at;
      return;
    case 'ComplaintInvestigatorAssigned':
      complaint.investigation = { investigatorId: event.data.investigatorId, at, by };
      return;
    case 'ComplaintDecided': {
      const { outcome, reasoning, followUp } = event.data;
      complaint.decision = { outcome, reasoning, followUp, at, by };
      return;
    }
    case 'ComplaintClosed':
      complaint.closedAt = at;
  }
}
