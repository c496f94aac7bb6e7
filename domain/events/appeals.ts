import { z } from 'zod';
import { appealResumeStatuses } from '../statuses';
import { boundedList } from '../text-limits';
import { At, caused, DocumentIds, event, Id, Text } from './common';

/** ISO/IEC 17021-1 §9.7: the decisions an organisation may appeal against (rule set 4). */
export const AppealableDecisionSchema = z.enum(['refusal', 'rejection', 'suspension', 'withdrawal']);
/** Where an upheld appeal against a refusal or rejection takes the case back to. */
export const AppealResumeStatusSchema = z.enum(appealResumeStatuses);
/** What an appeal's outcome did to the case. */
export const AppealEffectSchema = z.enum([
  'new_decision',
  'application_reopened',
  'suspension_lifted',
  'certificate_restored',
  'none',
]);

/** Recorded with the decision: it may be appealed until `until`. */
export const AppealWindowOpenedSchema = event('AppealWindowOpened', {
  decisionId: Id,
  against: AppealableDecisionSchema,
  /** Who decided it; absent when a deadline did (they may not decide the appeal). */
  decidedBy: Id.optional(),
  until: At,
  /** With a refusal or rejection: where an upheld appeal takes the case back to. */
  resumeStatus: AppealResumeStatusSchema.optional(),
});
export const AppealWindowClosedSchema = event('AppealWindowClosed', { ...caused, decisionId: Id });
export const AppealLodgedSchema = event('AppealLodged', {
  appealId: Id,
  decisionId: Id,
  against: AppealableDecisionSchema,
  reasons: boundedList(Text).min(1),
  documentIds: DocumentIds,
  lodgedAt: At,
  decideBy: At,
  /** Decision makers who may not handle it: who decided what is appealed, and the case's auditors. */
  excludedUserIds: boundedList(Id),
});
export const AppealHandlerAssignedSchema = event('AppealHandlerAssigned', {
  appealId: Id,
  decisionMakerId: Id,
  assignedBy: Id,
});
export const AppealDecidedSchema = event('AppealDecided', {
  appealId: Id,
  against: AppealableDecisionSchema,
  outcome: z.enum(['upheld', 'dismissed']),
  reasons: boundedList(Text).min(1),
  decidedBy: Id,
  effect: AppealEffectSchema,
});

export type AppealableDecision = z.infer<typeof AppealableDecisionSchema>;
export type AppealResumeStatus = z.infer<typeof AppealResumeStatusSchema>;
export type AppealEffect = z.infer<typeof AppealEffectSchema>;
