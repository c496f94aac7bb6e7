/**
 * The rules on decisions after ISO/IEC 17021-1: a decision after the audit by someone not involved
 * in it (§9.5), complaints acknowledged in time (§9.8), appeals decided in time by someone not
 * involved in the decision appealed (§9.7).
 */
import {
  type CaseEvent,
  type ComplianceStatus,
  evidenceOf,
  notAfter,
  type OwnComplaint,
  ofType,
  type RuleInstance,
} from './compliance-rules';
import type { EventOf } from './events';

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

export function decisionAfterAudit(events: readonly CaseEvent[]): RuleInstance[] {
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

export function decisionByUninvolved(events: readonly CaseEvent[]): RuleInstance[] {
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

export function complaintsAcknowledged(events: readonly CaseEvent[], now: string): RuleInstance[] {
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
export function ownComplaintAcknowledged(complaint: OwnComplaint, now: string): RuleInstance {
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
export function appealsDecidedInTime(events: readonly CaseEvent[], now: string): RuleInstance[] {
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
export function appealsByUninvolved(events: readonly CaseEvent[]): RuleInstance[] {
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
