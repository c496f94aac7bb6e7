import type { CommandContext, CommandOf } from '../commands';
import { isBefore } from '../duration';
import type { AccreditationEvent } from '../events';
import { type AccreditationCase, assertNever } from '../state';
import { dueTimers, type Timer } from '../timers';
import { authorise } from './authorise';
import { accept, type Decision, reject } from './outcome';
import { caseManagerOf, findSelfAssessment, organisationOf } from './shared';

/** `dueTimers` lists a timer only while its subject exists, so a missing one is a programming error. */
function present<T>(subject: T | null | undefined, timer: Timer): T {
  if (subject === null || subject === undefined) throw new Error(`Timer ${timer.id} has lost its subject`);
  return subject;
}

// ─── the clock ───────────────────────────────────────────────────────────────────────────────────

export function elapseTimer(
  command: CommandOf<'ElapseTimer'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const timer = dueTimers(state).find((candidate) => candidate.id === command.data.timerId);
  if (!timer) return reject('unknown_timer', `No timer ${command.data.timerId} is running`);
  if (isBefore(context.now, timer.at)) {
    return reject('timer_not_due', `Timer ${timer.id} runs out at ${timer.at}`);
  }
  return accept(...timerEvents(timer, state, context));
}

function timerEvents(timer: Timer, state: AccreditationCase, context: CommandContext): AccreditationEvent[] {
  const timerId = timer.id;
  const selfAssessment = () => present(findSelfAssessment(state, timer.subjectId), timer);
  const selfAssessmentReminder = (reminder: 'upcoming' | 'due' | 'overdue'): AccreditationEvent => ({
    type: 'SelfAssessmentReminderSent',
    data: {
      timerId,
      selfAssessmentId: timer.subjectId,
      reminder,
      dueAt: selfAssessment().dueAt,
      recipient: organisationOf(state),
    },
  });

  switch (timer.kind) {
    case 'information_request_reminder':
      return [
        {
          type: 'InformationRequestReminderSent',
          data: {
            timerId,
            requestId: timer.subjectId,
            respondBy: present(state.openRequest, timer).respondBy,
            recipient: organisationOf(state),
          },
        },
      ];
    case 'information_request_deadline':
      return state.openRequest?.kind === 'information'
        ? [
            {
              type: 'ApplicationRejected',
              data: {
                timerId,
                reasons: [`Information request ${timer.subjectId} was not answered by ${timer.at}`],
                rejectedBy: context.actor.id,
              },
            },
          ]
        : [
            {
              type: 'DocumentsRequestLapsed',
              data: {
                timerId,
                requestId: timer.subjectId,
                recipient: state.documentReviewerId
                  ? { role: 'auditor', userId: state.documentReviewerId }
                  : caseManagerOf(state),
              },
            },
          ];
    case 'objection_window_end':
      return [
        {
          type: 'AuditorObjectionWindowClosed',
          data: {
            timerId,
            assignmentId: timer.subjectId,
            auditorId: present(state.leadAuditor, timer).auditorId,
          },
        },
      ];
    case 'document_review_reminder':
      return [
        {
          type: 'AuditorDeadlineApproaching',
          data: {
            timerId,
            task: 'complete_document_review',
            dueAt: present(state.documentReviewDueBy, timer),
            recipient: { role: 'auditor', userId: present(state.documentReviewerId, timer) },
          },
        },
      ];
    case 'audit_report_reminder':
      return [
        {
          type: 'AuditorDeadlineApproaching',
          data: {
            timerId,
            task: 'complete_audit_elements',
            dueAt: present(state.auditReportDueBy, timer),
            recipient: { role: 'auditor', userId: present(state.leadAuditor, timer).auditorId },
          },
        },
      ];
    case 'verification_reminder': {
      const finding = present(
        state.findings.find((candidate) => candidate.findingId === timer.subjectId),
        timer,
      );
      return [
        {
          type: 'AuditorDeadlineApproaching',
          data: {
            timerId,
            task: 'verify_finding',
            dueAt: present(finding.verifyBy, timer),
            findingId: finding.findingId,
            recipient: { role: 'auditor', userId: present(state.leadAuditor, timer).auditorId },
          },
        },
      ];
    }
    case 'corrective_action_deadline':
      return [
        {
          type: 'AccreditationRefused',
          data: {
            timerId,
            reasons: [`The corrective action for finding ${timer.subjectId} was not verified by ${timer.at}`],
            decidedBy: context.actor.id,
            renewal: state.certificate !== null,
          },
        },
      ];
    case 'self_assessment_reminder':
      return [selfAssessmentReminder('upcoming')];
    case 'self_assessment_due':
      return [selfAssessmentReminder('due')];
    case 'self_assessment_overdue':
      return [selfAssessmentReminder('overdue')];
    case 'self_assessment_escalation':
      return [
        {
          type: 'SelfAssessmentEscalated',
          data: {
            timerId,
            selfAssessmentId: timer.subjectId,
            dueAt: selfAssessment().dueAt,
            recipient: caseManagerOf(state),
          },
        },
      ];
    case 'self_assessment_suspension_proposal':
      return [
        {
          type: 'SuspensionProposed',
          data: {
            timerId,
            proposalId: timerId,
            selfAssessmentId: timer.subjectId,
            reason: `Self-assessment ${timer.subjectId} has been overdue since ${selfAssessment().dueAt}`,
            recipient: caseManagerOf(state),
          },
        },
      ];
    case 'renewal_window':
      return [
        {
          type: 'RenewalWindowOpened',
          data: {
            timerId,
            certificateNumber: timer.subjectId,
            expiresAt: present(state.certificate, timer).validUntil,
            recipient: organisationOf(state),
          },
        },
      ];
    case 'certificate_expiry': {
      const next = state.nextCertificate;
      return next
        ? [
            {
              type: 'CycleRenewed',
              data: {
                timerId,
                cycle: next.cycle,
                certificateNumber: next.certificateNumber,
                validFrom: next.validFrom,
                validUntil: next.validUntil,
              },
            },
          ]
        : [
            {
              type: 'AccreditationExpired',
              data: { timerId, certificateNumber: timer.subjectId, expiredAt: timer.at },
            },
          ];
    }
    case 'maximum_suspension_end':
      return [
        {
          type: 'AccreditationWithdrawn',
          data: {
            timerId,
            reason: `Not reinstated within the maximum suspension period (suspension ${timer.subjectId})`,
            withdrawnAt: context.now,
          },
        },
      ];
    case 'complaint_acknowledgement_deadline':
      return [
        {
          type: 'ComplaintAcknowledgementOverdue',
          data: { timerId, complaintId: timer.subjectId, recipient: caseManagerOf(state) },
        },
      ];
    default:
      return assertNever(timer.kind);
  }
}
