/**
 * Whether a case kept the timing rules the institute follows, from its events alone: those of DIM
 * 1002:2024 (§5.3: three years' validity, a yearly self-assessment, renewal before expiry) and of
 * certification practice after ISO/IEC 17021-1 (a decision after the audit, by someone not involved
 * in it; a suspension of at most six months; complaints acknowledged in time; appeals decided in
 * time by someone not involved in the decision appealed). Each rule is held,
 * violated or pending, each instance with the events that show it. Pure: `now` is passed in.
 */
import { findCatalogue, type PolicyLimit } from './catalogue';
import {
  certificateValidity,
  renewalBeforeExpiry,
  suspensionLimit,
  yearlySelfAssessment,
} from './compliance-certificates';
import {
  appealsByUninvolved,
  appealsDecidedInTime,
  complaintsAcknowledged,
  decisionAfterAudit,
  decisionByUninvolved,
  ownComplaintAcknowledged,
} from './compliance-decisions';
import {
  type CaseEvent,
  type ComplianceRule,
  complianceRules,
  type OwnComplaint,
  ofType,
  overallStatus,
  type RuleInstance,
  type RuleResult,
  ruleSources,
} from './compliance-rules';
import type { Duration } from './duration';

export {
  type CaseEvent,
  type ComplianceRule,
  type ComplianceStatus,
  complianceRules,
  complianceStatuses,
  type Evidence,
  type OwnComplaint,
  overallStatus,
  type RuleInstance,
  type RuleResult,
  ruleSources,
} from './compliance-rules';

/**
 * The case's compliance with each rule, judged at `now` (ISO). Events in stream order; the
 * complaints about the case that have streams of their own beside the in-case ones.
 */
export function complianceOf(
  events: readonly CaseEvent[],
  now: string,
  ownComplaints: readonly OwnComplaint[] = [],
): RuleResult[] {
  const opened = ofType(events, 'AccreditationOpened')[0];
  const limits = (opened && findCatalogue(opened.data.edition)?.policyLimits) || [];
  const limit = (field: PolicyLimit['field'], fallback: Duration) =>
    limits.find((candidate) => candidate.field === field)?.atMost ?? fallback;
  const instances: Record<ComplianceRule, RuleInstance[]> = {
    certificate_validity: certificateValidity(events, limit('certificateValidity', { years: 3 })),
    yearly_self_assessment: yearlySelfAssessment(
      events,
      limit('selfAssessmentInterval', { months: 12 }),
      now,
    ),
    renewal_before_expiry: renewalBeforeExpiry(events, now),
    decision_after_audit: decisionAfterAudit(events),
    decision_by_uninvolved: decisionByUninvolved(events),
    suspension_limit: suspensionLimit(events, limit('maximumSuspension', { months: 6 }), now),
    complaint_acknowledged_in_time: [
      ...complaintsAcknowledged(events, now),
      ...ownComplaints.map((complaint) => ownComplaintAcknowledged(complaint, now)),
    ],
    appeal_decided_in_time: appealsDecidedInTime(events, now),
    appeal_by_uninvolved: appealsByUninvolved(events),
  };
  return complianceRules.map((rule) => ({
    rule,
    source: ruleSources[rule],
    status: overallStatus(instances[rule]),
    instances: instances[rule],
  }));
}
