/**
 * What the compliance modules share (`compliance.ts` judges, `compliance-certificates.ts` and
 * `compliance-decisions.ts` hold the rules): the rules, their statuses and sources, the shape of a
 * result, and the helpers every rule uses.
 */
import { toEpochMs } from './duration';
import type { AccreditationEvent, EventOf } from './events';

/** An event of the case with its place in the stream and the store, its time and who caused it. */
export type CaseEvent = AccreditationEvent & {
  version: number;
  globalPosition: number;
  at: string;
  by: string | null;
};

export const complianceRules = [
  'certificate_validity',
  'yearly_self_assessment',
  'renewal_before_expiry',
  'decision_after_audit',
  'decision_by_uninvolved',
  'suspension_limit',
  'complaint_acknowledged_in_time',
  'appeal_decided_in_time',
  'appeal_by_uninvolved',
] as const;
export type ComplianceRule = (typeof complianceRules)[number];

export const complianceStatuses = ['held', 'violated', 'pending'] as const;
export type ComplianceStatus = (typeof complianceStatuses)[number];

export const ruleSources: Record<ComplianceRule, string> = {
  certificate_validity: 'DIM 1002:2024 §5.3',
  yearly_self_assessment: 'DIM 1002:2024 §5.3',
  renewal_before_expiry: 'DIM 1002:2024 §5.3',
  decision_after_audit: 'ISO/IEC 17021-1 §9.5',
  decision_by_uninvolved: 'ISO/IEC 17021-1 §9.5',
  suspension_limit: 'ISO/IEC 17021-1 §9.6.5 (practice)',
  complaint_acknowledged_in_time: 'ISO/IEC 17021-1 §9.8',
  appeal_decided_in_time: 'ISO/IEC 17021-1 §9.7',
  appeal_by_uninvolved: 'ISO/IEC 17021-1 §9.7',
};

export interface Evidence {
  version: number;
  globalPosition: number;
  type: AccreditationEvent['type'];
  at: string;
}

/** One occasion the rule applies to: a certificate, self-assessment, decision, suspension or complaint. */
export interface RuleInstance {
  subjectId: string;
  status: ComplianceStatus;
  /** A stable word for why, e.g. `submitted_late`, `decided_by_auditor`. */
  detail: string;
  /** The deadline or bound the instance is judged against, when there is one. */
  dueAt: string | null;
  evidence: Evidence[];
}

export interface RuleResult {
  rule: ComplianceRule;
  source: string;
  status: ComplianceStatus;
  instances: RuleInstance[];
}

/** `a` is at or before `b` (instants, compared as such: ISO texts may differ in precision). */
export const notAfter = (a: string, b: string) => toEpochMs(a) <= toEpochMs(b);

export const evidenceOf = (...events: (CaseEvent | undefined)[]): Evidence[] =>
  events.flatMap((event) =>
    event
      ? [{ version: event.version, globalPosition: event.globalPosition, type: event.type, at: event.at }]
      : [],
  );

export const ofType = <Type extends AccreditationEvent['type']>(events: readonly CaseEvent[], type: Type) =>
  events.filter((event): event is CaseEvent & EventOf<Type> => event.type === type);

/** Violated if any instance is, else pending if any is (or none exists yet), else held. */
export function overallStatus(instances: readonly { status: ComplianceStatus }[]): ComplianceStatus {
  if (instances.some((instance) => instance.status === 'violated')) return 'violated';
  if (instances.length === 0 || instances.some((instance) => instance.status === 'pending')) return 'pending';
  return 'held';
}

/**
 * A complaint about the case with a life cycle of its own (rule set 6 on): when it was received,
 * by when and when it was acknowledged, as the complaints table holds it.
 */
export interface OwnComplaint {
  complaintId: string;
  receivedAt: string;
  acknowledgeBy: string;
  acknowledgedAt: string | null;
}
