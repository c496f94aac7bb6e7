/**
 * Reasons and names in the reader's language. A reason the engine wrote itself (a lapsed deadline,
 * an overdue self-assessment, the end of the longest suspension) is stored in English with ids, for
 * the record; a mail says it in words of its own. A reason a person typed is quoted as typed.
 */
import { allCatalogues } from '../../domain/catalogue';
import type { Context } from './context';

/** A lapse's consequence: its reasons are the engine's when a deadline (timer, proposal, rule) decided it. */
export function decisionReasons(
  c: Context,
  d: { reasons: string[]; timerId?: string; proposalId?: string; rule?: string },
  consequence: 'rejection' | 'refusal',
): string[] {
  const lapsed = d.proposalId ?? d.timerId ?? (d.rule ? '' : undefined);
  if (lapsed === undefined) return d.reasons;
  if (consequence === 'refusal' && lapsed.includes('corrective-action')) {
    return [
      c.t(
        'Der Nachweis der Korrekturmaßnahme zu einer Hauptabweichung lag bis zum Ablauf der Frist nicht vor.',
        'Evidence of the corrective action for a major nonconformity was not provided before the deadline.',
      ),
    ];
  }
  return [
    c.t(
      'Die Nachforderung wurde bis zum Ablauf der Frist nicht beantwortet.',
      'The request for information was not answered before the deadline.',
    ),
  ];
}

const overdueSelfAssessment = (c: Context) =>
  c.t(
    'Die fällige Selbstbewertung wurde auch nach Erinnerung und Eskalation nicht eingereicht',
    'The self-assessment due was not submitted, even after reminders and an escalation',
  );

const majorFindingAtSpecialAudit = (c: Context) =>
  c.t(
    'Beim Sonderaudit wurde eine Hauptabweichung festgestellt',
    'A major nonconformity was found at the special audit',
  );

/**
 * The suspension proposal's cause (always the engine's): an overdue self-assessment, or a special
 * audit's major finding (rule set 5; its proposal id is the finding's).
 */
export function suspensionProposalReason(
  c: Context,
  d: { proposalId?: string; specialAuditId?: string },
): string {
  return d.specialAuditId || d.proposalId?.includes(':finding-')
    ? majorFindingAtSpecialAudit(c)
    : overdueSelfAssessment(c);
}

/** A suspension after a confirmed proposal is the proposal's; one decided by a person is theirs. */
export function suspensionReason(c: Context, d: { reason: string; proposalId?: string }): string {
  return d.proposalId ? suspensionProposalReason(c, d) : d.reason;
}

/** A withdrawal at the end of the longest suspension is the engine's; one decided by a person is theirs. */
export function withdrawalReason(c: Context, d: { reason: string; timerId?: string }): string {
  return d.timerId
    ? c.t(
        'Die Akkreditierung wurde nicht innerhalb der längsten zulässigen Aussetzung wieder in Kraft gesetzt',
        'The accreditation was not reinstated within the longest suspension allowed',
      )
    : d.reason;
}

/** A requirement of the catalogue by its section and words, not its key. */
export function requirementName(c: Context, requirementId: string): string {
  for (const catalogue of allCatalogues()) {
    const entry = catalogue.requirements.find((candidate) => candidate.id === requirementId);
    if (entry) {
      const words = (c.lang === 'en' ? entry.text.en : entry.text.de).replace(/\.$/, '');
      return c.t(`§${entry.section} „${words}“`, `§${entry.section} “${words}”`);
    }
  }
  return requirementId;
}
