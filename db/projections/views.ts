/**
 * The read-model rows of one accreditation, as pure functions of the domain state (folded by the
 * domain's `evolve`) and, for the register and the outbox, of the event that changed it. No I/O
 * and no clock: the same events give the same rows, live or in a rebuild.
 */
import type { Insertable } from 'kysely';
import {
  type AccreditationCase,
  type AccreditationState,
  excludedDeciders,
} from '../../domain/accreditation';
import type { AccreditationEvent, Recipient } from '../../domain/events';
import type { Role } from '../../domain/roles';
import type { Task } from '../../domain/tasks';
import type { Timer } from '../../domain/timers';
import { waitingFor } from '../../domain/waiting';
import type {
  AccreditationsTable,
  CertificateNumbersTable,
  CertificatesTable,
  DeadlinesTable,
  NotificationsTable,
  TasksTable,
} from '../database';
import type { RecordedEvent } from '../event-types';
import type { NotificationPayload } from '../notifications';

/**
 * `open` and `timers`: the case's `openTasks(state)` and `dueTimers(state)`, computed once for this
 * row and the task and deadline rows.
 */
export function accreditationRow(
  streamId: string,
  state: AccreditationCase,
  open: readonly Task[],
  timers: readonly Timer[],
  version: number,
  last: RecordedEvent,
  openedAt: string,
): Insertable<AccreditationsTable> {
  const certificate = state.certificate;
  const [next] = timers;
  const [firstTaskDue] = open.flatMap((task) => (task.dueAt ? [task.dueAt] : [])).sort();
  const waiting = waitingFor(state, timers);
  return {
    stream_id: streamId,
    accreditation_id: state.accreditationId,
    status: state.status,
    organisation_id: state.organisationId,
    organisation_name: state.organisationName,
    cycle: state.cycle,
    certificate_number: certificate?.certificateNumber ?? null,
    valid_from: certificate?.validFrom ?? null,
    valid_until: certificate?.validUntil ?? null,
    next_deadline_at: next?.at ?? null,
    next_deadline_kind: next?.kind ?? null,
    first_task_due_at: firstTaskDue ?? null,
    waiting_reason: waiting?.reason ?? null,
    waiting_until: waiting?.until ?? null,
    waiting_subject_id: waiting?.subjectId ?? null,
    case_manager_id: state.caseManagerId,
    auditor_ids: state.auditorsInvolved,
    state: JSON.stringify(state),
    version,
    last_global_position: last.globalPosition,
    opened_at: openedAt,
    updated_at: last.businessTime,
  };
}

/** `since`: since when each task is open; null or absent, since before (its stored row knows). */
export function taskRows(
  streamId: string,
  state: AccreditationCase,
  open: readonly Task[],
  since: ReadonlyMap<string, string | null>,
): Insertable<TasksTable>[] {
  return open.map((task) => ({
    stream_id: streamId,
    task_id: task.id,
    accreditation_id: state.accreditationId,
    kind: task.kind,
    assignee_role: task.assigneeRole,
    assignee_id: task.assigneeId,
    excluded_user_ids: task.excludedUserIds ?? [],
    subject_id: task.subjectId,
    due_at: task.dueAt,
    organisation_name: state.organisationName,
    opened_at: since.get(task.id) ?? null,
  }));
}

export function deadlineRows(
  streamId: string,
  state: AccreditationCase,
  timers: readonly Timer[],
): Insertable<DeadlinesTable>[] {
  return timers.map((timer) => ({
    stream_id: streamId,
    deadline_id: timer.id,
    accreditation_id: state.accreditationId,
    kind: timer.kind,
    due_at: timer.at,
    subject_id: timer.subjectId,
  }));
}

type RegisterStatus = CertificatesTable['status'];

function registerStatus(state: AccreditationCase): RegisterStatus {
  if (state.status === 'withdrawn') return 'withdrawn';
  if (state.status === 'expired') return 'expired';
  if (state.status === 'suspended') return 'suspended';
  return 'valid';
}

/**
 * Public-register rows that `event` changed: the current certificate when its status or validity
 * changed, and a certificate replaced by its renewal (then expired). No personal data.
 */
export function certificateChanges(
  streamId: string,
  before: AccreditationState,
  after: AccreditationState,
  event: RecordedEvent,
): Insertable<CertificatesTable>[] {
  if (after.status === 'none') return [];
  const rows: Insertable<CertificatesTable>[] = [];
  const previous = before.status === 'none' ? null : before.certificate;
  const current = after.certificate;
  if (previous && previous.certificateNumber !== current?.certificateNumber) {
    rows.push({
      certificate_number: previous.certificateNumber,
      stream_id: streamId,
      organisation_name: after.organisationName,
      status: 'expired',
      valid_from: previous.validFrom,
      valid_until: previous.validUntil,
      scope: before.status === 'none' ? after.scope : before.scope,
      updated_at: event.businessTime,
    });
  }
  if (current) {
    const status = registerStatus(after);
    const unchanged =
      before.status !== 'none' &&
      previous?.certificateNumber === current.certificateNumber &&
      previous.validFrom === current.validFrom &&
      previous.validUntil === current.validUntil &&
      registerStatus(before) === status &&
      before.organisationName === after.organisationName &&
      before.scope === after.scope;
    if (!unchanged) {
      rows.push({
        certificate_number: current.certificateNumber,
        stream_id: streamId,
        organisation_name: after.organisationName,
        status,
        valid_from: current.validFrom,
        valid_until: current.validUntil,
        scope: after.scope,
        updated_at: event.businessTime,
      });
    }
  }
  return rows;
}

/** The certificate number a grant (first or renewal) issues: held by this case from the grant on. */
export function grantedNumbers(
  streamId: string,
  event: RecordedEvent,
): Insertable<CertificateNumbersTable>[] {
  if (event.type !== 'AccreditationGranted') return [];
  const { certificateNumber } = event.data as { certificateNumber: string };
  return [{ certificate_number: certificateNumber, stream_id: streamId, granted_at: event.businessTime }];
}

interface Notice {
  kind: string;
  role: Role;
  /** The user, or for the role `organisation` the organisation; null: every holder of the role. */
  recipientId: string | null;
  /** Holders of the role who must not be told (four-eyes principle: the case's auditors). */
  excludedUserIds?: string[];
}

function snakeCase(type: string): string {
  return type.replace(/[A-Z]/g, (letter, index: number) => (index === 0 ? '' : '_') + letter.toLowerCase());
}

/**
 * Whom an event must be told to (README "Who is told what"). The organisation's contact learns
 * every step it must act on or that changes its certificate; auditors their new tasks and audit
 * dates; the case manager escalations, overdue items, objections and complaints; decision makers
 * a case ready for decision and a suspension proposal.
 */
function notices(event: AccreditationEvent, before: AccreditationState, state: AccreditationCase): Notice[] {
  const kind = snakeCase(event.type);
  const organisation: Notice = { kind, role: 'organisation', recipientId: state.organisationId };
  const caseManager: Notice = { kind, role: 'staff', recipientId: state.caseManagerId };
  const auditor = (auditorId: string | null | undefined): Notice[] =>
    auditorId ? [{ kind, role: 'auditor', recipientId: auditorId }] : [];
  const decisionMakers = (noticeKind: string): Notice => ({
    kind: noticeKind,
    role: 'decision_maker',
    recipientId: null,
    excludedUserIds: excludedDeciders(state),
  });
  const list = eventNotices();
  // The case is ready for decision whichever step completed it: to the queue, or to the decision
  // maker who holds the case's decisions.
  if (before.status !== 'awaiting_decision' && state.status === 'awaiting_decision') {
    list.push(
      state.decisionMakerId ? decisionMaker('ready_for_decision') : decisionMakers('ready_for_decision'),
    );
  }
  // A scope change is assessed (rule set 6): any decision maker who did not audit the case may decide it.
  const stageBefore = before.status === 'none' ? undefined : before.scopeChange?.stage;
  if (stageBefore !== 'decision' && state.scopeChange?.stage === 'decision') {
    list.push(decisionMakers('scope_change_ready_for_decision'));
  }
  // The suspension's cause is cured: whoever decides the reinstatement is asked to.
  const cured = (s: AccreditationState) => s.status === 'suspended' && s.suspension?.causeCured === true;
  if (!cured(before) && cured(state)) {
    list.push(
      state.suspension?.decidedBy
        ? decisionMaker('reinstatement_due')
        : { ...caseManager, kind: 'reinstatement_due' },
    );
  }
  return list;

  function decisionMaker(noticeKind: string): Notice {
    const recipientId = state.decisionMakerId ?? state.suspension?.decidedBy ?? null;
    return {
      kind: noticeKind,
      role: 'decision_maker',
      recipientId,
      excludedUserIds: excludedDeciders(state),
    };
  }

  function eventNotices(): Notice[] {
    switch (event.type) {
      // Reminders and escalations name their recipient.
      case 'InformationRequestReminderSent':
      case 'DocumentsRequestLapsed':
      case 'SelfAssessmentEscalated':
      case 'RenewalWindowOpened':
      case 'ComplaintAcknowledgementOverdue':
      case 'AuditorDeadlineApproaching':
      case 'OwedStepReminderSent':
      case 'OwedStepEscalated':
        return [recipientNotice(kind, event.data.recipient)];
      case 'SelfAssessmentReminderSent': {
        const notice = recipientNotice(kind, event.data.recipient);
        // Overdue: the case manager learns it too.
        return event.data.reminder === 'overdue' && notice.role !== 'staff'
          ? [notice, caseManager]
          : [notice];
      }
      case 'SuspensionProposed':
        // Rule set 3 proposes to the decision makers' queue; the case manager learns of it.
        return event.data.recipient.role === 'decision_maker'
          ? [caseManager, decisionMakers(kind)]
          : [recipientNotice(kind, event.data.recipient), decisionMakers(kind)];
      case 'LapseProposed':
        // To the decision makers' queue (rule set 3); the case manager learns of it.
        return [caseManager, decisionMakers(kind)];
      case 'AppealLodged':
        // Acknowledged to the organisation; to the decision makers not involved, and the case manager.
        return [
          organisation,
          caseManager,
          { kind, role: 'decision_maker', recipientId: null, excludedUserIds: event.data.excludedUserIds },
        ];
      case 'AppealHandlerAssigned':
        return event.data.assignedBy === event.data.decisionMakerId
          ? []
          : [{ kind, role: 'decision_maker', recipientId: event.data.decisionMakerId }];
      case 'AppealDecided':
        return [organisation, caseManager];
      case 'DecisionMakerAssigned':
        // Given by staff: the decision maker is asked; one who took it knows.
        return event.data.assignedBy === event.data.decisionMakerId
          ? []
          : [{ kind, role: 'decision_maker', recipientId: event.data.decisionMakerId }];
      case 'ApplicationSubmitted':
        // Receipt to the applicant; the review task to the case manager.
        return [organisation, caseManager];
      case 'InformationRequested':
      case 'DocumentsRequested':
      case 'ApplicationRejected':
      case 'AccreditationGranted':
      case 'AccreditationRefused':
      case 'AccreditationReinstated':
      case 'AccreditationExpired':
      case 'CycleRenewed':
      case 'DeadlineExtended':
      case 'ComplaintAcknowledged':
      case 'ComplaintDecided':
      case 'SpecialAuditClosed':
        return [organisation];
      case 'SpecialAuditScheduled':
      case 'ScopeChangeApplied':
      case 'ScopeChangeDecided':
        return [organisation, caseManager];
      case 'ScopeChangeAssessed':
        return auditor(event.data.reviewerId);
      case 'InformationProvided':
      case 'AuditorObjected':
      case 'SelfAssessmentSubmitted':
      case 'RenewalApplied':
      case 'ComplaintReceived':
        return [caseManager];
      case 'AccreditationSuspended':
      case 'AccreditationWithdrawn':
        return [organisation, caseManager];
      case 'DocumentReviewerAssigned':
        return auditor(event.data.auditorId);
      case 'LeadAuditorAssigned':
        // The organisation may object to the auditor within the window.
        return [...auditor(event.data.auditorId), organisation];
      case 'AuditDateSet':
        return [organisation, ...auditor(state.leadAuditor?.auditorId)];
      case 'ReviewGapsReferredToAudit':
        // What the audit will verify: the organisation can bring the evidence.
        return [organisation];
      case 'AuditElementCompleted':
        // Findings and their deadlines; an element without findings tells nobody.
        return event.data.findings.length > 0 ? [organisation] : [];
      case 'CorrectiveActionEvidenceSubmitted':
      case 'ActionPlanSubmitted':
        return auditor(state.leadAuditor?.auditorId);
      case 'CorrectiveActionVerified':
        // Not effective: the finding is open again.
        return event.data.effective ? [] : [organisation];
      case 'ComplaintInvestigatorAssigned':
        return [{ kind, role: 'staff', recipientId: event.data.investigatorId }];
      default:
        return [];
    }
  }
}

function recipientNotice(kind: string, recipient: Recipient): Notice {
  return { kind, role: recipient.role, recipientId: recipient.userId ?? recipient.organisationId ?? null };
}

/** Outbox rows for `event` (`before` / `state` = the case before and after it); ids are deterministic. */
export function notificationRows(
  event: RecordedEvent,
  state: AccreditationState,
  before: AccreditationState = { status: 'none' },
): Insertable<NotificationsTable>[] {
  if (state.status === 'none') return [];
  const domainEvent = { type: event.type, data: event.data } as AccreditationEvent;
  return notices(domainEvent, before, state).map((notice) => {
    const payload: NotificationPayload = {
      accreditationId: state.accreditationId,
      organisationName: state.organisationName,
      status: state.status,
      cycle: state.cycle,
      data: event.data,
      ...(notice.excludedUserIds ? { excludedUserIds: notice.excludedUserIds } : {}),
    };
    return {
      notification_id: `${event.streamId}/${event.version}/${notice.kind}/${notice.role}`,
      stream_id: event.streamId,
      global_position: event.globalPosition,
      event_type: event.type,
      kind: notice.kind,
      recipient_role: notice.role,
      recipient_id: notice.recipientId,
      payload: JSON.stringify(payload),
      last_error: null,
      created_at: event.businessTime,
      sent_at: null,
    };
  });
}
