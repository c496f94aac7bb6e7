import { type Catalogue, findCatalogue } from './catalogue';
import { isValidCertificateNumber } from './certificate-number';
import type { Command, CommandContext, CommandOf, CommandType } from './commands';
import { addDuration, type Duration, isBefore, multiplyDuration, subtractDuration, toIso } from './duration';
import type { AccreditationEvent, DeadlineTarget, Recipient, ScheduledSelfAssessment } from './events';
import { commandPermits, type PermitKind, permitRoles } from './permissions';
import { defaultPolicy } from './policy';
import {
  type AccreditationCase,
  type AccreditationState,
  assertNever,
  type CaseStatus,
  holdsCertificate,
  isInGoodStanding,
  procedureStatuses,
} from './state';
import { dueTimers, type Timer } from './timers';

export const rejectionCodes = [
  'invalid_transition',
  'not_authorised',
  'not_own_case',
  'not_assigned',
  'four_eyes_violation',
  'unknown_edition',
  'application_items_missing',
  'unknown_application_item',
  'duplicate_application_item',
  'unknown_request',
  'request_already_open',
  'response_deadline_passed',
  'conflict_of_interest_not_declared',
  'requirements_missing',
  'unknown_requirement',
  'duplicate_requirement',
  'lead_auditor_not_assigned',
  'auditor_objected',
  'audit_date_in_past',
  'objection_window_closed',
  'unknown_audit_element',
  'audit_element_already_completed',
  'unknown_finding',
  'wrong_finding_severity',
  'corrective_action_deadline_passed',
  'unknown_deadline',
  'deadline_not_later',
  'deadline_in_past',
  'audit_incomplete',
  'open_major_findings',
  'action_plans_not_accepted',
  'invalid_certificate_number',
  'certificate_number_reused',
  'unknown_self_assessment',
  'self_assessment_not_open',
  'unknown_suspension_proposal',
  'renewal_window_not_open',
  'renewal_already_applied',
  'renewal_refused',
  'unknown_complaint',
  'investigator_not_independent',
  'unknown_timer',
  'timer_not_due',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

export interface Rejection {
  code: RejectionCode;
  message: string;
}

export type Decision = { ok: true; events: AccreditationEvent[] } | { ok: false; rejection: Rejection };

const accept = (...events: AccreditationEvent[]): Decision => ({ ok: true, events });
const reject = (code: RejectionCode, message: string): Decision => ({
  ok: false,
  rejection: { code, message },
});

type CaseCommandType = Exclude<CommandType, 'OpenAccreditation'>;
type Availability = (state: AccreditationCase) => boolean;

const inStatus =
  (...statuses: readonly CaseStatus[]): Availability =>
  (state) =>
    statuses.includes(state.status);
const always: Availability = () => true;
const duringCorrectiveActions = inStatus('audit', 'corrective_actions');

/** In which states each command can be given at all; the handlers then check who gives it and with what. */
const availability: Record<CaseCommandType, Availability> = {
  AssignCaseManager: always,
  SubmitApplication: inStatus('opened'),
  RequestInformation: inStatus('application_review'),
  ProvideInformation: inStatus('awaiting_applicant', 'document_review'),
  AcceptApplication: inStatus('application_review'),
  RejectApplication: inStatus('application_review', 'awaiting_applicant'),
  AssignDocumentReviewer: inStatus('document_review'),
  RequestDocuments: inStatus('document_review'),
  CompleteDocumentReview: inStatus('document_review'),
  AssignLeadAuditor: inStatus('audit_planning'),
  SetAuditDate: inStatus('audit_planning', 'audit'),
  ObjectToAuditor: inStatus('audit_planning'),
  CompleteAuditElement: inStatus('audit'),
  SubmitActionPlan: duringCorrectiveActions,
  AcceptActionPlan: duringCorrectiveActions,
  SubmitCorrectiveActionEvidence: duringCorrectiveActions,
  VerifyCorrectiveAction: duringCorrectiveActions,
  ExtendDeadline: (state) =>
    inStatus('awaiting_applicant', 'document_review', 'audit', 'corrective_actions')(state) ||
    isInGoodStanding(state),
  // Grant is available before the audit is finished so that the rejection can say what is missing.
  Grant: inStatus('audit', 'corrective_actions', 'awaiting_decision'),
  Refuse: inStatus(...procedureStatuses),
  SubmitSelfAssessment: holdsCertificate,
  ReviewSelfAssessment: holdsCertificate,
  ConfirmSuspensionProposal: isInGoodStanding,
  RejectSuspensionProposal: isInGoodStanding,
  ApplyForRenewal: inStatus('accredited'),
  Suspend: isInGoodStanding,
  Reinstate: inStatus('suspended'),
  Withdraw: holdsCertificate,
  // Complaints may concern an organisation in any state, e.g. one using the DIM label after withdrawal (§7).
  ReceiveComplaint: always,
  AcknowledgeComplaint: always,
  AssignComplaintInvestigator: always,
  DecideComplaint: always,
  CloseComplaint: always,
  ElapseTimer: always,
};

export function isCommandAvailable(type: CommandType, state: AccreditationState): boolean {
  if (state.status === 'none') return type === 'OpenAccreditation';
  return type !== 'OpenAccreditation' && availability[type](state);
}

export function decide(command: Command, state: AccreditationState, context: CommandContext): Decision {
  if (!isCommandAvailable(command.type, state)) {
    const where =
      state.status === 'none' ? 'before the accreditation is opened' : `while it is ${state.status}`;
    return reject('invalid_transition', `${command.type} is not possible ${where}`);
  }
  if (command.type === 'OpenAccreditation') return openAccreditation(command, context);
  if (state.status === 'none') {
    return reject('invalid_transition', `${command.type} needs an opened accreditation`);
  }
  return decideOnCase(command, state, context);
}

function decideOnCase(
  command: Exclude<Command, { type: 'OpenAccreditation' }>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  switch (command.type) {
    case 'AssignCaseManager':
      return assignCaseManager(command, state, context);
    case 'SubmitApplication':
      return submitApplication(command, state, context);
    case 'RequestInformation':
      return requestInformation(command, state, context);
    case 'ProvideInformation':
      return provideInformation(command, state, context);
    case 'AcceptApplication':
      return acceptApplication(command, state, context);
    case 'RejectApplication':
      return rejectApplication(command, state, context);
    case 'AssignDocumentReviewer':
      return assignDocumentReviewer(command, state, context);
    case 'RequestDocuments':
      return requestDocuments(command, state, context);
    case 'CompleteDocumentReview':
      return completeDocumentReview(command, state, context);
    case 'AssignLeadAuditor':
      return assignLeadAuditor(command, state, context);
    case 'SetAuditDate':
      return setAuditDate(command, state, context);
    case 'ObjectToAuditor':
      return objectToAuditor(command, state, context);
    case 'CompleteAuditElement':
      return completeAuditElement(command, state, context);
    case 'SubmitActionPlan':
      return submitActionPlan(command, state, context);
    case 'AcceptActionPlan':
      return acceptActionPlan(command, state, context);
    case 'SubmitCorrectiveActionEvidence':
      return submitCorrectiveActionEvidence(command, state, context);
    case 'VerifyCorrectiveAction':
      return verifyCorrectiveAction(command, state, context);
    case 'ExtendDeadline':
      return extendDeadline(command, state, context);
    case 'Grant':
      return grant(command, state, context);
    case 'Refuse':
      return refuse(command, state, context);
    case 'SubmitSelfAssessment':
      return submitSelfAssessment(command, state, context);
    case 'ReviewSelfAssessment':
      return reviewSelfAssessment(command, state, context);
    case 'ConfirmSuspensionProposal':
      return confirmSuspensionProposal(command, state, context);
    case 'RejectSuspensionProposal':
      return rejectSuspensionProposal(command, state, context);
    case 'ApplyForRenewal':
      return applyForRenewal(command, state, context);
    case 'Suspend':
      return suspend(command, state, context);
    case 'Reinstate':
      return reinstate(command, state, context);
    case 'Withdraw':
      return withdraw(command, state, context);
    case 'ReceiveComplaint':
      return receiveComplaint(command, state, context);
    case 'AcknowledgeComplaint':
      return acknowledgeComplaint(command, state, context);
    case 'AssignComplaintInvestigator':
      return assignComplaintInvestigator(command, state, context);
    case 'DecideComplaint':
      return decideComplaint(command, state, context);
    case 'CloseComplaint':
      return closeComplaint(command, state, context);
    case 'ElapseTimer':
      return elapseTimer(command, state, context);
    default:
      return assertNever(command);
  }
}

// ─── who may act ─────────────────────────────────────────────────────────────────────────────────

/** Who in particular the case has assigned, for the permits that name a person. */
interface Assignees {
  auditor?: string | null;
  investigator?: string | null;
}

function holdsPermit(permit: PermitKind, context: CommandContext): boolean {
  return permitRoles[permit].includes(context.actor.role);
}

function isPermitted(
  permit: PermitKind,
  context: CommandContext,
  state: AccreditationCase | null,
  assignees: Assignees,
): boolean {
  if (!holdsPermit(permit, context)) return false;
  const { actor } = context;
  if (permit === 'organisation') return state !== null && actor.organisationId === state.organisationId;
  if (permit === 'assigned_auditor') return actor.id === assignees.auditor;
  if (permit === 'investigator') return actor.id === assignees.investigator;
  return true;
}

/**
 * Undefined when one of the command's permits (`commandPermits`, shared with the API) lets the
 * actor act, otherwise the rejection that explains why not.
 */
function authorise(
  type: CommandType,
  context: CommandContext,
  state: AccreditationCase | null,
  assignees: Assignees = {},
): Decision | undefined {
  const permits = commandPermits[type];
  if (permits.some((permit) => isPermitted(permit, context, state, assignees))) return undefined;
  const { actor } = context;
  const withRole = permits.filter((permit) => holdsPermit(permit, context));
  if (withRole.includes('organisation')) {
    return reject('not_own_case', `${actor.id} acts for another organisation than this case's`);
  }
  if (withRole.some((permit) => permit === 'assigned_auditor' || permit === 'investigator')) {
    return reject('not_assigned', `${actor.id} is not assigned to ${type} on this case`);
  }
  return reject('not_authorised', `A ${actor.role} may not ${type}`);
}

/** Four-eyes principle: nobody who audited the case in this cycle decides on it. */
function forbidAuditors(context: CommandContext, state: AccreditationCase): Decision | undefined {
  if (!state.auditorsInvolved.includes(context.actor.id)) return undefined;
  return reject('four_eyes_violation', `${context.actor.id} audited this case and may not decide on it`);
}

// ─── shared helpers ──────────────────────────────────────────────────────────────────────────────

function catalogueOf(state: AccreditationCase): Catalogue {
  const catalogue = findCatalogue(state.edition);
  if (!catalogue) throw new Error(`No catalogue for edition ${state.edition}`);
  return catalogue;
}

function compareIds(given: string[], expected: string[]) {
  return {
    unknown: given.filter((id) => !expected.includes(id)),
    duplicates: given.filter((id, index) => given.indexOf(id) !== index),
    missing: expected.filter((id) => !given.includes(id)),
  };
}

const organisationOf = (state: AccreditationCase): Recipient => ({
  role: 'organisation',
  organisationId: state.organisationId,
});
const caseManagerOf = (state: AccreditationCase): Recipient => ({
  role: 'staff',
  userId: state.caseManagerId,
});

function findFinding(state: AccreditationCase, findingId: string, severity: 'major' | 'minor') {
  const finding = state.findings.find((candidate) => candidate.findingId === findingId);
  if (!finding) return { rejection: reject('unknown_finding', `There is no finding ${findingId}`) };
  if (finding.severity !== severity) {
    return {
      rejection: reject(
        'wrong_finding_severity',
        `Finding ${findingId} is ${finding.severity}, not ${severity}`,
      ),
    };
  }
  return { finding };
}

function findSelfAssessment(state: AccreditationCase, selfAssessmentId: string) {
  return state.selfAssessments.find((candidate) => candidate.selfAssessmentId === selfAssessmentId);
}

function findComplaint(state: AccreditationCase, complaintId: string) {
  return state.complaints.find((candidate) => candidate.complaintId === complaintId);
}

const unknownComplaint = (complaintId: string) =>
  reject('unknown_complaint', `There is no open complaint ${complaintId}`);

function suspension(state: AccreditationCase, context: CommandContext, reason: string) {
  return {
    suspensionId: `cycle-${state.cycle}:suspension-${state.issued.suspensions + 1}`,
    reason,
    suspendedAt: context.now,
    reinstateBy: addDuration(context.now, state.policy.maximumSuspension),
  };
}

// ─── opening and application ─────────────────────────────────────────────────────────────────────

function openAccreditation(command: CommandOf<'OpenAccreditation'>, context: CommandContext): Decision {
  const denied = authorise(command.type, context, null);
  if (denied) return denied;
  const { policy, ...data } = command.data;
  if (!findCatalogue(data.edition)) {
    return reject('unknown_edition', `There is no catalogue for edition ${data.edition}`);
  }
  return accept({
    type: 'AccreditationOpened',
    data: { ...data, policy: policy ?? defaultPolicy, openedAt: context.now },
  });
}

function assignCaseManager(
  command: CommandOf<'AssignCaseManager'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  return (
    authorise(command.type, context, state) ?? accept({ type: 'CaseManagerAssigned', data: command.data })
  );
}

function submitApplication(
  command: CommandOf<'SubmitApplication'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const expected = catalogueOf(state).applicationItems.map((item) => item.id);
  const { unknown, duplicates, missing } = compareIds(
    command.data.items.map((item) => item.itemId),
    expected,
  );
  if (unknown.length > 0) {
    return reject('unknown_application_item', `Unknown application items: ${unknown.join(', ')}`);
  }
  if (duplicates.length > 0) {
    return reject('duplicate_application_item', `Application items given twice: ${duplicates.join(', ')}`);
  }
  if (missing.length > 0) {
    return reject('application_items_missing', `Application items missing: ${missing.join(', ')}`);
  }
  return accept({
    type: 'ApplicationSubmitted',
    data: { items: command.data.items, submittedAt: context.now },
  });
}

function nextRequest(state: AccreditationCase, context: CommandContext) {
  return {
    requestId: `cycle-${state.cycle}:request-${state.issued.requests + 1}`,
    respondBy: addDuration(context.now, state.policy.informationRequestResponseDeadline),
  };
}

function requestInformation(
  command: CommandOf<'RequestInformation'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  return accept({
    type: 'InformationRequested',
    data: { ...nextRequest(state, context), questions: command.data.questions },
  });
}

function provideInformation(
  command: CommandOf<'ProvideInformation'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const request = state.openRequest;
  if (!request || request.requestId !== command.data.requestId) {
    return reject('unknown_request', `There is no open request ${command.data.requestId}`);
  }
  if (isBefore(request.respondBy, context.now)) {
    return reject('response_deadline_passed', `The answer was due by ${request.respondBy}`);
  }
  return accept({ type: 'InformationProvided', data: command.data });
}

function acceptApplication(
  command: CommandOf<'AcceptApplication'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  return (
    authorise(command.type, context, state) ??
    accept({ type: 'ApplicationAccepted', data: { acceptedBy: context.actor.id } })
  );
}

function rejectApplication(
  command: CommandOf<'RejectApplication'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  return (
    authorise(command.type, context, state) ??
    accept({
      type: 'ApplicationRejected',
      data: { reasons: command.data.reasons, rejectedBy: context.actor.id },
    })
  );
}

// ─── document review and audit planning ──────────────────────────────────────────────────────────

function declaredFree(auditorId: string, declared: boolean): Decision | undefined {
  if (declared) return undefined;
  return reject(
    'conflict_of_interest_not_declared',
    `${auditorId} has not declared freedom from conflicts of interest`,
  );
}

/** `{ [field]: from + the deadline }` when the case's policy gives auditors deadlines, else nothing. */
function auditorDueDate<Field extends string>(
  state: AccreditationCase,
  from: string,
  deadline: 'documentReview' | 'auditReport' | 'verification',
  field: Field,
): Partial<Record<Field, string>> {
  const period = state.policy.auditorDeadlines?.[deadline];
  if (!period) return {};
  return { [field]: addDuration(from, period) } as Partial<Record<Field, string>>;
}

function assignDocumentReviewer(
  command: CommandOf<'AssignDocumentReviewer'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const { auditorId, conflictOfInterestDeclaredFree } = command.data;
  return (
    authorise(command.type, context, state) ??
    declaredFree(auditorId, conflictOfInterestDeclaredFree) ??
    accept({
      type: 'DocumentReviewerAssigned',
      data: {
        auditorId,
        conflictOfInterestDeclaredFree: true,
        ...auditorDueDate(state, context.now, 'documentReview', 'reviewDueBy'),
      },
    })
  );
}

function requestDocuments(
  command: CommandOf<'RequestDocuments'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state, { auditor: state.documentReviewerId });
  if (denied) return denied;
  if (state.openRequest) {
    return reject(
      'request_already_open',
      `Request ${state.openRequest.requestId} is still waiting for an answer`,
    );
  }
  return accept({
    type: 'DocumentsRequested',
    data: { ...nextRequest(state, context), documents: command.data.documents },
  });
}

function completeDocumentReview(
  command: CommandOf<'CompleteDocumentReview'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state, { auditor: state.documentReviewerId });
  if (denied) return denied;
  const expected = catalogueOf(state).requirements.map((requirement) => requirement.id);
  const { unknown, duplicates, missing } = compareIds(
    command.data.results.map((result) => result.requirementId),
    expected,
  );
  if (unknown.length > 0) return reject('unknown_requirement', `Unknown requirements: ${unknown.join(', ')}`);
  if (duplicates.length > 0) {
    return reject('duplicate_requirement', `Assessed twice: ${duplicates.join(', ')}`);
  }
  if (missing.length > 0) return reject('requirements_missing', `Not assessed: ${missing.join(', ')}`);
  return accept({
    type: 'DocumentReviewCompleted',
    data: { reviewerId: context.actor.id, results: command.data.results },
  });
}

function assignLeadAuditor(
  command: CommandOf<'AssignLeadAuditor'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const { auditorId, conflictOfInterestDeclaredFree } = command.data;
  const denied =
    authorise(command.type, context, state) ?? declaredFree(auditorId, conflictOfInterestDeclaredFree);
  if (denied) return denied;
  if (state.objectedAuditorIds.includes(auditorId)) {
    return reject('auditor_objected', `The organisation has objected to ${auditorId}`);
  }
  return accept({
    type: 'LeadAuditorAssigned',
    data: {
      assignmentId: `cycle-${state.cycle}:lead-auditor-${state.issued.leadAuditorAssignments + 1}`,
      auditorId,
      conflictOfInterestDeclaredFree: true,
      objectionWindowEndsAt: addDuration(context.now, state.policy.auditorObjectionWindow),
    },
  });
}

function setAuditDate(
  command: CommandOf<'SetAuditDate'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state, {
    auditor: state.leadAuditor?.auditorId ?? null,
  });
  if (denied) return denied;
  if (!state.leadAuditor) {
    return reject('lead_auditor_not_assigned', 'Assign a lead auditor before setting the date');
  }
  if (command.data.auditDate < context.now.slice(0, 10)) {
    return reject('audit_date_in_past', `${command.data.auditDate} lies in the past`);
  }
  const auditDay = `${command.data.auditDate}T00:00:00.000Z`;
  return accept({
    type: 'AuditDateSet',
    data: { ...command.data, ...auditorDueDate(state, auditDay, 'auditReport', 'reportDueBy') },
  });
}

function objectToAuditor(
  command: CommandOf<'ObjectToAuditor'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const leadAuditor = state.leadAuditor;
  if (!leadAuditor) return reject('lead_auditor_not_assigned', 'There is no lead auditor to object to');
  if (leadAuditor.objectionWindowClosed || !isBefore(context.now, leadAuditor.objectionWindowEndsAt)) {
    return reject(
      'objection_window_closed',
      `Objections were possible until ${leadAuditor.objectionWindowEndsAt}`,
    );
  }
  return accept({
    type: 'AuditorObjected',
    data: {
      assignmentId: leadAuditor.assignmentId,
      auditorId: leadAuditor.auditorId,
      reason: command.data.reason,
    },
  });
}

// ─── audit and corrective actions ────────────────────────────────────────────────────────────────

function completeAuditElement(
  command: CommandOf<'CompleteAuditElement'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state, { auditor: state.leadAuditor?.auditorId ?? null });
  if (denied) return denied;
  const { element, findings } = command.data;
  if (!state.auditElements.includes(element)) {
    return reject('unknown_audit_element', `${element} is not one of ${state.auditElements.join(', ')}`);
  }
  if (state.completedAuditElements.includes(element)) {
    return reject('audit_element_already_completed', `${element} has already been reported`);
  }
  const requirementIds = catalogueOf(state).requirements.map((requirement) => requirement.id);
  const unknown = findings.filter((finding) => !requirementIds.includes(finding.requirementId));
  if (unknown.length > 0) {
    return reject(
      'unknown_requirement',
      `Unknown requirements: ${unknown.map((f) => f.requirementId).join(', ')}`,
    );
  }
  const correctiveActionDueBy = addDuration(context.now, state.policy.correctiveActionDeadline);
  return accept({
    type: 'AuditElementCompleted',
    data: {
      element,
      auditorId: context.actor.id,
      findings: findings.map((finding, index) => ({
        findingId: `cycle-${state.cycle}:finding-${state.issued.findings + index + 1}`,
        ...finding,
        ...(finding.severity === 'major' ? { correctiveActionDueBy } : {}),
      })),
    },
  });
}

function submitActionPlan(
  command: CommandOf<'SubmitActionPlan'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { finding, rejection } = findFinding(state, command.data.findingId, 'minor');
  if (rejection) return rejection;
  if (finding.status !== 'open') {
    return reject('invalid_transition', `Finding ${finding.findingId} already has an action plan`);
  }
  return accept({
    type: 'ActionPlanSubmitted',
    data: { ...command.data, ...auditorDueDate(state, context.now, 'verification', 'verifyBy') },
  });
}

function acceptActionPlan(
  command: CommandOf<'AcceptActionPlan'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state, { auditor: state.leadAuditor?.auditorId ?? null });
  if (denied) return denied;
  const { finding, rejection } = findFinding(state, command.data.findingId, 'minor');
  if (rejection) return rejection;
  if (finding.status !== 'awaiting_verification') {
    return reject(
      'invalid_transition',
      `Finding ${finding.findingId} has no action plan waiting for acceptance`,
    );
  }
  return accept({
    type: 'ActionPlanAccepted',
    data: { findingId: finding.findingId, acceptedBy: context.actor.id },
  });
}

function submitCorrectiveActionEvidence(
  command: CommandOf<'SubmitCorrectiveActionEvidence'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { finding, rejection } = findFinding(state, command.data.findingId, 'major');
  if (rejection) return rejection;
  if (finding.status !== 'open') {
    return reject('invalid_transition', `Finding ${finding.findingId} is not waiting for evidence`);
  }
  if (finding.correctiveActionDueBy && isBefore(finding.correctiveActionDueBy, context.now)) {
    return reject(
      'corrective_action_deadline_passed',
      `Evidence was due by ${finding.correctiveActionDueBy}`,
    );
  }
  return accept({
    type: 'CorrectiveActionEvidenceSubmitted',
    data: { ...command.data, ...auditorDueDate(state, context.now, 'verification', 'verifyBy') },
  });
}

function verifyCorrectiveAction(
  command: CommandOf<'VerifyCorrectiveAction'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state, { auditor: state.leadAuditor?.auditorId ?? null });
  if (denied) return denied;
  const { finding, rejection } = findFinding(state, command.data.findingId, 'major');
  if (rejection) return rejection;
  if (finding.status !== 'awaiting_verification') {
    return reject(
      'invalid_transition',
      `Finding ${finding.findingId} has no evidence waiting for verification`,
    );
  }
  return accept({
    type: 'CorrectiveActionVerified',
    data: { ...command.data, verifiedBy: context.actor.id },
  });
}

function currentDueAt(state: AccreditationCase, target: DeadlineTarget): string | undefined {
  switch (target.kind) {
    case 'information_request':
      return state.openRequest?.requestId === target.id ? state.openRequest.respondBy : undefined;
    case 'corrective_action': {
      if (!duringCorrectiveActions(state)) return undefined;
      const finding = state.findings.find((candidate) => candidate.findingId === target.id);
      return finding?.status !== 'resolved' ? finding?.correctiveActionDueBy : undefined;
    }
    case 'self_assessment': {
      const selfAssessment = findSelfAssessment(state, target.id);
      return isInGoodStanding(state) && selfAssessment?.status === 'pending'
        ? selfAssessment.dueAt
        : undefined;
    }
    default:
      return assertNever(target.kind);
  }
}

function extendDeadline(
  command: CommandOf<'ExtendDeadline'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { target, newDueAt, reason } = command.data;
  const previousDueAt = currentDueAt(state, target);
  if (!previousDueAt) {
    return reject('unknown_deadline', `There is no running ${target.kind} deadline for ${target.id}`);
  }
  if (!isBefore(previousDueAt, newDueAt)) {
    return reject(
      'deadline_not_later',
      `${newDueAt} is not later than the current deadline ${previousDueAt}`,
    );
  }
  if (!isBefore(context.now, newDueAt)) return reject('deadline_in_past', `${newDueAt} lies in the past`);
  return accept({
    type: 'DeadlineExtended',
    data: { target, previousDueAt, newDueAt: toIso(newDueAt), reason },
  });
}

// ─── decision ────────────────────────────────────────────────────────────────────────────────────

function selfAssessmentSchedule(
  cycle: number,
  validFrom: string,
  validUntil: string,
  interval: Duration,
): ScheduledSelfAssessment[] {
  const schedule: ScheduledSelfAssessment[] = [];
  // Counted from the start each time rather than chained, so month-end clamping never drifts.
  for (let number = 1; ; number++) {
    const dueAt = addDuration(validFrom, multiplyDuration(interval, number));
    if (!isBefore(dueAt, validUntil)) return schedule;
    const opensAt = addDuration(validFrom, multiplyDuration(interval, number - 1));
    schedule.push({ selfAssessmentId: `cycle-${cycle}:self-assessment-${number}`, opensAt, dueAt });
  }
}

function grant(command: CommandOf<'Grant'>, state: AccreditationCase, context: CommandContext): Decision {
  const denied = authorise(command.type, context, state) ?? forbidAuditors(context, state);
  if (denied) return denied;
  const outstanding = state.auditElements.filter(
    (element) => !state.completedAuditElements.includes(element),
  );
  if (outstanding.length > 0) {
    return reject('audit_incomplete', `Audit elements outstanding: ${outstanding.join(', ')}`);
  }
  const unresolved = (severity: 'major' | 'minor') =>
    state.findings.filter((finding) => finding.severity === severity && finding.status !== 'resolved');
  const openMajors = unresolved('major');
  if (openMajors.length > 0) {
    return reject(
      'open_major_findings',
      `Major findings open: ${openMajors.map((f) => f.findingId).join(', ')}`,
    );
  }
  const openMinors = unresolved('minor');
  if (openMinors.length > 0) {
    return reject(
      'action_plans_not_accepted',
      `Minor findings without an accepted action plan: ${openMinors.map((f) => f.findingId).join(', ')}`,
    );
  }
  const { certificateNumber } = command.data;
  if (!isValidCertificateNumber(certificateNumber, context.now)) {
    return reject(
      'invalid_certificate_number',
      `${certificateNumber} does not read DIM1002-<year of decision>-<8 characters of Crockford base 32>`,
    );
  }
  if (state.certificate?.certificateNumber === certificateNumber) {
    return reject('certificate_number_reused', `${certificateNumber} is the current certificate's number`);
  }
  const renewal = state.certificate !== null;
  // A renewed certificate continues the old one without a gap or an overlap.
  const validFrom = state.certificate?.validUntil ?? context.now;
  const validUntil = addDuration(validFrom, state.policy.certificateValidity);
  const cycle = renewal ? state.cycle + 1 : state.cycle;
  return accept({
    type: 'AccreditationGranted',
    data: {
      certificateNumber,
      decidedBy: context.actor.id,
      decidedAt: context.now,
      validFrom,
      validUntil,
      cycle,
      renewal,
      selfAssessments: selfAssessmentSchedule(
        cycle,
        validFrom,
        validUntil,
        state.policy.selfAssessmentInterval,
      ),
    },
  });
}

function refuse(command: CommandOf<'Refuse'>, state: AccreditationCase, context: CommandContext): Decision {
  const denied = authorise(command.type, context, state) ?? forbidAuditors(context, state);
  if (denied) return denied;
  return accept({
    type: 'AccreditationRefused',
    data: { reasons: command.data.reasons, decidedBy: context.actor.id, renewal: state.certificate !== null },
  });
}

// ─── self-assessments ────────────────────────────────────────────────────────────────────────────

function submitSelfAssessment(
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
  return accept({ type: 'SelfAssessmentSubmitted', data: { ...command.data, submittedAt: context.now } });
}

function reviewSelfAssessment(
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
      data: { selfAssessmentId, reviewedBy, comment: review.comment },
    });
  }
  const comment = review.comment ? { comment: review.comment } : {};
  return accept({ type: 'SelfAssessmentAccepted', data: { selfAssessmentId, reviewedBy, ...comment } });
}

function openProposal(state: AccreditationCase, proposalId: string) {
  return state.suspensionProposal?.proposalId === proposalId ? state.suspensionProposal : undefined;
}

function confirmSuspensionProposal(
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
  return accept({
    type: 'AccreditationSuspended',
    data: { ...suspension(state, context, proposal.reason), proposalId: proposal.proposalId },
  });
}

function rejectSuspensionProposal(
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

function applyForRenewal(
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

function suspend(command: CommandOf<'Suspend'>, state: AccreditationCase, context: CommandContext): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { reason, complaintId } = command.data;
  if (complaintId && !findComplaint(state, complaintId)) return unknownComplaint(complaintId);
  return accept({
    type: 'AccreditationSuspended',
    data: { ...suspension(state, context, reason), ...(complaintId ? { complaintId } : {}) },
  });
}

function reinstate(
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

function withdraw(
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

// ─── complaints ──────────────────────────────────────────────────────────────────────────────────

function receiveComplaint(
  command: CommandOf<'ReceiveComplaint'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  return accept({
    type: 'ComplaintReceived',
    data: {
      complaintId: `complaint-${state.issued.complaints + 1}`,
      ...command.data,
      receivedAt: context.now,
      acknowledgeBy: addDuration(context.now, state.policy.complaintAcknowledgementDeadline),
    },
  });
}

function acknowledgeComplaint(
  command: CommandOf<'AcknowledgeComplaint'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const complaint = findComplaint(state, command.data.complaintId);
  if (!complaint) return unknownComplaint(command.data.complaintId);
  if (complaint.status !== 'received') {
    return reject('invalid_transition', `Complaint ${complaint.complaintId} is already ${complaint.status}`);
  }
  return accept({ type: 'ComplaintAcknowledged', data: command.data });
}

function assignComplaintInvestigator(
  command: CommandOf<'AssignComplaintInvestigator'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { complaintId, investigatorId } = command.data;
  const complaint = findComplaint(state, complaintId);
  if (!complaint) return unknownComplaint(complaintId);
  if (complaint.status !== 'acknowledged' && complaint.status !== 'under_investigation') {
    return reject('invalid_transition', `Complaint ${complaintId} is ${complaint.status}`);
  }
  if (investigatorId === state.caseManagerId || state.auditorsInvolved.includes(investigatorId)) {
    return reject('investigator_not_independent', `${investigatorId} is involved in this case`);
  }
  return accept({ type: 'ComplaintInvestigatorAssigned', data: command.data });
}

function decideComplaint(
  command: CommandOf<'DecideComplaint'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const complaint = findComplaint(state, command.data.complaintId);
  if (!complaint) return unknownComplaint(command.data.complaintId);
  const denied = authorise(command.type, context, state, { investigator: complaint.investigatorId });
  if (denied) return denied;
  if (complaint.status !== 'under_investigation') {
    return reject('invalid_transition', `Complaint ${complaint.complaintId} is ${complaint.status}`);
  }
  return accept({ type: 'ComplaintDecided', data: { ...command.data, decidedBy: context.actor.id } });
}

function closeComplaint(
  command: CommandOf<'CloseComplaint'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const complaint = findComplaint(state, command.data.complaintId);
  if (!complaint) return unknownComplaint(command.data.complaintId);
  if (complaint.status !== 'decided') {
    return reject('invalid_transition', `Complaint ${complaint.complaintId} has not been decided`);
  }
  return accept({ type: 'ComplaintClosed', data: command.data });
}

/** `dueTimers` lists a timer only while its subject exists, so a missing one is a programming error. */
function present<T>(subject: T | null | undefined, timer: Timer): T {
  if (subject === null || subject === undefined) throw new Error(`Timer ${timer.id} has lost its subject`);
  return subject;
}

// ─── the clock ───────────────────────────────────────────────────────────────────────────────────

function elapseTimer(
  command: CommandOf<'ElapseTimer'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const timer = dueTimers(state).find((candidate) => candidate.id === command.data.timerId);
  if (!timer) return reject('unknown_timer', `No timer ${command.data.timerId} is running`);
  if (isBefore(context.now, timer.at)) {
    return reject('timer_not_due', `Timer ${timer.id} runs out at ${timer.at}`);
  }
  return accept(...timerEvents(timer, state, context));
}

function timerEvents(timer: Timer, state: AccreditationCase, context: CommandContext): AccreditationEvent[] {
  const timerId = timer.id;
  const selfAssessment = () => present(findSelfAssessment(state, timer.subjectId), timer);
  const selfAssessmentReminder = (reminder: 'upcoming' | 'due' | 'overdue'): AccreditationEvent => ({
    type: 'SelfAssessmentReminderSent',
    data: {
      timerId,
      selfAssessmentId: timer.subjectId,
      reminder,
      dueAt: selfAssessment().dueAt,
      recipient: organisationOf(state),
    },
  });

  switch (timer.kind) {
    case 'information_request_reminder':
      return [
        {
          type: 'InformationRequestReminderSent',
          data: {
            timerId,
            requestId: timer.subjectId,
            respondBy: present(state.openRequest, timer).respondBy,
            recipient: organisationOf(state),
          },
        },
      ];
    case 'information_request_deadline':
      return state.openRequest?.kind === 'information'
        ? [
            {
              type: 'ApplicationRejected',
              data: {
                timerId,
                reasons: [`Information request ${timer.subjectId} was not answered by ${timer.at}`],
                rejectedBy: context.actor.id,
              },
            },
          ]
        : [
            {
              type: 'DocumentsRequestLapsed',
              data: {
                timerId,
                requestId: timer.subjectId,
                recipient: state.documentReviewerId
                  ? { role: 'auditor', userId: state.documentReviewerId }
                  : caseManagerOf(state),
              },
            },
          ];
    case 'objection_window_end':
      return [
        {
          type: 'AuditorObjectionWindowClosed',
          data: {
            timerId,
            assignmentId: timer.subjectId,
            auditorId: present(state.leadAuditor, timer).auditorId,
          },
        },
      ];
    case 'document_review_reminder':
      return [
        {
          type: 'AuditorDeadlineApproaching',
          data: {
            timerId,
            task: 'complete_document_review',
            dueAt: present(state.documentReviewDueBy, timer),
            recipient: { role: 'auditor', userId: present(state.documentReviewerId, timer) },
          },
        },
      ];
    case 'audit_report_reminder':
      return [
        {
          type: 'AuditorDeadlineApproaching',
          data: {
            timerId,
            task: 'complete_audit_elements',
            dueAt: present(state.auditReportDueBy, timer),
            recipient: { role: 'auditor', userId: present(state.leadAuditor, timer).auditorId },
          },
        },
      ];
    case 'verification_reminder': {
      const finding = present(
        state.findings.find((candidate) => candidate.findingId === timer.subjectId),
        timer,
      );
      return [
        {
          type: 'AuditorDeadlineApproaching',
          data: {
            timerId,
            task: 'verify_finding',
            dueAt: present(finding.verifyBy, timer),
            findingId: finding.findingId,
            recipient: { role: 'auditor', userId: present(state.leadAuditor, timer).auditorId },
          },
        },
      ];
    }
    case 'corrective_action_deadline':
      return [
        {
          type: 'AccreditationRefused',
          data: {
            timerId,
            reasons: [`The corrective action for finding ${timer.subjectId} was not verified by ${timer.at}`],
            decidedBy: context.actor.id,
            renewal: state.certificate !== null,
          },
        },
      ];
    case 'self_assessment_reminder':
      return [selfAssessmentReminder('upcoming')];
    case 'self_assessment_due':
      return [selfAssessmentReminder('due')];
    case 'self_assessment_overdue':
      return [selfAssessmentReminder('overdue')];
    case 'self_assessment_escalation':
      return [
        {
          type: 'SelfAssessmentEscalated',
          data: {
            timerId,
            selfAssessmentId: timer.subjectId,
            dueAt: selfAssessment().dueAt,
            recipient: caseManagerOf(state),
          },
        },
      ];
    case 'self_assessment_suspension_proposal':
      return [
        {
          type: 'SuspensionProposed',
          data: {
            timerId,
            proposalId: timerId,
            selfAssessmentId: timer.subjectId,
            reason: `Self-assessment ${timer.subjectId} has been overdue since ${selfAssessment().dueAt}`,
            recipient: caseManagerOf(state),
          },
        },
      ];
    case 'renewal_window':
      return [
        {
          type: 'RenewalWindowOpened',
          data: {
            timerId,
            certificateNumber: timer.subjectId,
            expiresAt: present(state.certificate, timer).validUntil,
            recipient: organisationOf(state),
          },
        },
      ];
    case 'certificate_expiry': {
      const next = state.nextCertificate;
      return next
        ? [
            {
              type: 'CycleRenewed',
              data: {
                timerId,
                cycle: next.cycle,
                certificateNumber: next.certificateNumber,
                validFrom: next.validFrom,
                validUntil: next.validUntil,
              },
            },
          ]
        : [
            {
              type: 'AccreditationExpired',
              data: { timerId, certificateNumber: timer.subjectId, expiredAt: timer.at },
            },
          ];
    }
    case 'maximum_suspension_end':
      return [
        {
          type: 'AccreditationWithdrawn',
          data: {
            timerId,
            reason: `Not reinstated within the maximum suspension period (suspension ${timer.subjectId})`,
            withdrawnAt: context.now,
          },
        },
      ];
    case 'complaint_acknowledgement_deadline':
      return [
        {
          type: 'ComplaintAcknowledgementOverdue',
          data: { timerId, complaintId: timer.subjectId, recipient: caseManagerOf(state) },
        },
      ];
    default:
      return assertNever(timer.kind);
  }
}
