/**
 * Scripted accreditation histories for projection tests and the rebuild benchmark: many cases
 * driven through the real decider, the way people and the clock would drive them (acting on the
 * open tasks of `openTasks`, letting the earliest timer of `dueTimers` run out, now and then a
 * complaint, a suspension or a withdrawal). Seeded, so a run is reproducible. No vitest imports:
 * the benchmark uses it too.
 */

import type { NewEvent } from '../../db/event-store';
import { type AccreditationState, decide, evolve, initialState } from '../../domain/accreditation';
import { certificateNumberFrom } from '../../domain/certificate-number';
import { type Actor, type Command, CommandSchema } from '../../domain/commands';
import type { AccreditationEvent } from '../../domain/events';
import { openTasks, type Task } from '../../domain/tasks';
import { dueTimers } from '../../domain/timers';

export interface ScenarioAppend {
  streamId: string;
  expectedVersion: number;
  events: NewEvent[];
}

/** A small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const requirementIds = ['ORG', 'OPS', 'SEC', 'QUA', 'IMP']
  .flatMap((area) => [1, 2, 3, 4, 5].map((n) => `${area}-${n}`))
  .filter((id) => !['SEC-5', 'QUA-5', 'IMP-5'].includes(id));

const application = [
  { itemId: 'APP-1', documentIds: ['doc-process-description'] },
  { itemId: 'APP-2', documentIds: ['doc-itsm-policy', 'doc-security-policy'] },
  { itemId: 'APP-3', statement: 'Wir erklären die Einhaltung aller Qualitäts- und Compliance-Vorgaben.' },
];

const hour = 3_600_000;

interface CaseRun {
  streamId: string;
  organisationId: string;
  state: AccreditationState;
  version: number;
  now: number;
  steps: number;
  done: boolean;
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function parse(type: string, data: unknown): Command {
  return CommandSchema.parse({ type, data }) as Command;
}

/**
 * Yields appends (one per accepted decision) for `cases` accreditations, interleaved, until
 * `maxEvents` events have been produced or every case has run `maxStepsPerCase` steps.
 */
export function* accreditationScenario(options: {
  cases: number;
  seed?: number;
  maxEvents?: number;
  maxStepsPerCase?: number;
  startAt?: string;
}): Generator<ScenarioAppend> {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  const maxSteps = options.maxStepsPerCase ?? 80;
  const start = Date.parse(options.startAt ?? '2026-01-05T09:00:00.000Z');
  const runs: CaseRun[] = Array.from({ length: options.cases }, (_, i) => {
    const accreditationId = uuidFrom(random);
    return {
      streamId: `accreditation-${accreditationId}`,
      organisationId: `org-${i + 1}`,
      state: initialState(),
      version: 0,
      now: start + Math.floor(random() * 30 * 24) * hour,
      steps: 0,
      done: false,
    };
  });
  let produced = 0;
  let active = runs.length;

  const staff: Actor = { id: 'staff-anna', role: 'staff' };
  const decisionMaker: Actor = { id: 'dm-dora', role: 'decision_maker' };
  const system: Actor = { id: 'system', role: 'system' };

  while (active > 0 && produced < maxEvents) {
    const run = runs[Math.floor(random() * runs.length)] as CaseRun;
    if (run.done) continue;
    run.steps++;
    const organisation: Actor = {
      id: `user-${run.organisationId}`,
      role: 'organisation',
      organisationId: run.organisationId,
    };
    const candidates = nextCommands(run, organisation, staff, decisionMaker, system, random, pick);
    let events: AccreditationEvent[] | undefined;
    let actor: Actor = system;
    for (const candidate of candidates) {
      const now = new Date(candidate.at ?? run.now + Math.floor(1 + random() * 72) * hour).toISOString();
      const decision = decide(candidate.command, run.state, { actor: candidate.actor, now });
      if (decision.ok && decision.events.length > 0) {
        events = decision.events;
        actor = candidate.actor;
        run.now = Date.parse(now);
        break;
      }
    }
    if (!events || run.steps >= maxSteps) {
      run.done = true;
      active--;
      if (!events) continue;
    }
    const businessTime = new Date(run.now).toISOString();
    const append: ScenarioAppend = {
      streamId: run.streamId,
      expectedVersion: run.version,
      events: events.map((event, index) => ({
        type: event.type,
        data: event.data,
        metadata: {
          actorId: actor.id,
          actorRole: actor.role,
          workflowId: run.streamId,
          runId: 'run-1',
          correlationId: `${run.streamId}:${run.version + 1}`,
        },
        businessTime,
        idempotencyKey: `${run.streamId}:${run.version + index + 1}`,
      })),
    };
    for (const event of events) run.state = evolve(run.state, event);
    run.version += events.length;
    produced += events.length;
    yield append;
  }
}

interface Candidate {
  command: Command;
  actor: Actor;
  at?: number;
}

function nextCommands(
  run: CaseRun,
  organisation: Actor,
  staff: Actor,
  decisionMaker: Actor,
  system: Actor,
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
): Candidate[] {
  const { state } = run;
  if (state.status === 'none') {
    return [
      {
        command: parse('OpenAccreditation', {
          accreditationId: run.streamId.slice('accreditation-'.length),
          organisationId: run.organisationId,
          organisationName: `${pick(['Muster', 'Beispiel', 'Nord', 'Süd', 'Rhein'])} IT-Service GmbH ${run.organisationId}`,
          scope: 'IT-Servicemanagement und Servicedesk',
          caseManagerId: staff.id,
        }),
        actor: staff,
      },
    ];
  }
  const candidates: Candidate[] = [];
  const now = run.now;
  const byTask = (task: Task): Candidate[] => {
    const assignee = (role: Actor['role'], fallback: Actor): Actor =>
      task.assigneeId && role !== 'organisation' ? { id: task.assigneeId, role } : fallback;
    const id = task.subjectId;
    switch (task.kind) {
      case 'submit_application':
        return [{ command: parse('SubmitApplication', { items: application }), actor: organisation }];
      case 'review_application': {
        const roll = random();
        if (roll < 0.1)
          return [{ command: parse('RejectApplication', { reasons: ['Unvollständig.'] }), actor: staff }];
        if (roll < 0.3) {
          return [{ command: parse('RequestInformation', { questions: ['Organigramm?'] }), actor: staff }];
        }
        return [{ command: parse('AcceptApplication', {}), actor: staff }];
      }
      case 'answer_request':
        return [
          {
            command: parse('ProvideInformation', { requestId: id, answer: 'Anbei.', documentIds: ['doc-x'] }),
            actor: organisation,
          },
        ];
      case 'assign_document_reviewer':
        return [
          {
            command: parse('AssignDocumentReviewer', {
              auditorId: 'auditor-rita',
              conflictOfInterestDeclaredFree: true,
            }),
            actor: staff,
          },
        ];
      case 'complete_document_review':
        return [
          {
            command: parse('CompleteDocumentReview', {
              results: requirementIds.map((requirementId) => ({ requirementId, result: 'conforming' })),
            }),
            actor: assignee('auditor', { id: 'auditor-rita', role: 'auditor' }),
          },
        ];
      case 'assign_lead_auditor':
        return [
          {
            command: parse('AssignLeadAuditor', {
              auditorId: 'auditor-lars',
              conflictOfInterestDeclaredFree: true,
            }),
            actor: staff,
          },
        ];
      case 'set_audit_date': {
        const auditDate = new Date(now + 20 * 24 * hour).toISOString().slice(0, 10);
        return [
          { command: parse('SetAuditDate', { auditDate }), actor: assignee('auditor', staff) },
          { command: parse('SetAuditDate', { auditDate }), actor: staff },
        ];
      }
      case 'complete_audit_element': {
        const roll = random();
        const findings =
          roll < 0.15
            ? [{ requirementId: pick(requirementIds), severity: 'major', description: 'Prozess fehlt.' }]
            : roll < 0.35
              ? [{ requirementId: pick(requirementIds), severity: 'minor', description: 'Lücke.' }]
              : [];
        return [
          {
            command: parse('CompleteAuditElement', { element: id, findings }),
            actor: assignee('auditor', { id: 'auditor-lars', role: 'auditor' }),
          },
        ];
      }
      case 'submit_corrective_action_evidence':
        return [
          {
            command: parse('SubmitCorrectiveActionEvidence', {
              findingId: id,
              description: 'Behoben.',
              documentIds: [],
            }),
            actor: organisation,
          },
        ];
      case 'verify_corrective_action':
        return [
          {
            command: parse('VerifyCorrectiveAction', {
              findingId: id,
              effective: random() < 0.9,
              comment: 'Geprüft.',
            }),
            actor: assignee('auditor', { id: 'auditor-lars', role: 'auditor' }),
          },
        ];
      case 'submit_action_plan':
        return [
          { command: parse('SubmitActionPlan', { findingId: id, plan: 'Plan.' }), actor: organisation },
        ];
      case 'accept_action_plan':
        return [
          {
            command: parse('AcceptActionPlan', { findingId: id }),
            actor: assignee('auditor', { id: 'auditor-lars', role: 'auditor' }),
          },
        ];
      case 'decide_accreditation': {
        const at = now + 24 * hour;
        const grant = parse('Grant', {
          certificateNumber: certificateNumberFrom(new Date(at).toISOString(), uuidFrom(random)),
        });
        const refuse = parse('Refuse', { reasons: ['Anforderungen nicht erfüllt.'] });
        return random() < 0.9
          ? [{ command: grant, actor: decisionMaker, at }]
          : [{ command: refuse, actor: decisionMaker, at }];
      }
      case 'submit_self_assessment':
        return [
          {
            command: parse('SubmitSelfAssessment', {
              selfAssessmentId: id,
              statement: 'Alles erfüllt.',
              documentIds: [],
            }),
            actor: organisation,
          },
        ];
      case 'review_self_assessment':
        return [
          {
            command: parse('ReviewSelfAssessment', { selfAssessmentId: id, review: { outcome: 'accepted' } }),
            actor: staff,
          },
        ];
      case 'decide_suspension_proposal':
        return [
          random() < 0.5
            ? { command: parse('ConfirmSuspensionProposal', { proposalId: id }), actor: staff }
            : {
                command: parse('RejectSuspensionProposal', { proposalId: id, reason: 'Nachgereicht.' }),
                actor: staff,
              },
        ];
      case 'apply_for_renewal':
        return [{ command: parse('ApplyForRenewal', { documentIds: [] }), actor: organisation }];
      case 'end_suspension':
        return [{ command: parse('Reinstate', { reason: 'Mängel behoben.' }), actor: staff }];
      case 'acknowledge_complaint':
        return [{ command: parse('AcknowledgeComplaint', { complaintId: id }), actor: staff }];
      case 'assign_complaint_investigator':
        return [
          {
            command: parse('AssignComplaintInvestigator', { complaintId: id, investigatorId: 'staff-bernd' }),
            actor: staff,
          },
        ];
      case 'decide_complaint':
        return [
          {
            command: parse('DecideComplaint', {
              complaintId: id,
              outcome: 'not_upheld',
              reasoning: 'Unbegründet.',
              followUp: 'none',
            }),
            actor: assignee('staff', { id: 'staff-bernd', role: 'staff' }),
          },
          {
            command: parse('DecideComplaint', {
              complaintId: id,
              outcome: 'not_upheld',
              reasoning: 'Unbegründet.',
              followUp: 'none',
            }),
            actor: { id: 'staff-bernd', role: 'staff' },
          },
        ];
      case 'close_complaint':
        return [{ command: parse('CloseComplaint', { complaintId: id }), actor: staff }];
      default:
        return [];
    }
  };

  // Now and then something out of the ordinary.
  const roll = random();
  if (state.status === 'accredited' && roll < 0.04) {
    candidates.push({
      command: parse('ReceiveComplaint', { complainant: 'Kunde', summary: 'Ausfall.' }),
      actor: staff,
    });
  } else if (state.status === 'accredited' && roll < 0.05) {
    candidates.push({ command: parse('Suspend', { reason: 'Beschwerden bestätigt.' }), actor: staff });
  } else if (state.status === 'suspended' && roll < 0.1) {
    candidates.push({ command: parse('Withdraw', { reason: 'Nicht behoben.' }), actor: staff });
  }

  const tasks = openTasks(state);
  const timers = dueTimers(state);
  // Act on a task most of the time; otherwise (or when nothing is to do) let the clock run.
  if (tasks.length > 0 && random() < 0.85) {
    for (const task of [pick(tasks), ...tasks]) candidates.push(...byTask(task));
  }
  const timer = timers[0];
  if (timer) {
    candidates.push({
      command: parse('ElapseTimer', { timerId: timer.id }),
      actor: system,
      at: Math.max(now + 1000, Date.parse(timer.at)),
    });
  }
  for (const task of tasks) candidates.push(...byTask(task));
  return candidates;
}
