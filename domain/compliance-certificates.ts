/**
 * The rules on a certificate's life (DIM 1002:2024 §5.3 and practice after ISO/IEC 17021-1
 * §9.6.5): its validity, the yearly self-assessment, renewal before expiry, a suspension's limit.
 */
import {
  type CaseEvent,
  type ComplianceStatus,
  evidenceOf,
  notAfter,
  ofType,
  type RuleInstance,
} from './compliance-rules';
import { addDuration, type Duration, isBefore } from './duration';
import type { EventOf } from './events';

export function certificateValidity(events: readonly CaseEvent[], atMost: Duration): RuleInstance[] {
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

export function yearlySelfAssessment(
  events: readonly CaseEvent[],
  interval: Duration,
  now: string,
): RuleInstance[] {
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

export function renewalBeforeExpiry(events: readonly CaseEvent[], now: string): RuleInstance[] {
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

export function suspensionLimit(events: readonly CaseEvent[], atMost: Duration, now: string): RuleInstance[] {
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
