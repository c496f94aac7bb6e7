import { appealEvolvers, withoutSuspensionAppeal } from './appeal-changes';
import {
  awaitingVerification,
  type CaseEvent,
  checkReviewGaps,
  type Evolver,
  extendDeadline,
  freshProcedure,
  leavesDecisionMaker,
  opened,
  requested,
  scheduleOf,
  specialAuditScheduled,
  statusAfterAuditProgress,
  statusAfterPlanning,
  suspended,
  unchanged,
  updateComplaint,
  updateFinding,
  updateSelfAssessment,
  withAuditStatus,
  withMember,
  withoutLapse,
  withoutLapseOn,
  withoutTimersOfCycle,
} from './case-changes';
import type { AccreditationEvent, EventOf } from './events';
import { erasedNameOf } from './retention';
import { scopeChangeEvolvers, specialAuditClosedWithScopeChange } from './scope-changes';
import {
  type AccreditationCase,
  type AccreditationState,
  assertNever,
  auditPhase,
  type Certificate,
  type Finding,
} from './state';

export function evolve(state: AccreditationState, event: AccreditationEvent): AccreditationState {
  if (event.type === 'AccreditationOpened') return state.status === 'none' ? opened(event) : state;
  if (state.status === 'none') return state;
  const timerId = 'timerId' in event.data ? event.data.timerId : undefined;
  return evolveCase(timerId ? { ...state, firedTimerIds: [...state.firedTimerIds, timerId] } : state, event);
}

function evolveCase(state: AccreditationCase, event: CaseEvent): AccreditationCase {
  const evolver = evolvers[event.type] as Evolver<CaseEvent> | undefined;
  return evolver ? evolver(state, event) : assertNever(event as never);
}

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
      ...(event.data.auditDateDueBy ? { auditDateDueBy: event.data.auditDateDueBy } : {}),
    },
    auditorsInvolved: withMember(state.auditorsInvolved, event.data.auditorId),
    issued: { ...state.issued, leadAuditorAssignments: state.issued.leadAuditorAssignments + 1 },
  }),
  AuditDateSet: (state, event) => {
    const next = { ...state, auditDate: event.data.auditDate, auditReportDueBy: event.data.reportDueBy };
    return auditPhase(state) === 'audit_planning' ? withAuditStatus(next, statusAfterPlanning(next)) : next;
  },
  AuditorObjected: (state, event) => ({
    ...state,
    leadAuditor: null,
    objectedAuditorIds: withMember(state.objectedAuditorIds, event.data.auditorId),
  }),
  AuditorObjectionWindowClosed: (state) => {
    if (!state.leadAuditor) return state;
    const next = { ...state, leadAuditor: { ...state.leadAuditor, objectionWindowClosed: true } };
    return withAuditStatus(next, statusAfterPlanning(next));
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
    return withAuditStatus(next, statusAfterAuditProgress(next));
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
      ...(event.data.selfAssessmentId ? { selfAssessmentId: event.data.selfAssessmentId } : {}),
      ...(event.data.specialAuditId ? { specialAuditId: event.data.specialAuditId } : {}),
      ...(event.data.complaintId ? { complaintId: event.data.complaintId } : {}),
      reason: event.data.reason,
      // Rule set 3 proposes to the decision makers' queue.
      ...(event.data.recipient.role === 'decision_maker' ? { decider: 'decision_maker' as const } : {}),
    },
  }),
  SpecialAuditScheduled: specialAuditScheduled,
  SpecialAuditClosed: specialAuditClosedWithScopeChange,
  ...scopeChangeEvolvers,
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
    updateSelfAssessment(state, event.data.selfAssessmentId, {
      status: 'follow_up_requested',
      ...(event.data.respondBy ? { followUpDueBy: event.data.respondBy } : {}),
    }),
  ...appealEvolvers,
  OwedStepReminderSent: unchanged,
  OwedStepEscalated: unchanged,
  RenewalWindowOpened: (state) => ({ ...state, renewal: state.renewal ?? { status: 'window_open' } }),
  RenewalApplied: (state) => ({
    ...state,
    ...freshProcedure,
    status: 'document_review',
    renewal: { status: 'applied' },
  }),
  AccreditationSuspended: suspended,
  AccreditationReinstated: (state) => ({
    ...withoutSuspensionAppeal(leavesDecisionMaker(state)),
    status: state.suspension?.resumeStatus ?? 'accredited',
    suspension: null,
  }),
  AccreditationWithdrawn: (state) => ({
    ...withoutSuspensionAppeal(leavesDecisionMaker(state)),
    status: 'withdrawn',
    suspension: null,
    ...(state.specialAudit ? { specialAudit: null } : {}),
    ...(state.scopeChange ? { scopeChange: null } : {}),
    suspensionProposal: null,
  }),
  AccreditationExpired: (state) => ({
    ...leavesDecisionMaker(state),
    status: 'expired',
    suspension: null,
    ...(state.specialAudit ? { specialAudit: null } : {}),
    ...(state.scopeChange ? { scopeChange: null } : {}),
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
  CaseDataErased: (state, event) => ({ ...state, organisationName: erasedNameOf(event.data) }),
};
