/**
 * Whether a case kept the timing rules the institute follows, from its events alone: those of DIM
 * 1002:2024 (§5.3: three years' validity, a yearly self-assessment, renewal before expiry) and of
 * certification practice after ISO/IEC 17021-1 (a decision after the audit, by someone not involved
 * in it; a suspension of at most six months; complaints acknowledged in time; appeals decided in
 * time by someone not involved in the decision appealed). Each rule is held,
 * violated or pending, each instance with the events that show it. Pure: `now` is passed in.
 */
import { findCatalogue, type PolicyLimit } from './catalogue';
import { addDuration, type Duration, isBefore, toEpochMs } from './duration';
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
const notAfter = (a: string, b: string) => toEpochMs(a) <= toEpochMs(b);

const evidenceOf = (...events: (CaseEvent | undefined)[]): Evidence[] =>
  events.flatMap((event) =>
    event
      ? [{ version: event.version, globalPosition: event.globalPosition, type: event.type, at: event.at }]
      : [],
  );

const ofType = <Type extends AccreditationEvent['type']>(events: readonly CaseEvent[], type: Type) =>
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

function certificateValidity(events: readonly CaseEvent[], atMost: Duration): RuleInstance[] {
  return ofType(events, 'AccreditationGranted').map((grant) => {
    const bound = addDuration(grant.data.validFrom, atMost);
    const held = notAfter(grant.data.validUntil, bound);
    return {
      subjectId: grant.data.certificateNumber,
      status: held ? 'held' : 'violated',
      detail: held ? 'within_limit' : 'valid_too_long',
      dueAt: bound,
      evidence: evidenceOf(grant),
    };
  });
}

/** When the certificate granted by `grant` stopped: withdrawn or expired (a renewal continues it). */
function endOfCertificate(events: readonly CaseEvent[], grant: CaseEvent & EventOf<'AccreditationGranted'>) {
  return events.find(
    (event) =>
      event.version > grant.version &&
      ((event.type === 'AccreditationWithdrawn' && notAfter(event.at, grant.data.validUntil)) ||
        (event.type === 'AccreditationExpired' &&
          event.data.certificateNumber === grant.data.certificateNumber)),
  );
}

function yearlySelfAssessment(events: readonly CaseEvent[], interval: Duration, now: string): RuleInstance[] {
  const submissions = ofType(events, 'SelfAssessmentSubmitted');
  return ofType(events, 'AccreditationGranted').flatMap((grant) => {
    const ended = endOfCertificate(events, grant);
    let previous = grant.data.validFrom;
    return grant.data.selfAssessments.flatMap(({ selfAssessmentId, dueAt }): RuleInstance[] => {
      const bound = addDuration(previous, interval);
      previous = dueAt;
      if (!notAfter(dueAt, bound)) {
        return [
          {
            subjectId: selfAssessmentId,
            status: 'violated',
            detail: 'interval_too_long',
            dueAt: bound,
            evidence: evidenceOf(grant),
          },
        ];
      }
      const submitted = submissions.find((event) => event.data.selfAssessmentId === selfAssessmentId);
      const instance = (status: ComplianceStatus, detail: string, ...shown: (CaseEvent | undefined)[]) => [
        { subjectId: selfAssessmentId, status, detail, dueAt, evidence: evidenceOf(grant, ...shown) },
      ];
      if (submitted) {
        return notAfter(submitted.data.submittedAt, dueAt)
          ? instance('held', 'submitted_on_time', submitted)
          : instance('violated', 'submitted_late', submitted);
      }
      // A certificate withdrawn or expired before the due date owes no self-assessment any more.
      if (ended && notAfter(ended.at, dueAt)) return [];
      return notAfter(now, dueAt) ? instance('pending', 'not_yet_due') : instance('violated', 'overdue');
    });
  });
}

function renewalBeforeExpiry(events: readonly CaseEvent[], now: string): RuleInstance[] {
  const grants = ofType(events, 'AccreditationGranted');
  return grants.flatMap((grant): RuleInstance[] => {
    const { certificateNumber, validUntil, cycle } = grant.data;
    const instance = (status: ComplianceStatus, detail: string, ...shown: (CaseEvent | undefined)[]) => [
      {
        subjectId: certificateNumber,
        status,
        detail,
        dueAt: validUntil,
        evidence: evidenceOf(grant, ...shown),
      },
    ];
    const renewal = grants.find((later) => later.data.renewal && later.data.cycle === cycle + 1);
    if (renewal) {
      return notAfter(renewal.data.decidedAt, validUntil)
        ? instance('held', 'renewed_before_expiry', renewal)
        : instance('violated', 'renewed_after_expiry', renewal);
    }
    const ended = endOfCertificate(events, grant);
    if (ended?.type === 'AccreditationWithdrawn') return [];
    if (ended) return instance('held', 'expired_without_renewal', ended);
    return isBefore(now, validUntil)
      ? instance('pending', 'valid')
      : instance('violated', 'valid_past_expiry');
  });
}

/** The procedures of the case: each starts with the opening or a renewal application. */
function procedures(events: readonly CaseEvent[]): CaseEvent[][] {
  const runs: CaseEvent[][] = [];
  for (const event of events) {
    if (event.type === 'AccreditationOpened' || event.type === 'RenewalApplied' || runs.length === 0)
      runs.push([]);
    runs[runs.length - 1]?.push(event);
  }
  return runs;
}

function decisionAfterAudit(events: readonly CaseEvent[]): RuleInstance[] {
  return procedures(events).flatMap((run) => {
    const completed = ofType(run, 'AuditElementCompleted');
    return ofType(run, 'AccreditationGranted').map((grant): RuleInstance => {
      const before = completed.filter((element) => element.version < grant.version);
      const last = before.at(-1);
      return {
        subjectId: grant.data.certificateNumber,
        status: last ? 'held' : 'violated',
        detail: last ? 'granted_after_audit' : 'granted_without_audit',
        dueAt: null,
        evidence: evidenceOf(last, grant),
      };
    });
  });
}

/** Who was involved in a procedure's review and audit: none of them may decide on it. */
function involvement(run: readonly CaseEvent[]): Map<string, CaseEvent> {
  const involved = new Map<string, CaseEvent>();
  for (const event of run) {
    const auditorId =
      event.type === 'DocumentReviewerAssigned' ||
      event.type === 'LeadAuditorAssigned' ||
      event.type === 'AuditElementCompleted'
        ? event.data.auditorId
        : event.type === 'DocumentReviewCompleted'
          ? event.data.reviewerId
          : undefined;
    if (auditorId && !involved.has(auditorId)) involved.set(auditorId, event);
  }
  return involved;
}

function decisionByUninvolved(events: readonly CaseEvent[]): RuleInstance[] {
  return procedures(events).flatMap((run) => {
    const involved = involvement(run);
    const decisions = run.filter(
      (event): event is CaseEvent & EventOf<'AccreditationGranted' | 'AccreditationRefused'> =>
        event.type === 'AccreditationGranted' || (event.type === 'AccreditationRefused' && !event.data.rule),
    );
    return decisions.map((decision): RuleInstance => {
      const conflict = involved.get(decision.data.decidedBy);
      return {
        subjectId: `${decision.type}@${decision.version}`,
        status: conflict ? 'violated' : 'held',
        detail: conflict ? 'decided_by_auditor' : 'decided_by_uninvolved',
        dueAt: null,
        evidence: evidenceOf(conflict, decision),
      };
    });
  });
}

function suspensionLimit(events: readonly CaseEvent[], atMost: Duration, now: string): RuleInstance[] {
  return ofType(events, 'AccreditationSuspended').map((suspended): RuleInstance => {
    const bound = addDuration(suspended.data.suspendedAt, atMost);
    const instance = (status: ComplianceStatus, detail: string, end?: CaseEvent): RuleInstance => ({
      subjectId: suspended.data.suspensionId,
      status,
      detail,
      dueAt: bound,
      evidence: evidenceOf(suspended, end),
    });
    if (!notAfter(suspended.data.reinstateBy, bound)) return instance('violated', 'limit_too_long');
    const end = events.find(
      (event) =>
        event.version > suspended.version &&
        ((event.type === 'AccreditationReinstated' &&
          event.data.suspensionId === suspended.data.suspensionId) ||
          event.type === 'AccreditationWithdrawn' ||
          event.type === 'AccreditationExpired'),
    );
    if (end)
      return notAfter(end.at, bound)
        ? instance('held', 'ended_in_time', end)
        : instance('violated', 'ended_late', end);
    return notAfter(now, bound) ? instance('pending', 'running') : instance('violated', 'running_past_limit');
  });
}

function complaintsAcknowledged(events: readonly CaseEvent[], now: string): RuleInstance[] {
  const acknowledgements = ofType(events, 'ComplaintAcknowledged');
  return ofType(events, 'ComplaintReceived').map((received): RuleInstance => {
    const { complaintId, acknowledgeBy } = received.data;
    const acknowledged = acknowledgements.find((event) => event.data.complaintId === complaintId);
    const instance = (status: ComplianceStatus, detail: string): RuleInstance => ({
      subjectId: complaintId,
      status,
      detail,
      dueAt: acknowledgeBy,
      evidence: evidenceOf(received, acknowledged),
    });
    if (acknowledged) {
      return notAfter(acknowledged.at, acknowledgeBy)
        ? instance('held', 'acknowledged_in_time')
        : instance('violated', 'acknowledged_late');
    }
    return notAfter(now, acknowledgeBy)
      ? instance('pending', 'not_yet_due')
      : instance('violated', 'not_acknowledged');
  });
}

/** Its evidence is on the complaint's own stream (`GET /complaints/{id}`), not the case's. */
function ownComplaintAcknowledged(complaint: OwnComplaint, now: string): RuleInstance {
  const { complaintId, acknowledgeBy, acknowledgedAt } = complaint;
  const instance = (status: ComplianceStatus, detail: string): RuleInstance => ({
    subjectId: complaintId,
    status,
    detail,
    dueAt: acknowledgeBy,
    evidence: [],
  });
  if (acknowledgedAt) {
    return notAfter(acknowledgedAt, acknowledgeBy)
      ? instance('held', 'acknowledged_in_time')
      : instance('violated', 'acknowledged_late');
  }
  return notAfter(now, acknowledgeBy)
    ? instance('pending', 'not_yet_due')
    : instance('violated', 'not_acknowledged');
}

/** Each appeal decided by its deadline. */
function appealsDecidedInTime(events: readonly CaseEvent[], now: string): RuleInstance[] {
  const decisions = ofType(events, 'AppealDecided');
  return ofType(events, 'AppealLodged').map((lodged): RuleInstance => {
    const { appealId, decideBy } = lodged.data;
    const decided = decisions.find((event) => event.data.appealId === appealId);
    const instance = (status: ComplianceStatus, detail: string): RuleInstance => ({
      subjectId: appealId,
      status,
      detail,
      dueAt: decideBy,
      evidence: evidenceOf(lodged, decided),
    });
    if (decided) {
      return notAfter(decided.at, decideBy)
        ? instance('held', 'decided_in_time')
        : instance('violated', 'decided_late');
    }
    return notAfter(now, decideBy) ? instance('pending', 'not_yet_due') : instance('violated', 'not_decided');
  });
}

/** Each appeal decided by someone other than who took the decision appealed or audited the case. */
function appealsByUninvolved(events: readonly CaseEvent[]): RuleInstance[] {
  const lodgings = ofType(events, 'AppealLodged');
  return ofType(events, 'AppealDecided').flatMap((decided): RuleInstance[] => {
    const lodged = lodgings.find((event) => event.data.appealId === decided.data.appealId);
    if (!lodged) return [];
    const involved = lodged.data.excludedUserIds.includes(decided.data.decidedBy);
    return [
      {
        subjectId: decided.data.appealId,
        status: involved ? 'violated' : 'held',
        detail: involved ? 'decided_by_involved' : 'decided_by_uninvolved',
        dueAt: null,
        evidence: evidenceOf(lodged, decided),
      },
    ];
  });
}
