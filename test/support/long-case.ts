/**
 * One accreditation that goes on for as many events as asked: cycle after cycle of application
 * (with an information request), document review, audit with a major and a minor finding and their
 * corrective actions, the grant, self-assessments, a complaint now and then, renewal — through the
 * real decider, on its own clock (each step an hour after the last, timers at their time).
 */
import { type AccreditationState, decide, evolve, initialState } from '../../domain/accreditation';
import { certificateNumberFrom } from '../../domain/certificate-number';
import { type Actor, type Command, CommandSchema } from '../../domain/commands';
import { openTasks, type Task } from '../../domain/tasks';
import { dueTimers } from '../../domain/timers';
import type { ScenarioAppend } from './scenarios';

const hour = 3_600_000;
const staff: Actor = { id: 'staff-anna', role: 'staff' };
const decisionMaker: Actor = { id: 'dm-dora', role: 'decision_maker' };
const auditors: Actor[] = [
  { id: 'auditor-rita', role: 'auditor' },
  { id: 'auditor-lars', role: 'auditor' },
];
const system: Actor = { id: 'system', role: 'system' };

const parse = (type: string, data: unknown) => CommandSchema.parse({ type, data }) as Command;
const results = ['ORG', 'OPS', 'SEC', 'QUA', 'IMP'].flatMap((area) =>
  [1, 2, 3, 4, 5]
    .map((n) => `${area}-${n}`)
    .filter((id) => !['SEC-5', 'QUA-5', 'IMP-5'].includes(id))
    .map((requirementId) => ({ requirementId, result: 'conforming' })),
);

/** What the person the task is for does; undefined: nothing (the clock's turn). */
function act(
  task: Task,
  state: AccreditationState,
  organisation: Actor,
  now: number,
): [Command, Actor] | undefined {
  const auditor = task.assigneeId
    ? { id: task.assigneeId, role: 'auditor' as const }
    : (auditors[0] as Actor);
  const id = task.subjectId;
  switch (task.kind) {
    case 'submit_application':
      return [
        parse('SubmitApplication', {
          items: [
            { itemId: 'APP-1', documentIds: ['doc-process-description'] },
            { itemId: 'APP-2', documentIds: ['doc-itsm-policy', 'doc-security-policy'] },
            { itemId: 'APP-3', statement: 'Wir erklären die Einhaltung aller Vorgaben.' },
          ],
        }),
        organisation,
      ];
    case 'review_application':
      return state.status !== 'none' && state.issued.requests === 0
        ? [parse('RequestInformation', { questions: ['Bitte das Organigramm nachreichen.'] }), staff]
        : [parse('AcceptApplication', {}), staff];
    case 'answer_request':
      return [
        parse('ProvideInformation', { requestId: id, answer: 'Anbei.', documentIds: ['doc-x'] }),
        organisation,
      ];
    case 'assign_document_reviewer':
    case 'assign_lead_auditor': {
      const assigned = auditors[(state.status === 'none' ? 0 : state.cycle) % auditors.length] as Actor;
      const type = task.kind === 'assign_document_reviewer' ? 'AssignDocumentReviewer' : 'AssignLeadAuditor';
      return [parse(type, { auditorId: assigned.id, conflictOfInterestDeclaredFree: true }), staff];
    }
    case 'complete_document_review':
      return [parse('CompleteDocumentReview', { results }), auditor];
    case 'set_audit_date':
      return [
        parse('SetAuditDate', { auditDate: new Date(now + 480 * hour).toISOString().slice(0, 10) }),
        staff,
      ];
    case 'complete_audit_element': {
      const findings =
        id === 'on_site_audit'
          ? [{ requirementId: 'OPS-2', severity: 'major', description: 'Problemmanagement fehlt.' }]
          : id === 'customer_satisfaction_analysis'
            ? [{ requirementId: 'QUA-1', severity: 'minor', description: 'Umfrage nur jährlich.' }]
            : [];
      return [parse('CompleteAuditElement', { element: id, findings }), auditor];
    }
    case 'submit_corrective_action_evidence':
      return [
        parse('SubmitCorrectiveActionEvidence', {
          findingId: id,
          description: 'Behoben.',
          documentIds: ['doc-x'],
        }),
        organisation,
      ];
    case 'verify_corrective_action':
      return [
        parse('VerifyCorrectiveAction', { findingId: id, effective: true, comment: 'Geprüft.' }),
        auditor,
      ];
    case 'submit_action_plan':
      return [parse('SubmitActionPlan', { findingId: id, plan: 'Quartalsweise.' }), organisation];
    case 'accept_action_plan':
      return [parse('AcceptActionPlan', { findingId: id }), auditor];
    case 'decide_accreditation':
      return [parse('Grant', { certificateNumber: 'later' }), decisionMaker];
    case 'submit_self_assessment':
      return [
        parse('SubmitSelfAssessment', {
          selfAssessmentId: id,
          statement: 'Alles erfüllt.',
          documentIds: ['doc-x'],
        }),
        organisation,
      ];
    case 'review_self_assessment':
      return [
        parse('ReviewSelfAssessment', { selfAssessmentId: id, review: { outcome: 'accepted' } }),
        staff,
      ];
    case 'apply_for_renewal':
      return [parse('ApplyForRenewal', { documentIds: ['doc-itsm-policy'] }), organisation];
    case 'acknowledge_complaint':
      return [parse('AcknowledgeComplaint', { complaintId: id }), staff];
    case 'assign_complaint_investigator':
      return [
        parse('AssignComplaintInvestigator', { complaintId: id, investigatorId: 'staff-bernd' }),
        staff,
      ];
    case 'decide_complaint': {
      const data = { complaintId: id, outcome: 'not_upheld', reasoning: 'Unbegründet.', followUp: 'none' };
      return [parse('DecideComplaint', data), { id: 'staff-bernd', role: 'staff' }];
    }
    case 'close_complaint':
      return [parse('CloseComplaint', { complaintId: id }), staff];
    default:
      return undefined;
  }
}

/** Appends (one per step) of a case named by `accreditationId`, until it has at least `events` events. */
export function longCase(accreditationId: string, events: number): ScenarioAppend[] {
  const streamId = `accreditation-${accreditationId}`;
  const organisation: Actor = { id: 'user-org-1', role: 'organisation', organisationId: 'org-1' };
  let state = initialState();
  let version = 0;
  let now = Date.parse('2026-01-05T09:00:00.000Z');
  const appends: ScenarioAppend[] = [];
  for (let step = 0; version < events; step++) {
    let command: Command;
    let actor: Actor;
    if (state.status === 'none') {
      command = parse('OpenAccreditation', {
        accreditationId,
        organisationId: 'org-1',
        organisationName: 'Muster IT-Service GmbH org-1',
        scope: 'IT-Servicemanagement und Servicedesk',
        caseManagerId: staff.id,
      });
      actor = staff;
      now += hour;
    } else {
      const acted = openTasks(state)
        .map((task) => act(task, state, organisation, now))
        .find((candidate) => candidate !== undefined);
      const complaint =
        state.status === 'accredited' && state.complaints.length === 0 && step % 97 === 0
          ? ([parse('ReceiveComplaint', { complainant: 'Kunde', summary: 'Ausfall.' }), staff] as const)
          : undefined;
      const [timer] = dueTimers(state);
      if (complaint ?? acted) {
        [command, actor] = complaint ?? (acted as [Command, Actor]);
        now += hour;
      } else if (timer) {
        [command, actor] = [parse('ElapseTimer', { timerId: timer.id }), system];
        now = Math.max(now + 1000, Date.parse(timer.at));
      } else {
        throw new Error(`The long case is stuck in ${state.status} after ${version} events`);
      }
    }
    const at = new Date(now).toISOString();
    if (command.type === 'Grant') {
      const uuid = `00000000-0000-4000-8000-${String(step).padStart(12, '0')}`;
      command = { type: 'Grant', data: { certificateNumber: certificateNumberFrom(at, uuid) } };
    }
    const decision = decide(command, state, { actor, now: at });
    if (!decision.ok)
      throw new Error(`${command.type}: ${decision.rejection.code} ${decision.rejection.message}`);
    appends.push({
      streamId,
      expectedVersion: version,
      events: decision.events.map((event, index) => ({
        type: event.type,
        data: event.data,
        metadata: { actorId: actor.id, actorRole: actor.role, workflowId: streamId },
        businessTime: at,
        idempotencyKey: `${streamId}:${version + index + 1}`,
      })),
    });
    for (const event of decision.events) state = evolve(state, event);
    version += decision.events.length;
  }
  return appends;
}
