import type { CaseFile, Stamped } from './schema';

type AppealEvent =
  | Stamped<'AppealWindowOpened'>
  | Stamped<'AppealWindowClosed'>
  | Stamped<'AppealLodged'>
  | Stamped<'AppealHandlerAssigned'>
  | Stamped<'AppealDecided'>;

/** Decisions open to appeal and their appeals (rule set 4). */
export function appealEvent(file: CaseFile, event: AppealEvent): void {
  const { at, by } = event;
  file.appeals ??= [];
  if (event.type === 'AppealWindowOpened') {
    const { decisionId, against, decidedBy, until } = event.data;
    file.appeals.push({ decisionId, against, ...(decidedBy ? { decidedBy } : {}), at, until, appeal: null });
    return;
  }
  if (event.type === 'AppealWindowClosed' || event.type === 'AppealLodged') {
    const decision = file.appeals.find((candidate) => candidate.decisionId === event.data.decisionId);
    if (!decision) return;
    if (event.type === 'AppealWindowClosed') {
      decision.windowClosedAt = at;
      return;
    }
    const { appealId, reasons, documentIds, lodgedAt, decideBy } = event.data;
    decision.appeal = {
      appealId,
      reasons,
      documentIds,
      lodgedAt,
      by,
      decideBy,
      handlerId: null,
      decision: null,
    };
    return;
  }
  const appeal = file.appeals.find((candidate) => candidate.appeal?.appealId === event.data.appealId)?.appeal;
  if (!appeal) return;
  if (event.type === 'AppealHandlerAssigned') {
    appeal.handlerId = event.data.decisionMakerId;
    return;
  }
  const { outcome, reasons, effect, decidedBy } = event.data;
  appeal.decision = { outcome, reasons, effect, decidedBy, at };
}
