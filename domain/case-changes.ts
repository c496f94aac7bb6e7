// The pieces `evolve` builds a case from: a fresh procedure, status rules, and updates of one part of a case.
import { findCatalogue } from './catalogue';
import type { AccreditationEvent, DeadlineTarget, EventOf } from './events';
import { inClear } from './events/personal-fields';
import {
  type AccreditationCase,
  assertNever,
  type CaseStatus,
  type Certificate,
  type Complaint,
  type Finding,
  pendingDecisions,
  type ReviewGapCheck,
  type SelfAssessment,
} from './state';

export type CaseEvent = Exclude<AccreditationEvent, { type: 'AccreditationOpened' }>;
export type Evolver<Event extends CaseEvent> = (state: AccreditationCase, event: Event) => AccreditationCase;

/** The state of a procedure not yet begun: at opening and when a renewal or a new cycle starts one. */
export const freshProcedure = {
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

export function opened(event: EventOf<'AccreditationOpened'>): AccreditationCase {
  const { data } = event;
  const catalogue = findCatalogue(data.edition);
  return {
    status: 'opened',
    accreditationId: data.accreditationId,
    organisationId: data.organisationId,
    // Sealed in a workflow (which holds no keys); the projections fold it opened.
    organisationName: inClear(data.organisationName),
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

export function statusAfterPlanning(state: AccreditationCase): CaseStatus {
  return state.leadAuditor?.objectionWindowClosed && state.auditDate !== null ? 'audit' : 'audit_planning';
}

export function statusAfterAuditProgress(state: AccreditationCase): CaseStatus {
  if (!state.auditElements.every((element) => state.completedAuditElements.includes(element))) return 'audit';
  return state.findings.every((finding) => finding.status === 'resolved')
    ? 'awaiting_decision'
    : 'corrective_actions';
}

/**
 * The audit's progress moves the case's status, or a running special audit's phase: a special audit
 * never waits for a decision (its decider closes it once nothing is left open).
 */
export function withAuditStatus(state: AccreditationCase, status: CaseStatus): AccreditationCase {
  const special = state.specialAudit;
  if (!special) return { ...state, status };
  return status === 'audit_planning' || status === 'audit' || status === 'corrective_actions'
    ? { ...state, specialAudit: { ...special, phase: status } }
    : state;
}

/** Nothing of the special audit is left to do: every element reported, every finding resolved. */
export function specialAuditDone(state: AccreditationCase): boolean {
  return (
    state.specialAudit !== undefined &&
    state.specialAudit !== null &&
    statusAfterAuditProgress(state) === 'awaiting_decision'
  );
}

export const specialAuditScheduled: Evolver<EventOf<'SpecialAuditScheduled'>> = (state, event) => {
  const { specialAuditId, reason, complaintId, scopeChangeId, scheduledAt } = event.data;
  return {
    ...state,
    // The audit steps start afresh; the certificate and the case's status stay as they are.
    leadAuditor: null,
    objectedAuditorIds: [],
    auditDate: null,
    auditReportDueBy: undefined,
    completedAuditElements: [],
    findings: [],
    reviewGaps: [],
    issued: { ...state.issued, specialAudits: (state.issued.specialAudits ?? 0) + 1 },
    specialAudit: {
      specialAuditId,
      reason,
      ...(complaintId ? { complaintId } : {}),
      ...(scopeChangeId ? { scopeChangeId } : {}),
      scheduledAt,
      phase: 'audit_planning',
    },
  };
};

export const specialAuditClosed: Evolver<EventOf<'SpecialAuditClosed'>> = (state, event) => {
  const suspension = state.suspension;
  // A suspension that followed this special audit's major finding: its cause is cured.
  const cured = suspension?.specialAuditId === event.data.specialAuditId;
  return {
    ...state,
    specialAudit: null,
    ...(cured && suspension ? { suspension: { ...suspension, causeCured: true } } : {}),
  };
};

export function updateFinding(
  state: AccreditationCase,
  findingId: string,
  status: Finding['status'],
  verifyBy?: string,
): AccreditationCase {
  const findings = state.findings.map((finding) =>
    finding.findingId === findingId ? { ...finding, status, verifyBy } : finding,
  );
  const next = { ...state, findings };
  return withAuditStatus(next, statusAfterAuditProgress(next));
}

export function updateSelfAssessment(
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

export function updateComplaint(
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

export function extendDeadline(
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

export function scheduleOf(certificate: Certificate): SelfAssessment[] {
  return certificate.selfAssessments.map((scheduled) => ({ ...scheduled, status: 'pending' }));
}

export function withoutTimersOfCycle(firedTimerIds: string[], cycle: number): string[] {
  return firedTimerIds.filter((timerId) => !timerId.startsWith(`cycle-${cycle}:`));
}

export const unchanged = (state: AccreditationCase) => state;

/** The pending decision is decided: the case leaves its decision maker (and the queue). */
export const leavesDecisionMaker = (state: AccreditationCase): AccreditationCase =>
  state.decisionMakerId ? { ...state, decisionMakerId: null } : state;

/**
 * The lapse proposal on `target` is moot (answered, evidence in, deadline extended): it leaves the
 * queue, and its timer may run out again at the deadline's new date.
 */
export function withoutLapseOn(state: AccreditationCase, target: DeadlineTarget): AccreditationCase {
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
export const withoutLapse = (state: AccreditationCase): AccreditationCase =>
  state.lapseProposal ? { ...state, lapseProposal: null } : state;

export function suspended(
  state: AccreditationCase,
  event: EventOf<'AccreditationSuspended'>,
): AccreditationCase {
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
      ...(proposal?.selfAssessmentId ? { selfAssessmentId: proposal.selfAssessmentId } : {}),
      ...(proposal?.specialAuditId ? { specialAuditId: proposal.specialAuditId } : {}),
      ...(byDecisionMaker ? { decidedBy } : {}),
    },
    // The decision maker who suspended keeps the case: the reinstatement is theirs to decide.
    ...(byDecisionMaker ? { decisionMakerId: decidedBy } : {}),
    issued: { ...state.issued, suspensions: state.issued.suspensions + 1 },
  };
}

export const requested: Evolver<EventOf<'InformationRequested' | 'DocumentsRequested'>> = (state, event) => ({
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

export const awaitingVerification: Evolver<
  EventOf<'ActionPlanSubmitted' | 'CorrectiveActionEvidenceSubmitted'>
> = (state, event) =>
  updateFinding(state, event.data.findingId, 'awaiting_verification', event.data.verifyBy);

/** Gaps an audit report found closed, and gaps taken over by one of its findings on the same requirement. */
export function checkReviewGaps(
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

export function withMember(list: string[], member: string): string[] {
  return list.includes(member) ? list : [...list, member];
}
