/**
 * The rules a step is decided by. A workflow run asks once, at its start, whether it runs the
 * current rules (`patched()`); a run started before them keeps the earlier rules to its end, so its
 * history replays and an open case goes on as it began. Its next cycle (a new run) has the current
 * rules. The decider reads the rule set from the context; absent, the current one.
 *
 * 1: the first releases (2026-11-26.x).
 * 2: issue 20 — the policy stays within the edition's limits, a gap of the document review is
 *    verified at the audit before a grant, and a step that would change nothing records nothing.
 * 3: issue 20 — decisions belong to the decision function: a decision maker takes a case's pending
 *    decision from the queue (or staff assign one) and only they decide it (grant, refusal, the
 *    suspension proposal, a lapsed deadline's refusal or rejection, the reinstatement once the cause
 *    is cured); a lapsed deadline proposes instead of deciding (unless the policy says
 *    `automaticLapse`); what is owed (action plan, self-assessment follow-up, audit date) has a due
 *    date, a reminder and an escalation to the case manager.
 * 4: issue 20 — what rule set 3 promised for what is owed, in fact: a minor finding's action plan,
 *    the audit date after the lead auditor's assignment and the answer to a Selbstbewertung's
 *    follow-up each get a due date (policy `owedDeadlines`), a reminder and an escalation to the
 *    case manager.
 * 5: issue 20 — a minor finding's implementation is shown with the next Selbstbewertung: the grant
 *    names the minor findings whose action plans were accepted on the first Selbstbewertung of the
 *    certificate, and that Selbstbewertung is taken only with evidence for each.
 *    Issue 22 — a run's search attributes name the organisation by its id, no longer by its name
 *    (the visibility store is not encrypted and cannot be erased).
 *    Issue 20 — a special audit (ISO/IEC 17021-1 §9.6.4) on a running case: staff (or a
 *    complaint's follow-up) schedule it while the certificate is valid or suspended; it runs the
 *    audit steps without touching the certificate; a major finding proposes a suspension to a
 *    decision maker.
 * 6: issue 20 — complaints have a life cycle of their own (workflows/complaint.ts): a decided
 *    complaint's special audit names the complaint by its own id, and its suspension arrives as
 *    `ProposeSuspension` for a decision maker to confirm or reject.
 *    Issue 20 — the scope changes while the certificate is valid: the organisation applies to
 *    extend or reduce it, staff decide how it is assessed (approve, document review, special audit),
 *    a decision maker grants or refuses it; a granted change is the certificate's scope from then on.
 * 7: issue 20 — a complaint is recorded only as one of its own (`POST /complaints`): a case no longer
 *    records a new complaint inside it; complaints recorded inside a case before go on to their end.
 */
export type RuleSet = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const ruleSets: readonly RuleSet[] = [1, 2, 3, 4, 5, 6, 7];

export const currentRuleSet: RuleSet = 7;
