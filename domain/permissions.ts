import type { CommandType } from './commands';
import { type Role, roles } from './roles';
import { currentRuleSet, type RuleSet, ruleSets } from './rule-sets';

/**
 * Who may give a command, in one table: `decide` checks it against the actor (and, for the
 * assigned kinds, against the person the case has assigned), and the API derives each route's
 * roles from it, so the two cannot drift.
 *
 * - `staff`: case managers and administrators
 * - `decision_maker`, `organisation` (only for its own case), `system` (the workflow's timers)
 * - `assigned_auditor`: the auditor the case has assigned to that step
 * - `investigator`: the person assigned to investigate the complaint (anyone but an organisation)
 * - `assigned_decision_maker`: the decision maker who took the case's pending decision from the
 *   queue or whom staff gave it; while nobody holds it, any decision maker, whose decision takes it
 *   (rule set 3). Never one who audited the case (four-eyes principle).
 *
 * The table is the current rule set's; `permitsBefore` keeps what a command's permits were under
 * an earlier rule set, which a case started then still decides by.
 */
export type PermitKind =
  | 'staff'
  | 'decision_maker'
  | 'organisation'
  | 'system'
  | 'assigned_auditor'
  | 'investigator'
  | 'assigned_decision_maker';

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
  TakeDecision: ['decision_maker'],
  AssignDecisionMaker: ['staff'],
  ConfirmLapse: ['assigned_decision_maker'],
  ExtendLapsedDeadline: ['assigned_decision_maker'],
  Grant: ['assigned_decision_maker'],
  Refuse: ['assigned_decision_maker'],
  SubmitSelfAssessment: ['organisation'],
  ReviewSelfAssessment: ['staff'],
  ConfirmSuspensionProposal: ['assigned_decision_maker'],
  RejectSuspensionProposal: ['assigned_decision_maker'],
  ApplyForRenewal: ['organisation'],
  Suspend: ['staff'],
  Reinstate: ['staff', 'assigned_decision_maker'],
  Withdraw: ['staff'],
  ScheduleSpecialAudit: ['staff'],
  ReceiveComplaint: ['staff'],
  ProposeSuspension: ['staff'],
  AcknowledgeComplaint: ['staff'],
  AssignComplaintInvestigator: ['staff'],
  DecideComplaint: ['investigator'],
  CloseComplaint: ['staff'],
  LodgeAppeal: ['organisation'],
  TakeAppeal: ['decision_maker'],
  AssignAppealHandler: ['staff'],
  DecideAppeal: ['decision_maker'],
  ElapseTimer: ['system'],
};

/** The permits a command had before rule set `until` (the first rule set with the current ones). */
export const permitsBefore: Partial<Record<CommandType, { until: RuleSet; permits: readonly PermitKind[] }>> =
  {
    Grant: { until: 3, permits: ['decision_maker'] },
    Refuse: { until: 3, permits: ['decision_maker'] },
    ConfirmSuspensionProposal: { until: 3, permits: ['staff'] },
    RejectSuspensionProposal: { until: 3, permits: ['staff'] },
    Reinstate: { until: 3, permits: ['staff'] },
  };

/** Who may give the command under `ruleSet`. */
export function permitsOf(type: CommandType, ruleSet: RuleSet = currentRuleSet): readonly PermitKind[] {
  const earlier = permitsBefore[type];
  return earlier && ruleSet < earlier.until ? earlier.permits : commandPermits[type];
}

/** The roles that can hold a permit at all (who in particular is assigned is the case's business). */
export const permitRoles: Record<PermitKind, readonly Role[]> = {
  staff: ['admin', 'staff'],
  decision_maker: ['decision_maker'],
  organisation: ['organisation'],
  system: ['system'],
  assigned_auditor: ['auditor'],
  investigator: ['admin', 'staff', 'decision_maker', 'auditor'],
  assigned_decision_maker: ['decision_maker'],
};

/**
 * The roles that may give a command under any rule set a running case may still decide by, in a
 * stable order (the API's gate; the case's own rule set decides the rest).
 */
export function commandRoles(type: CommandType): Role[] {
  const permits = ruleSets.flatMap((ruleSet) => permitsOf(type, ruleSet));
  const permitted = new Set(permits.flatMap((permit) => permitRoles[permit]));
  return roles.filter((role) => permitted.has(role));
}
