/**
 * The case file's decisions open to appeal (ISO/IEC 17021-1 §9.7, rule set 4) as the pages read
 * them: which one may be appealed now, which one an appeal is against, and that decision's reasons.
 * No I/O.
 */
import type { CaseFile } from './types';

export type AppealableDecision = NonNullable<CaseFile['appeals']>[number];
export type Appeal = NonNullable<AppealableDecision['appeal']>;

/** Whether the decision may be appealed now: no appeal yet, its window open. */
export const isOpenToAppeal = (decision: AppealableDecision, now: number) =>
  decision.appeal === null && !decision.windowClosedAt && Date.parse(decision.until) > now;

/** The decision that may be appealed now (`decisionId` if named): no appeal yet, its window open. */
export function openToAppeal(
  file: CaseFile,
  now: number,
  decisionId?: string,
): AppealableDecision | undefined {
  return (file.appeals ?? [])
    .filter((decision) => decisionId === undefined || decision.decisionId === decisionId)
    .findLast((decision) => isOpenToAppeal(decision, now));
}

/** The decision an appeal was lodged against, with the appeal. */
export function appealedDecision(
  file: CaseFile,
  appealId: string | undefined,
): (AppealableDecision & { appeal: Appeal }) | undefined {
  const found = (file.appeals ?? []).find((decision) => decision.appeal?.appealId === appealId);
  return found?.appeal ? { ...found, appeal: found.appeal } : undefined;
}

/**
 * The reasons given for the decision appealed: the rejection of the Antrag, the refusal, the
 * suspension or the withdrawal recorded at the same instant (else the latest of its kind).
 */
export function reasonsOf(file: CaseFile, decision: Pick<AppealableDecision, 'against' | 'at'>): string[] {
  const sameOrLast = <T extends { at: string }>(items: readonly T[]) =>
    items.find((item) => item.at === decision.at) ?? items.at(-1);
  switch (decision.against) {
    case 'rejection': {
      const reviews = file.procedures.flatMap((procedure) =>
        procedure.review?.outcome === 'rejected' ? [procedure.review] : [],
      );
      return sameOrLast(reviews)?.reasons ?? [];
    }
    case 'refusal': {
      const refusals = file.procedures.flatMap((procedure) =>
        procedure.decision?.outcome === 'refused' ? [procedure.decision] : [],
      );
      return sameOrLast(refusals)?.reasons ?? [];
    }
    case 'suspension': {
      const suspension = sameOrLast(file.suspensions);
      return suspension ? [suspension.reason] : [];
    }
    case 'withdrawal':
      return file.withdrawal ? [file.withdrawal.reason] : [];
  }
}
