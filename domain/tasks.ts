import type { Role } from './roles';
import {
  type AccreditationCase,
  type AccreditationState,
  auditPhase,
  excludedDeciders,
  holdsCertificate,
  openReviewGaps,
} from './state';

export type TaskKind =
  | 'submit_application'
  | 'review_application'
  | 'answer_request'
  | 'assign_document_reviewer'
  | 'complete_document_review'
  | 'assign_lead_auditor'
  | 'set_audit_date'
  | 'complete_audit_element'
  | 'verify_review_gap'
  | 'submit_corrective_action_evidence'
  | 'verify_corrective_action'
  | 'submit_action_plan'
  | 'accept_action_plan'
  | 'decide_accreditation'
  | 'submit_self_assessment'
  | 'review_self_assessment'
  | 'decide_suspension_proposal'
  | 'apply_for_renewal'
  | 'end_suspension'
  | 'reinstate'
  | 'decide_lapse'
  | 'acknowledge_complaint'
  | 'assign_complaint_investigator'
  | 'decide_complaint'
  | 'close_complaint'
  | 'decide_appeal';

export interface Task {
  /** Unique among the open tasks of the case. */
  id: string;
  kind: TaskKind;
  assigneeRole: Role;
  /** The user, or for organisation tasks the organisation; null when anyone with the role may act. */
  assigneeId: string | null;
  dueAt: string | null;
  /** What the task is about: the accreditation, a request, finding, element, self-assessment or complaint. */
  subjectId: string;
  /** People who have the role but may not take the task (four-eyes principle). */
  excludedUserIds?: string[];
}

/** The human tasks open in this state, for the task inbox projection. */
export function openTasks(state: AccreditationState): Task[] {
  if (state.status === 'none') return [];
  const list = taskList(state);
  procedureTasks(state, list);
  certificateTasks(state, list);
  complaintTasks(state, list);
  for (const appeal of state.appeals ?? []) {
    list.tasks.push({
      id: `decide_appeal:${appeal.appealId}`,
      kind: 'decide_appeal',
      assigneeRole: 'decision_maker',
      assigneeId: appeal.handlerId,
      dueAt: appeal.decideBy,
      subjectId: appeal.appealId,
      excludedUserIds: appeal.excludedUserIds,
    });
  }
  return list.tasks;
}

function taskList(state: AccreditationCase) {
  const tasks: Task[] = [];
  const add = (
    kind: TaskKind,
    assigneeRole: Role,
    assigneeId: string | null,
    subjectId: string,
    dueAt?: string,
  ) =>
    tasks.push({
      id: `${kind}:${subjectId}`,
      kind,
      assigneeRole,
      assigneeId,
      dueAt: dueAt ?? null,
      subjectId,
    });
  /** For the decision maker who holds the case's decisions, or (none yet) the queue: any who did not audit it. */
  const forDecisionMaker = (kind: TaskKind, subjectId: string, dueAt?: string) =>
    tasks.push({
      id: `${kind}:${subjectId}`,
      kind,
      assigneeRole: 'decision_maker',
      assigneeId: state.decisionMakerId ?? null,
      dueAt: dueAt ?? null,
      subjectId,
      excludedUserIds: excludedDeciders(state),
    });
  return {
    tasks,
    add,
    forDecisionMaker,
    forOrganisation: (kind: TaskKind, subjectId: string, dueAt?: string) =>
      add(kind, 'organisation', state.organisationId, subjectId, dueAt),
    forCaseManager: (kind: TaskKind, subjectId: string, dueAt?: string) =>
      add(kind, 'staff', state.caseManagerId, subjectId, dueAt),
    forLeadAuditor: (kind: TaskKind, subjectId: string, dueAt?: string) =>
      add(kind, 'auditor', state.leadAuditor?.auditorId ?? null, subjectId, dueAt),
  };
}
type TaskList = ReturnType<typeof taskList>;

function procedureTasks(
  state: AccreditationCase,
  { add, forOrganisation, forCaseManager, forLeadAuditor, forDecisionMaker }: TaskList,
) {
  const { accreditationId: caseId, openRequest } = state;
  // A special audit's steps are the auditor's and the organisation's tasks as in a procedure's.
  switch (auditPhase(state)) {
    case 'opened':
      forOrganisation('submit_application', caseId);
      break;
    case 'application_review':
      forCaseManager('review_application', caseId);
      break;
    case 'document_review':
      if (state.documentReviewerId) {
        add(
          'complete_document_review',
          'auditor',
          state.documentReviewerId,
          caseId,
          state.documentReviewDueBy,
        );
      } else {
        forCaseManager('assign_document_reviewer', caseId);
      }
      break;
    case 'audit_planning':
      if (!state.leadAuditor) forCaseManager('assign_lead_auditor', caseId);
      else if (!state.auditDate) forLeadAuditor('set_audit_date', caseId, state.leadAuditor.auditDateDueBy);
      break;
    case 'audit':
    case 'corrective_actions':
      for (const element of state.auditElements) {
        if (!state.completedAuditElements.includes(element))
          forLeadAuditor('complete_audit_element', element, state.auditReportDueBy);
      }
      // Verified in an audit element's report: found closed, or reported as a finding.
      for (const gap of openReviewGaps(state)) {
        forLeadAuditor('verify_review_gap', gap.requirementId, state.auditReportDueBy);
      }
      for (const finding of state.findings) {
        const { findingId, severity, status, correctiveActionDueBy, actionPlanDueBy, verifyBy } = finding;
        if (severity === 'major' && status === 'open') {
          forOrganisation('submit_corrective_action_evidence', findingId, correctiveActionDueBy);
        }
        if (severity === 'major' && status === 'awaiting_verification') {
          forLeadAuditor('verify_corrective_action', findingId, verifyBy);
        }
        if (severity === 'minor' && status === 'open')
          forOrganisation('submit_action_plan', findingId, actionPlanDueBy);
        if (severity === 'minor' && status === 'awaiting_verification')
          forLeadAuditor('accept_action_plan', findingId, verifyBy);
      }
      break;
    case 'awaiting_decision':
      forDecisionMaker('decide_accreditation', caseId);
      break;
  }
  if (openRequest && (state.status === 'awaiting_applicant' || state.status === 'document_review')) {
    forOrganisation('answer_request', openRequest.requestId, openRequest.respondBy);
  }
  if (state.lapseProposal) forDecisionMaker('decide_lapse', state.lapseProposal.proposalId);
}

function certificateTasks(
  state: AccreditationCase,
  { forOrganisation, forCaseManager, forDecisionMaker }: TaskList,
) {
  if (!holdsCertificate(state)) return;
  for (const { selfAssessmentId: id, status, dueAt, followUpDueBy } of state.selfAssessments) {
    // Shown from the first reminder on, although it may be submitted from `opensAt`.
    const reminded = state.firedTimerIds.some((timerId) => timerId.startsWith(`${id}:`));
    if ((status === 'pending' && reminded) || status === 'follow_up_requested') {
      forOrganisation(
        'submit_self_assessment',
        id,
        status === 'follow_up_requested' ? (followUpDueBy ?? dueAt) : dueAt,
      );
    }
    if (status === 'submitted') forCaseManager('review_self_assessment', id);
  }
  const proposal = state.suspensionProposal;
  if (proposal?.decider === 'decision_maker')
    forDecisionMaker('decide_suspension_proposal', proposal.proposalId);
  else if (proposal) forCaseManager('decide_suspension_proposal', proposal.proposalId);
  if (state.status === 'accredited' && state.renewal?.status === 'window_open' && state.certificate) {
    forOrganisation('apply_for_renewal', state.certificate.certificateNumber, state.certificate.validUntil);
  }
  const suspension = state.status === 'suspended' ? state.suspension : null;
  if (suspension) forCaseManager('end_suspension', suspension.suspensionId, suspension.reinstateBy);
  // The cause is cured: whoever decided the suspension decides the reinstatement.
  if (suspension?.causeCured && suspension.decidedBy) {
    forDecisionMaker('reinstate', suspension.suspensionId, suspension.reinstateBy);
  } else if (suspension?.causeCured) {
    forCaseManager('reinstate', suspension.suspensionId, suspension.reinstateBy);
  }
}

function complaintTasks(state: AccreditationCase, { add, forCaseManager }: TaskList) {
  for (const complaint of state.complaints) {
    const { complaintId } = complaint;
    switch (complaint.status) {
      case 'received':
        forCaseManager('acknowledge_complaint', complaintId, complaint.acknowledgeBy);
        break;
      case 'acknowledged':
        forCaseManager('assign_complaint_investigator', complaintId);
        break;
      case 'under_investigation':
        add('decide_complaint', 'staff', complaint.investigatorId, complaintId);
        break;
      case 'decided':
        forCaseManager('close_complaint', complaintId);
        break;
    }
  }
}
