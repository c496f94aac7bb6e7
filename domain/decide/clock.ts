import type { CommandContext, CommandOf } from '../commands';
import { isBefore } from '../duration';
import type { AccreditationEvent, OwedStep, Recipient } from '../events';
import type { AccreditationCase } from '../state';
import { dueTimers, owedSteps, type Timer, type TimerKind } from '../timers';
import { authorise } from './authorise';
import { lapse } from './lapses';
import { accept, type Decision, reject } from './outcome';
import { caseManagerOf, findSelfAssessment, organisationOf, rulesSince } from './shared';

/** `dueTimers` lists a timer only while its subject exists, so a missing one is a programming error. */
function present<T>(subject: T | null | undefined, timer: Timer): T {
  if (subject === null || subject === undefined) throw new Error(`Timer ${timer.id} has lost its subject`);
  return subject;
}

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
  return accept(...timerEvents[timer.kind](timer, state, context));
}

type TimerEvents = (timer: Timer, state: AccreditationCase, context: CommandContext) => AccreditationEvent[];

const selfAssessmentDueAt = (timer: Timer, state: AccreditationCase) =>
  present(findSelfAssessment(state, timer.subjectId), timer).dueAt;

const selfAssessmentReminder =
  (reminder: 'upcoming' | 'due' | 'overdue'): TimerEvents =>
  (timer, state) => [
    {
      type: 'SelfAssessmentReminderSent',
      data: {
        timerId: timer.id,
        selfAssessmentId: timer.subjectId,
        reminder,
        dueAt: selfAssessmentDueAt(timer, state),
        recipient: organisationOf(state),
      },
    },
  ];

/** Who owes each step: the organisation, the lead auditor who sets the audit date, or the appeal's decision maker. */
function owedBy(owed: OwedStep, timer: Timer, state: AccreditationCase): Recipient {
  if (owed === 'audit_date') return { role: 'auditor', userId: present(state.leadAuditor, timer).auditorId };
  if (owed !== 'appeal_decision') return organisationOf(state);
  const handlerId = state.appeals?.find((appeal) => appeal.appealId === timer.subjectId)?.handlerId;
  return handlerId ? { role: 'decision_maker', userId: handlerId } : { role: 'decision_maker' };
}

const owedStepEvent =
  (type: 'OwedStepReminderSent' | 'OwedStepEscalated'): TimerEvents =>
  (timer, state) => {
    const owed = present(
      owedSteps(state).find((candidate) => candidate.subjectId === timer.subjectId),
      timer,
    );
    const debtor = owedBy(owed.owed, timer, state);
    const recipient = type === 'OwedStepEscalated' ? caseManagerOf(state) : debtor;
    const { owed: kind, subjectId, dueAt } = owed;
    return [{ type, data: { timerId: timer.id, owed: kind, subjectId, dueAt, recipient } }];
  };

/** What each timer leads to when it runs out. */
const timerEvents: Record<TimerKind, TimerEvents> = {
  information_request_reminder: (timer, state) => [
    {
      type: 'InformationRequestReminderSent',
      data: {
        timerId: timer.id,
        requestId: timer.subjectId,
        respondBy: present(state.openRequest, timer).respondBy,
        recipient: organisationOf(state),
      },
    },
  ],
  information_request_deadline: (timer, state, context) =>
    state.openRequest?.kind === 'information'
      ? lapse(timer, state, context, {
          target: { kind: 'information_request', id: timer.subjectId },
          reasons: [`Information request ${timer.subjectId} was not answered by ${timer.at}`],
        })
      : [
          {
            type: 'DocumentsRequestLapsed',
            data: {
              timerId: timer.id,
              requestId: timer.subjectId,
              recipient: state.documentReviewerId
                ? { role: 'auditor', userId: state.documentReviewerId }
                : caseManagerOf(state),
            },
          },
        ],
  objection_window_end: (timer, state) => [
    {
      type: 'AuditorObjectionWindowClosed',
      data: {
        timerId: timer.id,
        assignmentId: timer.subjectId,
        auditorId: present(state.leadAuditor, timer).auditorId,
      },
    },
  ],
  document_review_reminder: (timer, state) => [
    {
      type: 'AuditorDeadlineApproaching',
      data: {
        timerId: timer.id,
        task: 'complete_document_review',
        dueAt: present(state.documentReviewDueBy, timer),
        recipient: { role: 'auditor', userId: present(state.documentReviewerId, timer) },
      },
    },
  ],
  audit_report_reminder: (timer, state) => [
    {
      type: 'AuditorDeadlineApproaching',
      data: {
        timerId: timer.id,
        task: 'complete_audit_elements',
        dueAt: present(state.auditReportDueBy, timer),
        recipient: { role: 'auditor', userId: present(state.leadAuditor, timer).auditorId },
      },
    },
  ],
  verification_reminder: (timer, state) => {
    const finding = present(
      state.findings.find((candidate) => candidate.findingId === timer.subjectId),
      timer,
    );
    return [
      {
        type: 'AuditorDeadlineApproaching',
        data: {
          timerId: timer.id,
          task: 'verify_finding',
          dueAt: present(finding.verifyBy, timer),
          findingId: finding.findingId,
          recipient: { role: 'auditor', userId: present(state.leadAuditor, timer).auditorId },
        },
      },
    ];
  },
  corrective_action_deadline: (timer, state, context) =>
    lapse(timer, state, context, {
      target: { kind: 'corrective_action', id: timer.subjectId },
      reasons: [`The corrective action for finding ${timer.subjectId} was not verified by ${timer.at}`],
    }),
  self_assessment_reminder: selfAssessmentReminder('upcoming'),
  self_assessment_due: selfAssessmentReminder('due'),
  self_assessment_overdue: selfAssessmentReminder('overdue'),
  self_assessment_escalation: (timer, state) => [
    {
      type: 'SelfAssessmentEscalated',
      data: {
        timerId: timer.id,
        selfAssessmentId: timer.subjectId,
        dueAt: selfAssessmentDueAt(timer, state),
        recipient: caseManagerOf(state),
      },
    },
  ],
  self_assessment_suspension_proposal: (timer, state, context) => [
    {
      type: 'SuspensionProposed',
      data: {
        timerId: timer.id,
        proposalId: timer.id,
        selfAssessmentId: timer.subjectId,
        reason: `Self-assessment ${timer.subjectId} has been overdue since ${selfAssessmentDueAt(timer, state)}`,
        // Rule set 3: to the decision makers' queue (ISO/IEC 17021-1: suspension is the decision function's).
        recipient: rulesSince(context, 3) ? { role: 'decision_maker' } : caseManagerOf(state),
      },
    },
  ],
  renewal_window: (timer, state) => [
    {
      type: 'RenewalWindowOpened',
      data: {
        timerId: timer.id,
        certificateNumber: timer.subjectId,
        expiresAt: present(state.certificate, timer).validUntil,
        recipient: organisationOf(state),
      },
    },
  ],
  certificate_expiry: (timer, state) => {
    const next = state.nextCertificate;
    return next
      ? [
          {
            type: 'CycleRenewed',
            data: {
              timerId: timer.id,
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
            data: { timerId: timer.id, certificateNumber: timer.subjectId, expiredAt: timer.at },
          },
        ];
  },
  maximum_suspension_end: (timer, _state, context) => [
    {
      type: 'AccreditationWithdrawn',
      data: {
        timerId: timer.id,
        reason: `Not reinstated within the maximum suspension period (suspension ${timer.subjectId})`,
        withdrawnAt: context.now,
      },
    },
  ],
  owed_step_reminder: owedStepEvent('OwedStepReminderSent'),
  owed_step_escalation: owedStepEvent('OwedStepEscalated'),
  appeal_window_end: (timer) => [
    { type: 'AppealWindowClosed', data: { timerId: timer.id, decisionId: timer.subjectId } },
  ],
  complaint_acknowledgement_deadline: (timer, state) => [
    {
      type: 'ComplaintAcknowledgementOverdue',
      data: { timerId: timer.id, complaintId: timer.subjectId, recipient: caseManagerOf(state) },
    },
  ],
};
