import { findCatalogue } from './catalogue';
import type { AccreditationEvent, DeadlineTarget, EventOf } from './events';
import {
  type AccreditationCase,
  type AccreditationState,
  assertNever,
  type CaseStatus,
  type Certificate,
  type Complaint,
  type Finding,
  pendingDecisions,
  type ReviewGapCheck,
  type SelfAssessment,
} from './state';

/** The state of a procedure not yet begun: at opening and when a renewal or a new cycle starts one. */
const freshProcedure = {
  openRequest: null,
  documentReviewerId: null,
  documentReview: null,
  reviewGaps: [],
  leadAuditor: null,
  objectedAuditorIds: [],
  auditDate: null,
  documentReviewDueBy: undefined,
  auditReportDueBy: undefined,
  completedAuditElements: [],
  findings: [],
} satisfies Partial<AccreditationCase>;

function opened(event: EventOf<'AccreditationOpened'>): AccreditationCase {
  const { data } = event;
  const catalogue = findCatalogue(data.edition);
  return {
    status: 'opened',
    accreditationId: data.accreditationId,
    organisationId: data.organisationId,
    organisationName: data.organisationName,
    scope: data.scope,
    technicalAreas: data.technicalAreas ?? [],
    caseManagerId: data.caseManagerId,
    edition: data.edition,
    policy: data.policy,
    cycle: 1,
    auditElements: (catalogue?.auditElements ?? []).filter((e) => e.phase === 'audit').map((e) => e.id),
    ...freshProcedure,
    auditorsInvolved: [],
    certificate: null,
    nextCertificate: null,
    selfAssessments: [],
    suspensionProposal: null,
    renewal: null,
    suspension: null,
    complaints: [],
    issued: { requests: 0, leadAuditorAssignments: 0, findings: 0, suspensions: 0, complaints: 0 },
    firedTimerIds: [],
  };
}

function statusAfterPlanning(state: AccreditationCase): CaseStatus {
  return state.leadAuditor?.objectionWindowClosed && state.auditDate !== null ? 'audit' : 'audit_planning';
}

function statusAfterAuditProgress(state: AccreditationCase): CaseStatus {
  if (!state.auditElements.every((element) => state.completedAuditElements.includes(element))) return 'audit';
  return state.findings.every((finding) => finding.status === 'resolved')
    ? 'awaiting_decision'
    : 'corrective_actions';
}

function updateFinding(
  state: AccreditationCase,
  findingId: string,
  status: Finding['status'],
  verifyBy?: string,
): AccreditationCase {
  const findings = state.findings.map((finding) =>
    finding.findingId === findingId ? { ...finding, status, verifyBy } : finding,
  );
  const next = { ...state, findings };
  return { ...next, status: statusAfterAuditProgress(next) };
}

function updateSelfAssessment(
  state: AccreditationCase,
  selfAssessmentId: string,
  change: Partial<SelfAssessment>,
): AccreditationCase {
  return {
    ...state,
    selfAssessments: state.selfAssessments.map((selfAssessment) =>
      selfAssessment.selfAssessmentId === selfAssessmentId
        ? { ...selfAssessment, ...change }
        : selfAssessment,
    ),
  };
}

function updateComplaint(
  state: AccreditationCase,
  complaintId: string,
  change: Partial<Complaint>,
): AccreditationCase {
  return {
    ...state,
    complaints: state.complaints.map((complaint) =>
      complaint.complaintId === complaintId ? { ...complaint, ...change } : complaint,
    ),
  };
}

function extendDeadline(
  state: AccreditationCase,
  target: DeadlineTarget,
  newDueAt: string,
): AccreditationCase {
  switch (target.kind) {
    case 'information_request':
      return state.openRequest
        ? { ...state, openRequest: { ...state.openRequest, respondBy: newDueAt } }
        : state;
    case 'corrective_action':
      return {
        ...state,
        findings: state.findings.map((finding) =>
          finding.findingId === target.id ? { ...finding, correctiveActionDueBy: newDueAt } : finding,
        ),
      };
    case 'self_assessment':
      return updateSelfAssessment(state, target.id, { dueAt: newDueAt });
    default:
      return assertNever(target.kind);
  }
}

function scheduleOf(certificate: Certificate): SelfAssessment[] {
  return certificate.selfAssessments.map((scheduled) => ({ ...scheduled, status: 'pending' }));
}

function withoutTimersOfCycle(firedTimerIds: string[], cycle: number): string[] {
  return firedTimerIds.filter((timerId) => !timerId.startsWith(`cycle-${cycle}:`));
}

export function evolve(state: AccreditationState, event: AccreditationEvent): AccreditationState {
  if (event.type === 'AccreditationOpened') return state.status === 'none' ? opened(event) : state;
  if (state.status === 'none') return state;
  const timerId = 'timerId' in event.data ? event.data.timerId : undefined;
  return evolveCase(timerId ? { ...state, firedTimerIds: [...state.firedTimerIds, timerId] } : state, event);
}

type CaseEvent = Exclude<AccreditationEvent, { type: 'AccreditationOpened' }>;
type Evolver<Event extends CaseEvent> = (state: AccreditationCase, event: Event) => AccreditationCase;

function evolveCase(state: AccreditationCase, event: CaseEvent): AccreditationCase {
  const evolver = evolvers[event.type] as Evolver<CaseEvent> | undefined;
  return evolver ? evolver(state, event) : assertNever(event as never);
}

const unchanged = (state: AccreditationCase) => state;

/** The pending decision is decided: the case leaves its decision maker (and the queue). */
const leavesDecisionMaker = (state: AccreditationCase): AccreditationCase =>
  state.decisionMakerId ? { ...state, decisionMakerId: null } : state;

/**
 * The lapse proposal on `target` is moot (answered, evidence in, deadline extended): it leaves the
 * queue, and its timer may run out again at the deadline's new date.
 */
function withoutLapseOn(state: AccreditationCase, target: DeadlineTarget): AccreditationCase {
  const proposal = state.lapseProposal;
  if (!proposal || proposal.target.kind !== target.kind || proposal.target.id !== target.id) return state;
  const [firstTimerId = proposal.timerId] = proposal.timerId.split('@');
  const next = {
    ...state,
    lapseProposal: null,
    extendedAfterLapse: withMember(state.extendedAfterLapse ?? [], firstTimerId),
  };
  return pendingDecisions(next).length === 0 ? leavesDecisionMaker(next) : next;
}

/** A refusal or rejection decides the lapse proposal too. */
const withoutLapse = (state: AccreditationCase): AccreditationCase =>
  state.lapseProposal ? { ...state, lapseProposal: null } : state;

function suspended(state: AccreditationCase, event: EventOf<'AccreditationSuspended'>): AccreditationCase {
  const { proposalId, decidedBy } = event.data;
  const proposal =
    proposalId && state.suspensionProposal?.proposalId === proposalId ? state.suspensionProposal : null;
  const byDecisionMaker = proposal?.decider === 'decision_maker' && decidedBy;
  return {
    ...state,
    status: 'suspended',
    suspensionProposal: null,
    suspension: {
      suspensionId: event.data.suspensionId,
      since: event.data.suspendedAt,
      reinstateBy: event.data.reinstateBy,
      reason: event.data.reason,
      resumeStatus: state.status,
      ...(proposal ? { selfAssessmentId: proposal.selfAssessmentId } : {}),
      ...(byDecisionMaker ? { decidedBy } : {}),
    },
    // The decision maker who suspended keeps the case: the reinstatement is theirs to decide.
    ...(byDecisionMaker ? { decisionMakerId: decidedBy } : {}),
    issued: { ...state.issued, suspensions: state.issued.suspensions + 1 },
  };
}

const requested: Evolver<EventOf<'InformationRequested' | 'DocumentsRequested'>> = (state, event) => ({
  ...state,
  status: event.type === 'InformationRequested' ? 'awaiting_applicant' : state.status,
  openRequest: {
    requestId: event.data.requestId,
    kind: event.type === 'InformationRequested' ? 'information' : 'documents',
    items: event.type === 'InformationRequested' ? event.data.questions : event.data.documents,
    respondBy: event.data.respondBy,
  },
  issued: { ...state.issued, requests: state.issued.requests + 1 },
});

const awaitingVerification: Evolver<EventOf<'ActionPlanSubmitted' | 'CorrectiveActionEvidenceSubmitted'>> = (
  state,
  event,
) => updateFinding(state, event.data.findingId, 'awaiting_verification', event.data.verifyBy);

/** How each event changes the case. */
const evolvers: { [Type in CaseEvent['type']]: Evolver<EventOf<Type>> } = {
  CaseManagerAssigned: (state, event) => ({ ...state, caseManagerId: event.data.caseManagerId }),
  ApplicationSubmitted: (state) => ({ ...state, status: 'application_review' }),
  InformationRequested: requested,
  DocumentsRequested: requested,
  DocumentsRequestLapsed: (state) => ({ ...state, openRequest: null }),
  InformationProvided: (state, event) => ({
    ...withoutLapseOn(state, { kind: 'information_request', id: event.data.requestId }),
    status: state.status === 'awaiting_applicant' ? 'application_review' : state.status,
    openRequest: null,
  }),
  ApplicationAccepted: (state) => ({ ...state, status: 'document_review' }),
  ApplicationRejected: (state) => ({
    ...withoutLapse(leavesDecisionMaker(state)),
    status: 'refused',
    openRequest: null,
  }),
  DocumentReviewerAssigned: (state, event) => ({
    ...state,
    documentReviewerId: event.data.auditorId,
    documentReviewDueBy: event.data.reviewDueBy,
    auditorsInvolved: withMember(state.auditorsInvolved, event.data.auditorId),
  }),
  DocumentReviewCompleted: (state, event) => ({
    ...state,
    status: 'audit_planning',
    documentReview: event.data.results,
    openRequest: null,
  }),
  ReviewGapsReferredToAudit: (state, event) => ({
    ...state,
    reviewGaps: event.data.gaps.map((gap) => ({ ...gap, status: 'open' })),
  }),
  LeadAuditorAssigned: (state, event) => ({
    ...state,
    leadAuditor: {
      assignmentId: event.data.assignmentId,
      auditorId: event.data.auditorId,
      objectionWindowEndsAt: event.data.objectionWindowEndsAt,
      objectionWindowClosed: false,
    },
    auditorsInvolved: withMember(state.auditorsInvolved, event.data.auditorId),
    issued: { ...state.issued, leadAuditorAssignments: state.issued.leadAuditorAssignments + 1 },
  }),
  AuditDateSet: (state, event) => {
    const next = { ...state, auditDate: event.data.auditDate, auditReportDueBy: event.data.reportDueBy };
    return state.status === 'audit_planning' ? { ...next, status: statusAfterPlanning(next) } : next;
  },
  AuditorObjected: (state, event) => ({
    ...state,
    leadAuditor: null,
    objectedAuditorIds: withMember(state.objectedAuditorIds, event.data.auditorId),
  }),
  AuditorObjectionWindowClosed: (state) => {
    if (!state.leadAuditor) return state;
    const next = { ...state, leadAuditor: { ...state.leadAuditor, objectionWindowClosed: true } };
    return { ...next, status: statusAfterPlanning(next) };
  },
  AuditElementCompleted: (state, event) => {
    const findings: Finding[] = event.data.findings.map((finding) => ({
      ...finding,
      element: event.data.element,
      status: finding.severity === 'observation' ? 'resolved' : 'open',
    }));
    const next = {
      ...state,
      completedAuditElements: withMember(state.completedAuditElements, event.data.element),
      findings: [...state.findings, ...findings],
      reviewGaps: checkReviewGaps(state.reviewGaps, event.data.reviewGapsClosed ?? [], findings),
      issued: { ...state.issued, findings: state.issued.findings + findings.length },
    };
    return { ...next, status: statusAfterAuditProgress(next) };
  },
  ActionPlanSubmitted: awaitingVerification,
  CorrectiveActionEvidenceSubmitted: (state, event) =>
    awaitingVerification(
      withoutLapseOn(state, { kind: 'corrective_action', id: event.data.findingId }),
      event,
    ),
  ActionPlanAccepted: (state, event) => updateFinding(state, event.data.findingId, 'resolved'),
  CorrectiveActionVerified: (state, event) =>
    updateFinding(state, event.data.findingId, event.data.effective ? 'resolved' : 'open'),
  DeadlineExtended: (state, event) =>
    extendDeadline(withoutLapseOn(state, event.data.target), event.data.target, event.data.newDueAt),
  AccreditationGranted: (state, event) => {
    const certificate: Certificate = {
      certificateNumber: event.data.certificateNumber,
      cycle: event.data.cycle,
      grantedAt: event.data.decidedAt,
      validFrom: event.data.validFrom,
      validUntil: event.data.validUntil,
      selfAssessments: event.data.selfAssessments,
    };
    const decided = leavesDecisionMaker(state);
    return event.data.renewal
      ? { ...decided, status: 'accredited', nextCertificate: certificate, renewal: { status: 'granted' } }
      : { ...decided, status: 'accredited', certificate, selfAssessments: scheduleOf(certificate) };
  },
  AccreditationRefused: (state, event) =>
    event.data.renewal
      ? { ...withoutLapse(leavesDecisionMaker(state)), status: 'accredited', renewal: { status: 'refused' } }
      : { ...withoutLapse(leavesDecisionMaker(state)), status: 'refused' },
  LapseProposed: (state, event) => ({
    ...state,
    lapseProposal: {
      proposalId: event.data.proposalId,
      timerId: event.data.timerId,
      outcome: event.data.outcome,
      target: event.data.target,
      dueAt: event.data.dueAt,
      reasons: event.data.reasons,
    },
  }),
  DecisionMakerAssigned: (state, event) => ({ ...state, decisionMakerId: event.data.decisionMakerId }),
  SelfAssessmentReminderSent: unchanged,
  SelfAssessmentEscalated: unchanged,
  InformationRequestReminderSent: unchanged,
  ComplaintAcknowledgementOverdue: unchanged,
  AuditorDeadlineApproaching: unchanged,
  SuspensionProposed: (state, event) => ({
    ...state,
    suspensionProposal: {
      proposalId: event.data.proposalId,
      selfAssessmentId: event.data.selfAssessmentId,
      reason: event.data.reason,
      // Rule set 3 proposes to the decision makers' queue.
      ...(event.data.recipient.role === 'decision_maker' ? { decider: 'decision_maker' as const } : {}),
    },
  }),
  SuspensionProposalRejected: (state) => ({ ...leavesDecisionMaker(state), suspensionProposal: null }),
  SelfAssessmentSubmitted: (state, event) => {
    const next = updateSelfAssessment(state, event.data.selfAssessmentId, { status: 'submitted' });
    // The proposal's cause is gone once the overdue self-assessment arrives.
    return next.suspensionProposal?.selfAssessmentId === event.data.selfAssessmentId
      ? { ...next, suspensionProposal: null }
      : next;
  },
  SelfAssessmentAccepted: (state, event) => {
    const next = updateSelfAssessment(state, event.data.selfAssessmentId, { status: 'accepted' });
    // The suspension's cause is cured: its reinstatement is due.
    return next.suspension?.selfAssessmentId === event.data.selfAssessmentId
      ? { ...next, suspension: { ...next.suspension, causeCured: true } }
      : next;
  },
  SelfAssessmentFollowUpRequested: (state, event) =>
    updateSelfAssessment(state, event.data.selfAssessmentId, { status: 'follow_up_requested' }),
  RenewalWindowOpened: (state) => ({ ...state, renewal: state.renewal ?? { status: 'window_open' } }),
  RenewalApplied: (state) => ({
    ...state,
    ...freshProcedure,
    status: 'document_review',
    renewal: { status: 'applied' },
  }),
  AccreditationSuspended: suspended,
  AccreditationReinstated: (state) => ({
    ...leavesDecisionMaker(state),
    status: state.suspension?.resumeStatus ?? 'accredited',
    suspension: null,
  }),
  AccreditationWithdrawn: (state) => ({
    ...leavesDecisionMaker(state),
    status: 'withdrawn',
    suspension: null,
    suspensionProposal: null,
  }),
  AccreditationExpired: (state) => ({
    ...leavesDecisionMaker(state),
    status: 'expired',
    suspension: null,
    suspensionProposal: null,
  }),
  CycleRenewed: (state, event) => {
    const certificate = state.nextCertificate ?? state.certificate;
    return {
      ...state,
      ...freshProcedure,
      // A suspended case keeps the decision maker who decides its reinstatement.
      ...(state.status !== 'suspended' && state.decisionMakerId ? { decisionMakerId: null } : {}),
      status: state.status === 'suspended' ? 'suspended' : 'accredited',
      cycle: event.data.cycle,
      auditorsInvolved: [],
      certificate,
      nextCertificate: null,
      selfAssessments: certificate ? scheduleOf(certificate) : [],
      suspensionProposal: null,
      renewal: null,
      issued: { ...state.issued, requests: 0, leadAuditorAssignments: 0, findings: 0 },
      firedTimerIds: withoutTimersOfCycle(state.firedTimerIds, state.cycle),
    };
  },
  ComplaintReceived: (state, event) => ({
    ...state,
    complaints: [
      ...state.complaints,
      {
        complaintId: event.data.complaintId,
        complainant: event.data.complainant,
        summary: event.data.summary,
        receivedAt: event.data.receivedAt,
        acknowledgeBy: event.data.acknowledgeBy,
        status: 'received',
        investigatorId: null,
        outcome: null,
        followUp: null,
      },
    ],
    issued: { ...state.issued, complaints: state.issued.complaints + 1 },
  }),
  ComplaintAcknowledged: (state, event) =>
    updateComplaint(state, event.data.complaintId, { status: 'acknowledged' }),
  ComplaintInvestigatorAssigned: (state, event) =>
    updateComplaint(state, event.data.complaintId, {
      status: 'under_investigation',
      investigatorId: event.data.investigatorId,
    }),
  ComplaintDecided: (state, event) =>
    updateComplaint(state, event.data.complaintId, {
      status: 'decided',
      outcome: event.data.outcome,
      followUp: event.data.followUp,
    }),
  ComplaintClosed: (state, event) => ({
    ...state,
    complaints: state.complaints.filter((complaint) => complaint.complaintId !== event.data.complaintId),
  }),
};

/** Gaps an audit report found closed, and gaps taken over by one of its findings on the same requirement. */
function checkReviewGaps(
  gaps: ReviewGapCheck[] | undefined,
  closed: { requirementId: string }[],
  findings: Finding[],
): ReviewGapCheck[] | undefined {
  return gaps?.map((gap): ReviewGapCheck => {
    if (gap.status !== 'open') return gap;
    if (closed.some((entry) => entry.requirementId === gap.requirementId))
      return { ...gap, status: 'closed' };
    const finding = findings.find((candidate) => candidate.requirementId === gap.requirementId);
    return finding ? { ...gap, status: 'finding', findingId: finding.findingId } : gap;
  });
}

function withMember(list: string[], member: string): string[] {
  return list.includes(member) ? list : [...list, member];
}
