import { findCatalogue } from './catalogue';
import type {
  AccreditationEvent,
  ComplaintFollowUp,
  ComplaintOutcome,
  DeadlineTarget,
  DocumentReviewResult,
  EventOf,
  ReportedFinding,
  ScheduledSelfAssessment,
} from './events';
import type { Policy } from './policy';

/** Steps of an assessment procedure; a renewal runs them again while the old certificate stays valid. */
export const procedureStatuses = [
  'document_review',
  'audit_planning',
  'audit',
  'corrective_actions',
  'awaiting_decision',
] as const;

export const caseStatuses = [
  'opened',
  'application_review',
  'awaiting_applicant',
  ...procedureStatuses,
  'accredited',
  'suspended',
  'refused',
  'withdrawn',
  'expired',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export interface OpenRequest {
  requestId: string;
  kind: 'information' | 'documents';
  items: string[];
  respondBy: string;
}

export interface LeadAuditor {
  assignmentId: string;
  auditorId: string;
  objectionWindowEndsAt: string;
  objectionWindowClosed: boolean;
}

/**
 * Major: open → awaiting_verification (evidence) → resolved, or back to open if not effective.
 * Minor: open → awaiting_verification (action plan) → resolved. Observations need no action.
 */
export interface Finding extends ReportedFinding {
  element: string;
  status: 'open' | 'awaiting_verification' | 'resolved';
  /** While awaiting verification, under a policy with a verification deadline. */
  verifyBy?: string;
}

export interface Certificate {
  certificateNumber: string;
  cycle: number;
  grantedAt: string;
  validFrom: string;
  validUntil: string;
  selfAssessments: ScheduledSelfAssessment[];
}

export interface SelfAssessment extends ScheduledSelfAssessment {
  status: 'pending' | 'submitted' | 'follow_up_requested' | 'accepted';
}

export interface SuspensionProposal {
  proposalId: string;
  selfAssessmentId: string;
  reason: string;
}

export interface Suspension {
  suspensionId: string;
  since: string;
  reinstateBy: string;
  reason: string;
  /** Where reinstatement returns to: accredited, or the step of a running renewal. */
  resumeStatus: CaseStatus;
}

export interface Complaint {
  complaintId: string;
  complainant: string;
  summary: string;
  receivedAt: string;
  acknowledgeBy: string;
  status: 'received' | 'acknowledged' | 'under_investigation' | 'decided';
  investigatorId: string | null;
  outcome: ComplaintOutcome | null;
  followUp: ComplaintFollowUp | null;
}

export interface AccreditationCase {
  status: CaseStatus;
  accreditationId: string;
  organisationId: string;
  organisationName: string;
  scope: string;
  caseManagerId: string;
  edition: string;
  policy: Policy;
  cycle: number;
  /** Audit-phase elements of the edition's catalogue; all must be completed before a grant. */
  auditElements: string[];
  openRequest: OpenRequest | null;
  documentReviewerId: string | null;
  documentReview: DocumentReviewResult[] | null;
  leadAuditor: LeadAuditor | null;
  objectedAuditorIds: string[];
  auditDate: string | null;
  /** Due dates of the auditors' work; absent under a policy without auditor deadlines. */
  documentReviewDueBy?: string;
  auditReportDueBy?: string;
  /** Every auditor assigned in this cycle: none of them may decide on it (four-eyes principle). */
  auditorsInvolved: string[];
  completedAuditElements: string[];
  findings: Finding[];
  certificate: Certificate | null;
  /** A renewed certificate granted but not yet in force; it takes over when the current one expires. */
  nextCertificate: Certificate | null;
  selfAssessments: SelfAssessment[];
  suspensionProposal: SuspensionProposal | null;
  renewal: { status: 'window_open' | 'applied' | 'granted' | 'refused' } | null;
  suspension: Suspension | null;
  /** Complaints not yet closed. */
  complaints: Complaint[];
  /** Counters for deterministic ids; all but `complaints` restart with each cycle. */
  issued: {
    requests: number;
    leadAuditorAssignments: number;
    findings: number;
    suspensions: number;
    complaints: number;
  };
  firedTimerIds: string[];
}

export type AccreditationState = { status: 'none' } | AccreditationCase;

export function initialState(): AccreditationState {
  return { status: 'none' };
}

/** Holds a certificate that has neither expired nor been withdrawn (it may be suspended). */
export function holdsCertificate(state: AccreditationCase): boolean {
  return state.certificate !== null && state.status !== 'withdrawn' && state.status !== 'expired';
}

export function isInGoodStanding(state: AccreditationCase): boolean {
  return holdsCertificate(state) && state.status !== 'suspended';
}

/** Nothing is left to happen: the workflow may end once it has drained its handlers. */
export function isFinished(state: AccreditationState): boolean {
  return (
    (state.status === 'refused' || state.status === 'withdrawn' || state.status === 'expired') &&
    state.complaints.length === 0
  );
}

function opened(event: EventOf<'AccreditationOpened'>): AccreditationCase {
  const { data } = event;
  const catalogue = findCatalogue(data.edition);
  return {
    status: 'opened',
    accreditationId: data.accreditationId,
    organisationId: data.organisationId,
    organisationName: data.organisationName,
    scope: data.scope,
    caseManagerId: data.caseManagerId,
    edition: data.edition,
    policy: data.policy,
    cycle: 1,
    auditElements: (catalogue?.auditElements ?? []).filter((e) => e.phase === 'audit').map((e) => e.id),
    openRequest: null,
    documentReviewerId: null,
    documentReview: null,
    leadAuditor: null,
    objectedAuditorIds: [],
    auditDate: null,
    auditorsInvolved: [],
    completedAuditElements: [],
    findings: [],
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

const freshProcedure = {
  openRequest: null,
  documentReviewerId: null,
  documentReview: null,
  leadAuditor: null,
  objectedAuditorIds: [],
  auditDate: null,
  documentReviewDueBy: undefined,
  auditReportDueBy: undefined,
  completedAuditElements: [],
  findings: [],
} satisfies Partial<AccreditationCase>;

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

function evolveCase(
  state: AccreditationCase,
  event: Exclude<AccreditationEvent, { type: 'AccreditationOpened' }>,
): AccreditationCase {
  switch (event.type) {
    case 'CaseManagerAssigned':
      return { ...state, caseManagerId: event.data.caseManagerId };
    case 'ApplicationSubmitted':
      return { ...state, status: 'application_review' };
    case 'InformationRequested':
    case 'DocumentsRequested':
      return {
        ...state,
        status: event.type === 'InformationRequested' ? 'awaiting_applicant' : state.status,
        openRequest: {
          requestId: event.data.requestId,
          kind: event.type === 'InformationRequested' ? 'information' : 'documents',
          items: event.type === 'InformationRequested' ? event.data.questions : event.data.documents,
          respondBy: event.data.respondBy,
        },
        issued: { ...state.issued, requests: state.issued.requests + 1 },
      };
    case 'DocumentsRequestLapsed':
      return { ...state, openRequest: null };
    case 'InformationProvided':
      return {
        ...state,
        status: state.status === 'awaiting_applicant' ? 'application_review' : state.status,
        openRequest: null,
      };
    case 'ApplicationAccepted':
      return { ...state, status: 'document_review' };
    case 'ApplicationRejected':
      return { ...state, status: 'refused', openRequest: null };
    case 'DocumentReviewerAssigned':
      return {
        ...state,
        documentReviewerId: event.data.auditorId,
        documentReviewDueBy: event.data.reviewDueBy,
        auditorsInvolved: withMember(state.auditorsInvolved, event.data.auditorId),
      };
    case 'DocumentReviewCompleted':
      return { ...state, status: 'audit_planning', documentReview: event.data.results, openRequest: null };
    case 'LeadAuditorAssigned':
      return {
        ...state,
        leadAuditor: {
          assignmentId: event.data.assignmentId,
          auditorId: event.data.auditorId,
          objectionWindowEndsAt: event.data.objectionWindowEndsAt,
          objectionWindowClosed: false,
        },
        auditorsInvolved: withMember(state.auditorsInvolved, event.data.auditorId),
        issued: { ...state.issued, leadAuditorAssignments: state.issued.leadAuditorAssignments + 1 },
      };
    case 'AuditDateSet': {
      const next = { ...state, auditDate: event.data.auditDate, auditReportDueBy: event.data.reportDueBy };
      return state.status === 'audit_planning' ? { ...next, status: statusAfterPlanning(next) } : next;
    }
    case 'AuditorObjected':
      return {
        ...state,
        leadAuditor: null,
        objectedAuditorIds: withMember(state.objectedAuditorIds, event.data.auditorId),
      };
    case 'AuditorObjectionWindowClosed': {
      if (!state.leadAuditor) return state;
      const next = { ...state, leadAuditor: { ...state.leadAuditor, objectionWindowClosed: true } };
      return { ...next, status: statusAfterPlanning(next) };
    }
    case 'AuditElementCompleted': {
      const findings: Finding[] = event.data.findings.map((finding) => ({
        ...finding,
        element: event.data.element,
        status: finding.severity === 'observation' ? 'resolved' : 'open',
      }));
      const next = {
        ...state,
        completedAuditElements: withMember(state.completedAuditElements, event.data.element),
        findings: [...state.findings, ...findings],
        issued: { ...state.issued, findings: state.issued.findings + findings.length },
      };
      return { ...next, status: statusAfterAuditProgress(next) };
    }
    case 'ActionPlanSubmitted':
    case 'CorrectiveActionEvidenceSubmitted':
      return updateFinding(state, event.data.findingId, 'awaiting_verification', event.data.verifyBy);
    case 'ActionPlanAccepted':
      return updateFinding(state, event.data.findingId, 'resolved');
    case 'CorrectiveActionVerified':
      return updateFinding(state, event.data.findingId, event.data.effective ? 'resolved' : 'open');
    case 'DeadlineExtended':
      return extendDeadline(state, event.data.target, event.data.newDueAt);
    case 'AccreditationGranted': {
      const certificate: Certificate = {
        certificateNumber: event.data.certificateNumber,
        cycle: event.data.cycle,
        grantedAt: event.data.decidedAt,
        validFrom: event.data.validFrom,
        validUntil: event.data.validUntil,
        selfAssessments: event.data.selfAssessments,
      };
      return event.data.renewal
        ? { ...state, status: 'accredited', nextCertificate: certificate, renewal: { status: 'granted' } }
        : { ...state, status: 'accredited', certificate, selfAssessments: scheduleOf(certificate) };
    }
    case 'AccreditationRefused':
      return event.data.renewal
        ? { ...state, status: 'accredited', renewal: { status: 'refused' } }
        : { ...state, status: 'refused' };
    case 'SelfAssessmentReminderSent':
    case 'SelfAssessmentEscalated':
    case 'InformationRequestReminderSent':
    case 'ComplaintAcknowledgementOverdue':
    case 'AuditorDeadlineApproaching':
      return state;
    case 'SuspensionProposed':
      return {
        ...state,
        suspensionProposal: {
          proposalId: event.data.proposalId,
          selfAssessmentId: event.data.selfAssessmentId,
          reason: event.data.reason,
        },
      };
    case 'SuspensionProposalRejected':
      return { ...state, suspensionProposal: null };
    case 'SelfAssessmentSubmitted': {
      const next = updateSelfAssessment(state, event.data.selfAssessmentId, { status: 'submitted' });
      // The proposal's cause is gone once the overdue self-assessment arrives.
      return next.suspensionProposal?.selfAssessmentId === event.data.selfAssessmentId
        ? { ...next, suspensionProposal: null }
        : next;
    }
    case 'SelfAssessmentAccepted':
      return updateSelfAssessment(state, event.data.selfAssessmentId, { status: 'accepted' });
    case 'SelfAssessmentFollowUpRequested':
      return updateSelfAssessment(state, event.data.selfAssessmentId, { status: 'follow_up_requested' });
    case 'RenewalWindowOpened':
      return { ...state, renewal: state.renewal ?? { status: 'window_open' } };
    case 'RenewalApplied':
      return { ...state, ...freshProcedure, status: 'document_review', renewal: { status: 'applied' } };
    case 'AccreditationSuspended':
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
        },
        issued: { ...state.issued, suspensions: state.issued.suspensions + 1 },
      };
    case 'AccreditationReinstated':
      return { ...state, status: state.suspension?.resumeStatus ?? 'accredited', suspension: null };
    case 'AccreditationWithdrawn':
      return { ...state, status: 'withdrawn', suspension: null, suspensionProposal: null };
    case 'AccreditationExpired':
      return { ...state, status: 'expired', suspension: null, suspensionProposal: null };
    case 'CycleRenewed': {
      const certificate = state.nextCertificate ?? state.certificate;
      return {
        ...state,
        ...freshProcedure,
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
    }
    case 'ComplaintReceived':
      return {
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
      };
    case 'ComplaintAcknowledged':
      return updateComplaint(state, event.data.complaintId, { status: 'acknowledged' });
    case 'ComplaintInvestigatorAssigned':
      return updateComplaint(state, event.data.complaintId, {
        status: 'under_investigation',
        investigatorId: event.data.investigatorId,
      });
    case 'ComplaintDecided':
      return updateComplaint(state, event.data.complaintId, {
        status: 'decided',
        outcome: event.data.outcome,
        followUp: event.data.followUp,
      });
    case 'ComplaintClosed':
      return {
        ...state,
        complaints: state.complaints.filter((complaint) => complaint.complaintId !== event.data.complaintId),
      };
    default:
      return assertNever(event);
  }
}

function withMember(list: string[], member: string): string[] {
  return list.includes(member) ? list : [...list, member];
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
