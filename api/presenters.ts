import { z } from 'zod';
import type { AccreditationSummaryRow, TaskRow, UserRow } from '../db/database';
import type { AccreditationDetail, CaseDeadline } from '../db/read-model';
import type { CaseFile } from '../domain/case-file/schema';
import {
  type CaseFileViewer,
  mayView,
  seesInternal,
  seesTimer,
  seesWholeCase,
} from '../domain/case-file/visibility';
import { userRoles } from '../domain/roles';
import { type WaitingReason, waitingReasons } from '../domain/waiting';
import { actionsForTask } from './step-routes';

const iso = (value: Date | null) => (value ? value.toISOString() : null);
const DateTime = z.iso.datetime({ offset: true });

export const TaskSchema = z
  .object({
    id: z.string(),
    accreditationId: z.string(),
    organisationName: z.string(),
    kind: z.string().describe('What is to be done, e.g. complete_document_review'),
    assigneeRole: z.string(),
    assigneeId: z
      .string()
      .nullable()
      .describe('The user or organisation; null when anyone with the role may act'),
    subjectId: z.string().describe('The case, request, finding, audit element, self-assessment or complaint'),
    dueAt: DateTime.nullable(),
    overdue: z.boolean(),
    actions: z
      .array(z.object({ command: z.string(), method: z.literal('POST'), path: z.string() }))
      .describe('The routes that complete the task'),
  })
  .describe('An open human task');

export function presentTask(task: TaskRow, now: Date = new Date()): z.infer<typeof TaskSchema> {
  return {
    id: task.task_id,
    accreditationId: task.accreditation_id,
    organisationName: task.organisation_name,
    kind: task.kind,
    assigneeRole: task.assignee_role,
    assigneeId: task.assignee_id,
    subjectId: task.subject_id,
    dueAt: iso(task.due_at),
    overdue: task.due_at !== null && task.due_at.getTime() < now.getTime(),
    actions: actionsForTask(task.kind).map(({ type, path }) => ({
      command: type,
      method: 'POST' as const,
      path: `/accreditations/${task.accreditation_id}/${path}`,
    })),
  };
}

export const AccreditationSummarySchema = z.object({
  id: z.uuid(),
  status: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  cycle: z.number().int(),
  caseManagerId: z.string(),
  auditorIds: z.array(z.string()),
  certificate: z
    .object({ number: z.string(), validFrom: DateTime.nullable(), validUntil: DateTime.nullable() })
    .nullable(),
  nextDeadline: z.object({ kind: z.string(), at: DateTime }).nullable(),
  waitingFor: z
    .object({
      reason: z.enum(waitingReasons),
      until: DateTime.nullable().describe('When the wait ends; null: until a decision maker decides'),
      subjectId: z.string(),
    })
    .nullable()
    .describe('What the case waits for when it waits for time (or for a decision on a lapsed deadline)'),
  version: z.number().int(),
  openedAt: DateTime,
  updatedAt: DateTime,
});

export const AccreditationResponse = AccreditationSummarySchema.extend({
  openTasks: z.array(TaskSchema),
  timeline: z.array(
    z.object({
      version: z.number().int(),
      type: z.string(),
      at: DateTime,
      actorId: z.string().nullable(),
      actorRole: z.string().nullable(),
    }),
  ),
});

export function presentSummary(row: AccreditationSummaryRow): z.infer<typeof AccreditationSummarySchema> {
  return {
    id: row.accreditation_id,
    status: row.status,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    cycle: row.cycle,
    caseManagerId: row.case_manager_id,
    auditorIds: row.auditor_ids,
    certificate: row.certificate_number
      ? { number: row.certificate_number, validFrom: iso(row.valid_from), validUntil: iso(row.valid_until) }
      : null,
    nextDeadline:
      row.next_deadline_kind && row.next_deadline_at
        ? { kind: row.next_deadline_kind, at: row.next_deadline_at.toISOString() }
        : null,
    waitingFor: row.waiting_reason
      ? {
          reason: row.waiting_reason as WaitingReason,
          until: iso(row.waiting_until),
          subjectId: row.waiting_subject_id ?? '',
        }
      : null,
    version: row.version,
    openedAt: row.opened_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** `now`: the instant overdue tasks are judged at (the `asOf` of a past view). */
export function presentAccreditation(
  { row, tasks, timeline }: AccreditationDetail,
  now: Date = new Date(),
): z.infer<typeof AccreditationResponse> {
  return {
    ...presentSummary(row),
    openTasks: tasks.map((task) => presentTask(task, now)),
    timeline: timeline.map((event) => ({
      version: event.stream_version,
      type: event.event_type,
      at: event.business_time.toISOString(),
      actorId: event.actor_id,
      actorRole: event.actor_role,
    })),
  };
}

/**
 * The accreditation as the user may see it: its open tasks and timeline by the case file's rule
 * (`domain/case-file/visibility.ts`); `file` (the case file at the same point) tells whose
 * complaints they investigate. Staff and administrators see everything.
 */
export function detailSeenBy(
  detail: AccreditationDetail,
  user: Pick<UserRow, 'role' | 'user_id'>,
  file: CaseFile,
): AccreditationDetail {
  const viewer = { role: user.role, userId: user.user_id };
  if (seesWholeCase(viewer)) return detail;
  return {
    row: summarySeenBy(detail.row, detail.deadlines, viewer),
    deadlines: detail.deadlines.filter((deadline) => seesTimer(viewer, deadline.kind)),
    tasks: detail.tasks.filter((task) =>
      mayView(viewer, file, { task: task.kind, subjectId: task.subject_id }),
    ),
    timeline: detail.timeline.filter((entry) =>
      mayView(viewer, file, { event: entry.event_type, complaintId: entry.complaint_id }),
    ),
  };
}

/**
 * A case's summary as a viewer who does not see every deadline sees it (`seesTimer`): the next
 * deadline they may see, and a wait that ends at one they may not (an escalation, a proposal to a
 * decision maker) without its end; a lapse proposed to a decision maker is DIM's internal wait.
 * `deadlines`: the case's timers, earliest first.
 */
export function summarySeenBy(
  row: AccreditationSummaryRow,
  deadlines: readonly CaseDeadline[],
  viewer: CaseFileViewer,
): AccreditationSummaryRow {
  if (seesWholeCase(viewer)) return row;
  const next = deadlines.find((deadline) => seesTimer(viewer, deadline.kind));
  const hiddenEnd = deadlines.some(
    (deadline) =>
      !seesTimer(viewer, deadline.kind) &&
      deadline.subject_id === row.waiting_subject_id &&
      deadline.due_at.getTime() === row.waiting_until?.getTime(),
  );
  const internalWait = row.waiting_reason === 'lapse_decision' && !seesInternal(viewer);
  return {
    ...row,
    next_deadline_kind: next?.kind ?? null,
    next_deadline_at: next?.due_at ?? null,
    ...(internalWait
      ? { waiting_reason: null, waiting_until: null, waiting_subject_id: null }
      : hiddenEnd
        ? { waiting_until: null }
        : {}),
  };
}

const userFields = {
  email: z.string(),
  name: z.string(),
  role: z.enum(userRoles),
  organisationId: z.string().nullable(),
  language: z.enum(['de', 'en']),
};

/** A user as the users routes show it. */
export const UserSchema = z.object({ id: z.string(), ...userFields });
/** A user as the sign-in routes show the signed-in person (the sign-in contract names the id `userId`). */
export const SessionUserSchema = z.object({ userId: z.string(), ...userFields });

const presentUserFields = (user: UserRow) => ({
  email: user.email,
  name: user.name,
  role: user.role,
  organisationId: user.organisation_id,
  language: user.language,
});

export const presentUser = (user: UserRow): z.infer<typeof UserSchema> => ({
  id: user.user_id,
  ...presentUserFields(user),
});

export const presentSessionUser = (user: UserRow): z.infer<typeof SessionUserSchema> => ({
  userId: user.user_id,
  ...presentUserFields(user),
});
