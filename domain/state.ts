import type {
  AppealableDecision,
  AppealResumeStatus,
  ComplaintFollowUp,
  ComplaintOutcome,
  DeadlineTarget,
  DocumentReviewResult,
  ReportedFinding,
  ReviewGap,
  ScheduledSelfAssessment,
} from './events';
import type { Policy } from './policy';

import { type CaseStatus, procedureStatuses } from './statuses';

export { type CaseStatus, caseStatuses, procedureStatuses } from './statuses';

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
  /** Rule set 4: the audit date must be set by then. */
  auditDateDueBy?: string;
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

/** A gap of the document review on its way through the audit: open, found closed, or taken over by a finding. */
export interface ReviewGapCheck extends ReviewGap {
  status: 'open' | 'closed' | 'finding';
  /** With `finding`: the finding that took the gap over. */
  findingId?: string;
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
  /** Rule set 4: while a follow-up is requested, the answer is due by then. */
  followUpDueBy?: string;
}

export interface SuspensionProposal {
  proposalId: string;
  /** The cause: an overdue self-assessment or (rule set 5) a special audit's major finding. */
  selfAssessmentId?: string;
  specialAuditId?: string;
  /** Rule set 6: a complaint's decided suspension. */
  complaintId?: string;
  reason: string;
  /** Who decides it: a decision maker from the queue (rule set 3), or staff (absent: staff). */
  decider?: 'decision_maker' | 'staff';
}

/** A lapsed deadline's refusal or rejection, proposed to a decision maker (rule set 3). */
export interface LapseProposal {
  proposalId: string;
  timerId: string;
  outcome: 'rejection' | 'refusal';
  target: DeadlineTarget;
  dueAt: string;
  reasons: string[];
}

/** The audit steps a special audit has reached (rule set 5); the case's status stays as it was. */
export type SpecialAuditPhase = 'audit_planning' | 'audit' | 'corrective_actions';

/** A special audit (ISO/IEC 17021-1 §9.6.4) running beside a valid or suspended certificate. */
export interface SpecialAudit {
  specialAuditId: string;
  reason: string;
  complaintId?: string;
  scopeChangeId?: string;
  scheduledAt: string;
  phase: SpecialAuditPhase;
}

export interface Suspension {
  suspensionId: string;
  since: string;
  reinstateBy: string;
  reason: string;
  /** Where reinstatement returns to: accredited, or the step of a running renewal. */
  resumeStatus: CaseStatus;
  /** The overdue self-assessment that led to it, when it followed a proposal. */
  selfAssessmentId?: string;
  /** The special audit whose major finding led to it (rule set 5); its closing cures the cause. */
  specialAuditId?: string;
  /** The decision maker who confirmed the proposal (rule set 3); they decide the reinstatement. */
  decidedBy?: string;
  /** What led to it has been cured (the late self-assessment accepted): reinstatement is due. */
  causeCured?: boolean;
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

/** A decision that may be appealed (rule set 4) while its window is open. */
export interface AppealWindow {
  decisionId: string;
  against: AppealableDecision;
  decidedBy?: string;
  until: string;
  resumeStatus?: AppealResumeStatus;
  status: 'open' | 'appealed' | 'closed';
}

export interface Appeal {
  appealId: string;
  decisionId: string;
  against: AppealableDecision;
  lodgedAt: string;
  decideBy: string;
  excludedUserIds: string[];
  /** The decision maker who took it or whom staff gave it; null: it waits in the queue. */
  handlerId: string | null;
}

export interface AccreditationCase {
  status: CaseStatus;
  accreditationId: string;
  organisationId: string;
  organisationName: string;
  scope: string;
  /**
   * The edition's fields of application the case covers. This and `reviewGaps` are absent in states
   * written before they existed (a run continued as new, the projection's stored state): read them
   * with `?? []`.
   */
  technicalAreas?: string[];
  caseManagerId: string;
  edition: string;
  policy: Policy;
  cycle: number;
  /** Audit-phase elements of the edition's catalogue; all must be completed before a grant. */
  auditElements: string[];
  openRequest: OpenRequest | null;
  documentReviewerId: string | null;
  documentReview: DocumentReviewResult[] | null;
  /** Gaps of this cycle's document review referred to the audit; none are open at a grant. */
  reviewGaps?: ReviewGapCheck[];
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
  /** Absent in states written before rule set 3. */
  lapseProposal?: LapseProposal | null;
  /**
   * Deadlines (their first timer's id) that lapsed and were extended: their timer runs again, under
   * an id that names the new date (a timer's id keys the events it causes, so it must be new).
   */
  extendedAfterLapse?: string[];
  /**
   * The decision maker who took the case's pending decisions from the queue or whom staff gave
   * them (rule set 3); absent or null: the decisions wait in the queue.
   */
  decisionMakerId?: string | null;
  renewal: { status: 'window_open' | 'applied' | 'granted' | 'refused' } | null;
  suspension: Suspension | null;
  /** A special audit not yet closed (rule set 5); absent before. */
  specialAudit?: SpecialAudit | null;
  /** Complaints not yet closed. */
  complaints: Complaint[];
  /** Decisions that were open to appeal (rule set 4); absent before. */
  appealWindows?: AppealWindow[];
  /** Appeals not yet decided. */
  appeals?: Appeal[];
  /**
   * Decision makers who may not take the case's decision besides its auditors: who decided a
   * refusal that was appealed, and who decided the appeal (ISO/IEC 17021-1 §9.7).
   */
  excludedFromDecision?: string[];
  /** Counters for deterministic ids; all but `complaints` restart with each cycle. */
  issued: {
    requests: number;
    leadAuditorAssignments: number;
    findings: number;
    suspensions: number;
    complaints: number;
    /** Rule set 5; absent before. Not restarted with a cycle (the ids name the cycle anyway). */
    specialAudits?: number;
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

/** Which audit step the case is at: a running special audit's, else the case's own status. */
export function auditPhase(state: AccreditationCase): CaseStatus {
  return state.specialAudit?.phase ?? state.status;
}

export function isInGoodStanding(state: AccreditationCase): boolean {
  return holdsCertificate(state) && state.status !== 'suspended';
}

/** Nothing is left to happen: the workflow may end once it has drained its handlers. */
export function isFinished(state: AccreditationState): boolean {
  return (
    (state.status === 'refused' || state.status === 'withdrawn' || state.status === 'expired') &&
    state.complaints.length === 0 &&
    !awaitsAppeal(state)
  );
}

/** A decision may still be appealed, or an appeal waits for its decision (rule set 4). */
export function awaitsAppeal(state: AccreditationCase): boolean {
  return (state.appeals ?? []).length > 0 || (state.appealWindows ?? []).some((w) => w.status === 'open');
}

/** Who may not decide on the case (four-eyes principle, and the deciders of an upheld appeal). */
export function excludedDeciders(state: AccreditationCase): string[] {
  return [...state.auditorsInvolved, ...(state.excludedFromDecision ?? [])];
}

export type PendingDecision = 'accreditation' | 'lapse' | 'suspension_proposal' | 'reinstatement';

/** What waits for a decision maker: the queue's entry for this case, empty when nothing does. */
export function pendingDecisions(state: AccreditationCase): PendingDecision[] {
  const pending: PendingDecision[] = [];
  if (state.status === 'awaiting_decision') pending.push('accreditation');
  if (state.lapseProposal) pending.push('lapse');
  if (state.suspensionProposal?.decider === 'decision_maker') pending.push('suspension_proposal');
  if (state.status === 'suspended' && state.suspension?.causeCured && state.suspension.decidedBy) {
    pending.push('reinstatement');
  }
  return pending;
}

/**
 * Whether a decision maker may take the case's decisions: one waits in the queue, or a procedure
 * runs (it may be refused at any step; the grant says what is still missing).
 */
export function isDecisionOpen(state: AccreditationCase): boolean {
  return (
    pendingDecisions(state).length > 0 || (procedureStatuses as readonly CaseStatus[]).includes(state.status)
  );
}

export function openReviewGaps(state: AccreditationCase): ReviewGapCheck[] {
  return (state.reviewGaps ?? []).filter((gap) => gap.status === 'open');
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
