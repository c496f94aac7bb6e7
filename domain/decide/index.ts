/**
 * `decide(command, state, context)`: the events a command leads to, or why it is rejected. One
 * file per stage of the procedure; this one says when each command is possible and dispatches.
 */
import type { Command, CommandContext, CommandType } from '../commands';
import {
  type AccreditationCase,
  type AccreditationState,
  assertNever,
  holdsCertificate,
  isInGoodStanding,
  procedureStatuses,
} from '../state';
import { assignAppealHandler, decideAppeal, lodgeAppeal, takeAppeal, withAppealWindow } from './appeals';
import {
  acceptApplication,
  assignCaseManager,
  openAccreditation,
  provideInformation,
  rejectApplication,
  requestInformation,
  submitApplication,
} from './application';
import {
  acceptActionPlan,
  completeAuditElement,
  extendDeadline,
  submitActionPlan,
  submitCorrectiveActionEvidence,
  verifyCorrectiveAction,
} from './audit';
import { elapseTimer } from './clock';
import { proposeSuspension } from './complaint-follow-ups';
import {
  acknowledgeComplaint,
  assignComplaintInvestigator,
  closeComplaint,
  decideComplaint,
  receiveComplaint,
} from './complaints';
import { grant, refuse } from './decision';
import { assignDecisionMaker, takeDecision } from './decision-queue';
import { confirmLapse, extendLapsedDeadline } from './lapses';
import { accept, type Decision, reject } from './outcome';
import {
  assignDocumentReviewer,
  assignLeadAuditor,
  completeDocumentReview,
  objectToAuditor,
  requestDocuments,
  setAuditDate,
} from './review-and-planning';
import { type Availability, duringCorrectiveActions, inPhase, inStatus } from './shared';
import { scheduleSpecialAudit, withSpecialAuditOutcome } from './special-audit';
import {
  applyForRenewal,
  confirmSuspensionProposal,
  reinstate,
  rejectSuspensionProposal,
  reviewSelfAssessment,
  submitSelfAssessment,
  suspend,
  withdraw,
} from './surveillance';

export { dossierOutdated } from './decision';
export { type Decision, type Rejection, type RejectionCode, rejectionCodes } from './outcome';

type CaseCommandType = Exclude<CommandType, 'OpenAccreditation'>;

const always: Availability = () => true;

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
  // In a regular procedure, or in a special audit beside a running certificate (rule set 5).
  AssignLeadAuditor: inPhase('audit_planning'),
  SetAuditDate: inPhase('audit_planning', 'audit'),
  ObjectToAuditor: inPhase('audit_planning'),
  CompleteAuditElement: inPhase('audit'),
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
  // Refused with `no_decision_pending` when nothing waits for a decision maker.
  TakeDecision: always,
  AssignDecisionMaker: always,
  // Refused with `unknown_lapse_proposal` when no lapsed deadline awaits a decision.
  ConfirmLapse: always,
  ExtendLapsedDeadline: always,
  SubmitSelfAssessment: holdsCertificate,
  ReviewSelfAssessment: holdsCertificate,
  ConfirmSuspensionProposal: isInGoodStanding,
  RejectSuspensionProposal: isInGoodStanding,
  ApplyForRenewal: (state) => inStatus('accredited')(state) && !state.specialAudit,
  Suspend: isInGoodStanding,
  Reinstate: inStatus('suspended'),
  Withdraw: holdsCertificate,
  // Not beside a running renewal; refused with `special_audit_running` while one runs.
  ScheduleSpecialAudit: inStatus('accredited', 'suspended'),
  // Complaints may concern an organisation in any state, e.g. one using the DIM label after withdrawal (§7).
  ReceiveComplaint: always,
  ProposeSuspension: isInGoodStanding,
  AcknowledgeComplaint: always,
  AssignComplaintInvestigator: always,
  DecideComplaint: always,
  CloseComplaint: always,
  // Refused with `unknown_decision` or `unknown_appeal` when there is nothing to appeal or decide.
  LodgeAppeal: always,
  TakeAppeal: always,
  AssignAppealHandler: always,
  DecideAppeal: always,
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
  const decision = decideOnCase(command, state, context);
  if (!decision.ok) return decision;
  return accept(...withAppealWindow(withSpecialAuditOutcome(decision.events, state), state, context));
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
    case 'TakeDecision':
      return takeDecision(command, state, context);
    case 'AssignDecisionMaker':
      return assignDecisionMaker(command, state, context);
    case 'ConfirmLapse':
      return confirmLapse(command, state, context);
    case 'ExtendLapsedDeadline':
      return extendLapsedDeadline(command, state, context);
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
    case 'ScheduleSpecialAudit':
      return scheduleSpecialAudit(command, state, context);
    case 'ReceiveComplaint':
      return receiveComplaint(command, state, context);
    case 'ProposeSuspension':
      return proposeSuspension(command, state, context);
    case 'AcknowledgeComplaint':
      return acknowledgeComplaint(command, state, context);
    case 'AssignComplaintInvestigator':
      return assignComplaintInvestigator(command, state, context);
    case 'DecideComplaint':
      return decideComplaint(command, state, context);
    case 'CloseComplaint':
      return closeComplaint(command, state, context);
    case 'LodgeAppeal':
      return lodgeAppeal(command, state, context);
    case 'TakeAppeal':
      return takeAppeal(command, state, context);
    case 'AssignAppealHandler':
      return assignAppealHandler(command, state, context);
    case 'DecideAppeal':
      return decideAppeal(command, state, context);
    case 'ElapseTimer':
      return elapseTimer(command, state, context);
    default:
      return assertNever(command);
  }
}
