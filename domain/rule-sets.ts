/**
 * The rules a step is decided by. A workflow run asks once, at its start, whether it runs the
 * current rules (`patched()`); a run started before them keeps the earlier rules to its end, so its
 * history replays and an open case goes on as it began. Its next cycle (a new run) has the current
 * rules. The decider reads the rule set from the context; absent, the current one.
 *
 * 1: the first releases (2026-11-26.x).
 * 2: issue 20 — the policy stays within the edition's limits, a gap of the document review is
 *    verified at the audit before a grant, and a step that would change nothing records nothing.
 */
export type RuleSet = 1 | 2;

export const currentRuleSet: RuleSet = 2;
