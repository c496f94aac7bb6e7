/**
 * What the organisation portal derives from the API's answers: its tasks in order, the step page
 * each opens, and per case the next deadline that concerns the organisation. No I/O.
 */

import { stepPagePath } from '@domain/step-pages';
import type { paths } from '../../api/schema';

export type PortalTask =
  paths['/tasks']['get']['responses'][200]['content']['application/json']['items'][number];
export type PortalCase =
  paths['/accreditations']['get']['responses'][200]['content']['application/json']['items'][number];

/** Earliest due first, tasks without a deadline last; the task id settles ties. */
export function sortTasks(tasks: readonly PortalTask[]): PortalTask[] {
  const dueOf = (task: PortalTask) => (task.dueAt ? Date.parse(task.dueAt) : Number.POSITIVE_INFINITY);
  return [...tasks].sort((a, b) => dueOf(a) - dueOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The page where the task is done: the form of its (first) step, else the accreditation page. */
export function taskPath(task: Pick<PortalTask, 'accreditationId' | 'subjectId' | 'actions'>): string {
  const [action] = task.actions;
  if (!action) return `/accreditations/${task.accreditationId}`;
  // The case itself is no subject worth naming in the link.
  const subject = task.subjectId === task.accreditationId ? undefined : task.subjectId;
  return stepPagePath(task.accreditationId, action.command, subject);
}

/** The organisation's own tasks, by the kinds the portal names. */
export const organisationTaskKinds = [
  'submit_application',
  'answer_request',
  'submit_corrective_action_evidence',
  'submit_action_plan',
  'submit_self_assessment',
  'apply_for_renewal',
] as const;
export type OrganisationTaskKind = (typeof organisationTaskKinds)[number] | 'other';

export const taskKind = (kind: string): OrganisationTaskKind =>
  (organisationTaskKinds as readonly string[]).includes(kind) ? (kind as OrganisationTaskKind) : 'other';

/** The case's deadlines that concern the organisation (reminders and DIM's internal ones do not). */
export const organisationDeadlineKinds = [
  'information_request_deadline',
  'objection_window_end',
  'corrective_action_deadline',
  'self_assessment_due',
  'renewal_window',
  'certificate_expiry',
  'maximum_suspension_end',
  'appeal_window_end',
] as const;
type OrganisationDeadlineKind = (typeof organisationDeadlineKinds)[number];

export type CaseDeadline =
  | { source: 'task'; kind: OrganisationTaskKind; at: string }
  | { source: 'case'; kind: OrganisationDeadlineKind; at: string };

/**
 * The next deadline of a case for the organisation: the earliest due date of its own open tasks
 * there, else the case's next deadline if it is one that concerns the organisation.
 */
export function caseDeadline(
  accreditation: Pick<PortalCase, 'id' | 'nextDeadline'>,
  tasks: readonly PortalTask[],
): CaseDeadline | null {
  const [first] = sortTasks(tasks.filter((task) => task.accreditationId === accreditation.id && task.dueAt));
  if (first?.dueAt) return { source: 'task', kind: taskKind(first.kind), at: first.dueAt };
  const next = accreditation.nextDeadline;
  if (next && (organisationDeadlineKinds as readonly string[]).includes(next.kind)) {
    return { source: 'case', kind: next.kind as OrganisationDeadlineKind, at: next.at };
  }
  return null;
}

/** Until when the organisation may object to the appointed lead auditor, if it may now. */
export function objectionWindowEnd(
  accreditation: Pick<PortalCase, 'status' | 'nextDeadline'>,
): string | null {
  const next = accreditation.nextDeadline;
  return accreditation.status === 'audit_planning' && next?.kind === 'objection_window_end' ? next.at : null;
}

/** Until when the organisation may appeal a decision of the case, if that is its next deadline. */
export function appealWindowEnd(accreditation: Pick<PortalCase, 'nextDeadline'>): string | null {
  const next = accreditation.nextDeadline;
  return next?.kind === 'appeal_window_end' ? next.at : null;
}
