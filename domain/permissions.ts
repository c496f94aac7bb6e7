import type { CommandType } from './commands';
import { type Role, roles } from './roles';

/**
 * Who may give a command, in one table: `decide` checks it against the actor (and, for the
 * assigned kinds, against the person the case has assigned), and the API derives each route's
 * roles from it, so the two cannot drift.
 *
 * - `staff`: case managers and administrators
 * - `decision_maker`, `organisation` (only for its own case), `system` (the workflow's timers)
 * - `assigned_auditor`: the auditor the case has assigned to that step
 * - `investigator`: the person assigned to investigate the complaint (anyone but an organisation)
 */
export type PermitKind =
  | 'staff'
  | 'decision_maker'
  | 'organisation'
  | 'system'
  | 'assigned_auditor'
  | 'investigator';

export const commandPermits: Record<CommandType, readonly PermitKind[]> = {
  OpenAccreditation: ['staff'],
  AssignCaseManager: ['staff'],
  SubmitApplication: ['organisation'],
  RequestInformation: ['staff'],
  ProvideInformation: ['organisation'],
  AcceptApplication: ['staff'],
  RejectApplication: ['staff'],
  AssignDocumentReviewer: ['staff'],
  RequestDocuments: ['staff', 'assigned_auditor'],
  CompleteDocumentReview: ['assigned_auditor'],
  AssignLeadAuditor: ['staff'],
  SetAuditDate: ['staff', 'assigned_auditor'],
  ObjectToAuditor: ['organisation'],
  CompleteAuditElement: ['assigned_auditor'],
  SubmitActionPlan: ['organisation'],
  AcceptActionPlan: ['assigned_auditor'],
  SubmitCorrectiveActionEvidence: ['organisation'],
  VerifyCorrectiveAction: ['assigned_auditor'],
  ExtendDeadline: ['staff'],
  Grant: ['decision_maker'],
  Refuse: ['decision_maker'],
  SubmitSelfAssessment: ['organisation'],
  ReviewSelfAssessment: ['staff'],
  ConfirmSuspensionProposal: ['staff'],
  RejectSuspensionProposal: ['staff'],
  ApplyForRenewal: ['organisation'],
  Suspend: ['staff'],
  Reinstate: ['staff'],
  Withdraw: ['staff'],
  ReceiveComplaint: ['staff'],
  AcknowledgeComplaint: ['staff'],
  AssignComplaintInvestigator: ['staff'],
  DecideComplaint: ['investigator'],
  CloseComplaint: ['staff'],
  ElapseTimer: ['system'],
};

/** The roles that can hold a permit at all (who in particular is assigned is the case's business). */
export const permitRoles: Record<PermitKind, readonly Role[]> = {
  staff: ['admin', 'staff'],
  decision_maker: ['decision_maker'],
  organisation: ['organisation'],
  system: ['system'],
  assigned_auditor: ['auditor'],
  investigator: ['admin', 'staff', 'decision_maker', 'auditor'],
};

/** The roles that may give a command, in a stable order. */
export function commandRoles(type: CommandType): Role[] {
  const permitted = new Set(commandPermits[type].flatMap((permit) => permitRoles[permit]));
  return roles.filter((role) => permitted.has(role));
}
