/**
 * How decisions, certificates, self-assessments, renewals, suspensions, withdrawal, expiry and
 * complaints enter the case file.
 */
import type { EventOf } from '../events';
import type { StampedEvent } from './evolve';
import { newProcedure } from './procedure';
import type { CaseFile, Complaint, Decision, SelfAssessment, SuspensionProposal } from './schema';
import { currentProcedure, updateCurrentProcedure, updateSelfAssessment, updateWhere } from './update';

type Stamped<Type extends StampedEvent['type']> = EventOf<Type> & { at: string; by: string | null };

const decisionCount = (file: CaseFile) => file.procedures.filter((p) => p.decision !== null).length;

export function decided(
  file: CaseFile,
  event: Stamped<'AccreditationGranted'> | Stamped<'AccreditationRefused'>,
): CaseFile {
  const granted = event.type === 'AccreditationGranted' ? event.data : null;
  const decision: Decision = {
    number: decisionCount(file) + 1,
    outcome: granted ? 'granted' : 'refused',
    reasons: event.type === 'AccreditationRefused' ? event.data.reasons : [],
    certificateNumber: granted?.certificateNumber ?? null,
    at: event.at,
    by: event.by,
    dossier: null,
  };
  const withDecision = updateCurrentProcedure(file, (p) => ({ ...p, decision }));
  if (!granted) return withDecision;
  const certificate = {
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
  };
  const selfAssessments: SelfAssessment[] = granted.selfAssessments.map((scheduled) => ({
    ...scheduled,
    certificateNumber: granted.certificateNumber,
    extensions: [],
    reminders: [],
    escalatedAt: null,
    submissions: [],
    reviews: [],
  }));
  return {
    ...withDecision,
    certificates: [...withDecision.certificates, certificate],
    selfAssessments: [...withDecision.selfAssessments, ...selfAssessments],
  };
}

const inForce = (file: CaseFile) =>
  file.certificates.filter((c) => c.inForceSince !== null && c.expiredAt === null).at(-1);

export function renewalApplied(file: CaseFile, { data, at, by }: Stamped<'RenewalApplied'>): CaseFile {
  const cycle = inForce(file)?.cycle ?? currentProcedure(file)?.cycle ?? 1;
  const procedure = {
    ...newProcedure(file, 'renewal', cycle),
    renewalApplication: { documentIds: data.documentIds, at, by },
  };
  return { ...file, procedures: [...file.procedures, procedure] };
}

export function certificateEvent(
  file: CaseFile,
  event: Stamped<'RenewalWindowOpened'> | Stamped<'CycleRenewed'> | Stamped<'AccreditationExpired'>,
): CaseFile {
  const { at } = event;
  switch (event.type) {
    case 'RenewalWindowOpened':
      return {
        ...file,
        certificates: updateWhere(
          file.certificates,
          (c) => c.certificateNumber === event.data.certificateNumber,
          (c) => ({ ...c, renewalWindowOpenedAt: at }),
        ),
      };
    case 'CycleRenewed': {
      const { certificateNumber } = event.data;
      return {
        ...file,
        certificates: file.certificates.map((c) => {
          if (c.certificateNumber === certificateNumber) return { ...c, inForceSince: at };
          return c.inForceSince !== null && c.expiredAt === null ? { ...c, expiredAt: at } : c;
        }),
      };
    }
    case 'AccreditationExpired':
      return caseEnded(
        {
          ...file,
          certificates: updateWhere(
            file.certificates,
            (c) => c.certificateNumber === event.data.certificateNumber,
            (c) => ({ ...c, expiredAt: at }),
          ),
        },
        at,
      );
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
): CaseFile {
  const { at, by } = event;
  const change = (selfAssessment: SelfAssessment): SelfAssessment => {
    switch (event.type) {
      case 'SelfAssessmentReminderSent':
        return {
          ...selfAssessment,
          reminders: [...selfAssessment.reminders, { kind: event.data.reminder, at }],
        };
      case 'SelfAssessmentEscalated':
        return { ...selfAssessment, escalatedAt: at };
      case 'SelfAssessmentSubmitted': {
        const { statement, documentIds } = event.data;
        return {
          ...selfAssessment,
          submissions: [...selfAssessment.submissions, { statement, documentIds, at, by }],
        };
      }
      case 'SelfAssessmentAccepted':
      case 'SelfAssessmentFollowUpRequested': {
        const outcome = event.type === 'SelfAssessmentAccepted' ? 'accepted' : 'follow_up_requested';
        const review = { outcome, comment: event.data.comment ?? null, at, by } as const;
        return { ...selfAssessment, reviews: [...selfAssessment.reviews, review] };
      }
    }
  };
  const next = updateSelfAssessment(file, event.data.selfAssessmentId, change);
  if (event.type !== 'SelfAssessmentSubmitted') return next;
  // The overdue self-assessment arrived: a proposal to suspend for it has lost its cause.
  return closeProposals(next, (p) => p.selfAssessmentId === event.data.selfAssessmentId, {
    how: 'self_assessment_submitted',
    reason: null,
    at,
    by,
  });
}

function closeProposals(
  file: CaseFile,
  matches: (proposal: SuspensionProposal) => boolean,
  closed: NonNullable<SuspensionProposal['closed']>,
): CaseFile {
  if (!file.suspensionProposals) return file;
  return {
    ...file,
    suspensionProposals: updateWhere(
      file.suspensionProposals,
      (proposal) => proposal.closed === null && matches(proposal),
      (proposal) => ({ ...proposal, closed }),
    ),
  };
}

/** Withdrawn or expired: a running suspension ends, open proposals are moot. */
function caseEnded(file: CaseFile, at: string): CaseFile {
  const suspensions = updateWhere(
    file.suspensions,
    (suspension) => suspension.endedAt === null,
    (suspension) => ({ ...suspension, endedAt: at }),
  );
  return closeProposals({ ...file, suspensions }, () => true, {
    how: 'case_ended',
    reason: null,
    at,
    by: null,
  });
}

export function suspensionEvent(
  file: CaseFile,
  event:
    | Stamped<'SuspensionProposed'>
    | Stamped<'SuspensionProposalRejected'>
    | Stamped<'AccreditationSuspended'>
    | Stamped<'AccreditationReinstated'>
    | Stamped<'AccreditationWithdrawn'>,
): CaseFile {
  const { at, by } = event;
  switch (event.type) {
    case 'SuspensionProposed': {
      const { proposalId, selfAssessmentId, reason } = event.data;
      const proposal = { proposalId, selfAssessmentId, reason, at, closed: null };
      return { ...file, suspensionProposals: [...(file.suspensionProposals ?? []), proposal] };
    }
    case 'SuspensionProposalRejected': {
      const { proposalId, reason } = event.data;
      return closeProposals(file, (p) => p.proposalId === proposalId, { how: 'rejected', reason, at, by });
    }
    case 'AccreditationSuspended': {
      const { suspensionId, reason, reinstateBy, proposalId, complaintId } = event.data;
      const suspension = {
        suspensionId,
        reason,
        at,
        by,
        reinstateBy,
        proposalId: proposalId ?? null,
        complaintId: complaintId ?? null,
        reinstatement: null,
        endedAt: null,
      };
      const next = { ...file, suspensions: [...file.suspensions, suspension] };
      return proposalId
        ? closeProposals(next, (p) => p.proposalId === proposalId, { how: 'confirmed', reason: null, at, by })
        : next;
    }
    case 'AccreditationReinstated':
      return {
        ...file,
        suspensions: updateWhere(
          file.suspensions,
          (suspension) => suspension.suspensionId === event.data.suspensionId,
          (suspension) => ({
            ...suspension,
            reinstatement: { reason: event.data.reason, at, by },
            endedAt: at,
          }),
        ),
      };
    case 'AccreditationWithdrawn':
      return caseEnded({ ...file, withdrawal: { reason: event.data.reason, at, by } }, at);
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
): CaseFile {
  const { at, by } = event;
  const complaints = file.complaints ?? [];
  if (event.type === 'ComplaintReceived') {
    const { complaintId, complainant, summary, acknowledgeBy } = event.data;
    const complaint: Complaint = {
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
    };
    return { ...file, complaints: [...complaints, complaint] };
  }
  const change = (complaint: Complaint): Complaint => {
    switch (event.type) {
      case 'ComplaintAcknowledged':
        return { ...complaint, acknowledgedAt: at };
      case 'ComplaintAcknowledgementOverdue':
        return { ...complaint, acknowledgementOverdueAt: at };
      case 'ComplaintInvestigatorAssigned':
        return { ...complaint, investigation: { investigatorId: event.data.investigatorId, at, by } };
      case 'ComplaintDecided': {
        const { outcome, reasoning, followUp } = event.data;
        return { ...complaint, decision: { outcome, reasoning, followUp, at, by } };
      }
      case 'ComplaintClosed':
        return { ...complaint, closedAt: at };
    }
  };
  const { complaintId } = event.data;
  return { ...file, complaints: updateWhere(complaints, (c) => c.complaintId === complaintId, change) };
}
