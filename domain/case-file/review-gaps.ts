/**
 * Gaps of the Dokumentenprüfung referred to the Vor-Ort-Audit (rule set 2): what the auditor must
 * verify, and how an audit element's report settled each (found closed, or taken over by a finding
 * on the same requirement), as the decider counts them. Each function changes the draft it is given.
 */
import type { Procedure, Stamped } from './schema';

export function reviewGapsReferred(procedure: Procedure, { data, at }: Stamped<'ReviewGapsReferredToAudit'>) {
  procedure.reviewGaps = data.gaps.map((gap) => ({
    requirementId: gap.requirementId,
    comment: gap.comment,
    referredAt: at,
    status: 'open',
    verification: null,
  }));
}

/** The gaps an audit element's report settled; the report's findings are in the procedure already. */
export function reviewGapsVerified(procedure: Procedure, { data, at }: Stamped<'AuditElementCompleted'>) {
  const closed = data.reviewGapsClosed ?? [];
  const settled = { element: data.element, auditorId: data.auditorId, at };
  for (const gap of procedure.reviewGaps) {
    if (gap.status !== 'open') continue;
    const closing = closed.find((entry) => entry.requirementId === gap.requirementId);
    if (closing) {
      gap.status = 'closed';
      gap.verification = { ...settled, comment: closing.comment, findingId: null };
      continue;
    }
    const finding = data.findings.find((candidate) => candidate.requirementId === gap.requirementId);
    if (finding) {
      gap.status = 'finding';
      gap.verification = { ...settled, comment: null, findingId: finding.findingId };
    }
  }
}
