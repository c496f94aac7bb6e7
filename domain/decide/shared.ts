import { type Catalogue, findCatalogue } from '../catalogue';
import type { CommandContext } from '../commands';
import { addDuration } from '../duration';
import type { Recipient } from '../events';
import type { OwedDeadlines } from '../policy';
import { currentRuleSet, type RuleSet } from '../rule-sets';
import { type AccreditationCase, auditPhase, type CaseStatus } from '../state';
import { reject } from './outcome';

export type Availability = (state: AccreditationCase) => boolean;

/** Whether the step is decided by rule set `version` or a later one (`rule-sets.ts`). */
export const rulesSince = (context: CommandContext, version: RuleSet): boolean =>
  (context.ruleSet ?? currentRuleSet) >= version;

/**
 * The due date of what the step makes owed, as an event field (`{ [field]: at }`), under rule set 4
 * and a policy with `owedDeadlines`; otherwise nothing.
 */
export function owedBy<Field extends string>(
  context: CommandContext,
  state: AccreditationCase,
  deadline: Exclude<keyof OwedDeadlines, 'reminderLeadTime'>,
  field: Field,
): { [Key in Field]?: string } {
  const period = rulesSince(context, 4) ? state.policy.owedDeadlines?.[deadline] : undefined;
  return period ? ({ [field]: addDuration(context.now, period) } as { [Key in Field]?: string }) : {};
}

/** A step that would change nothing records nothing (rule set 2); before, it was recorded again. */
export const unchangedBy = (context: CommandContext, unchanged: boolean): boolean =>
  unchanged && rulesSince(context, 2);

export const inStatus =
  (...statuses: readonly CaseStatus[]): Availability =>
  (state) =>
    statuses.includes(state.status);
/** At an audit step: of the case's procedure, or of a running special audit (rule set 5). */
export const inPhase =
  (...statuses: readonly CaseStatus[]): Availability =>
  (state) =>
    statuses.includes(auditPhase(state));
export const duringCorrectiveActions = inPhase('audit', 'corrective_actions');

export function catalogueOf(state: AccreditationCase): Catalogue {
  const catalogue = findCatalogue(state.edition);
  if (!catalogue) throw new Error(`No catalogue for edition ${state.edition}`);
  return catalogue;
}

export function compareIds(given: string[], expected: string[]) {
  return {
    unknown: given.filter((id) => !expected.includes(id)),
    duplicates: given.filter((id, index) => given.indexOf(id) !== index),
    missing: expected.filter((id) => !given.includes(id)),
  };
}

export const organisationOf = (state: AccreditationCase): Recipient => ({
  role: 'organisation',
  organisationId: state.organisationId,
});
export const caseManagerOf = (state: AccreditationCase): Recipient => ({
  role: 'staff',
  userId: state.caseManagerId,
});

export function findFinding(state: AccreditationCase, findingId: string, severity: 'major' | 'minor') {
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

export function findSelfAssessment(state: AccreditationCase, selfAssessmentId: string) {
  return state.selfAssessments.find((candidate) => candidate.selfAssessmentId === selfAssessmentId);
}

export function findComplaint(state: AccreditationCase, complaintId: string) {
  return state.complaints.find((candidate) => candidate.complaintId === complaintId);
}

export const unknownComplaint = (complaintId: string) =>
  reject('unknown_complaint', `There is no open complaint ${complaintId}`);

export function suspension(state: AccreditationCase, context: CommandContext, reason: string) {
  return {
    suspensionId: `cycle-${state.cycle}:suspension-${state.issued.suspensions + 1}`,
    reason,
    suspendedAt: context.now,
    reinstateBy: addDuration(context.now, state.policy.maximumSuspension),
  };
}

export function nextRequest(state: AccreditationCase, context: CommandContext) {
  return {
    requestId: `cycle-${state.cycle}:request-${state.issued.requests + 1}`,
    respondBy: addDuration(context.now, state.policy.informationRequestResponseDeadline),
  };
}

/** `{ [field]: from + the deadline }` when the case's policy gives auditors deadlines, else nothing. */
export function auditorDueDate<Field extends string>(
  state: AccreditationCase,
  from: string,
  deadline: 'documentReview' | 'auditReport' | 'verification',
  field: Field,
): Partial<Record<Field, string>> {
  const period = state.policy.auditorDeadlines?.[deadline];
  if (!period) return {};
  return { [field]: addDuration(from, period) } as Partial<Record<Field, string>>;
}

export const reviewGapsOpen = (requirementIds: string[]) =>
  reject(
    'review_gaps_open',
    `Gaps of the document review not yet verified at the audit (found closed or reported as a finding): ${requirementIds.join(', ')}`,
  );
