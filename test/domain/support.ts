import { expect } from 'vitest';
import type { z } from 'zod';
import {
  type AccreditationState,
  decide,
  evolve,
  initialState,
  type RejectionCode,
} from '../../domain/accreditation';
import {
  type Actor,
  type Command,
  type CommandContext,
  type CommandOf,
  CommandSchema,
  type CommandType,
} from '../../domain/commands';
import { type AccreditationEvent, AccreditationEventSchema } from '../../domain/events';
import type { PolicyInput } from '../../domain/policy-schema';
import type { RuleSet } from '../../domain/rule-sets';
import { dueTimers } from '../../domain/timers';
import { allConforming, completeApplication } from '../fixtures/application';

export const caseManager: Actor = { id: 'staff-anna', role: 'staff' };
export const otherStaff: Actor = { id: 'staff-bernd', role: 'staff' };
export const admin: Actor = { id: 'admin-clara', role: 'admin' };
export const applicant: Actor = { id: 'user-olga', role: 'organisation', organisationId: 'org-1' };
export const strangerOrganisation: Actor = { id: 'user-max', role: 'organisation', organisationId: 'org-2' };
export const reviewer: Actor = { id: 'auditor-rita', role: 'auditor' };
export const leadAuditor: Actor = { id: 'auditor-lars', role: 'auditor' };
export const otherAuditor: Actor = { id: 'auditor-otto', role: 'auditor' };
export const decisionMaker: Actor = { id: 'dm-dora', role: 'decision_maker' };
export const system: Actor = { id: 'system', role: 'system' };

/** A decision maker who is also an auditor of the case: four-eyes forbids them to decide. */
export const auditingDecisionMaker: Actor = { id: leadAuditor.id, role: 'decision_maker' };

type CommandInput<Type extends CommandType> = Extract<z.input<typeof CommandSchema>, { type: Type }>['data'];

/** Builds a command through its schema, so defaults apply as they would at the API. */
export function command<Type extends CommandType>(type: Type, data: CommandInput<Type>): CommandOf<Type> {
  return CommandSchema.parse({ type, data }) as CommandOf<Type>;
}

export function stateAfter(events: AccreditationEvent[]): AccreditationState {
  return events.reduce(evolve, initialState());
}

/** Events are stored as JSON: each must survive the round trip and match its schema exactly. */
function expectPlainEvent(event: AccreditationEvent) {
  expect(JSON.parse(JSON.stringify(event))).toStrictEqual(event);
  expect(AccreditationEventSchema.parse(event)).toStrictEqual(event);
}

/** given(events).when(command, context).then(events | rejection code) */
export function given(...history: AccreditationEvent[][]) {
  const state = stateAfter(history.flat());
  return {
    when(whenCommand: Command, context: CommandContext) {
      const decision = decide(whenCommand, state, context);
      for (const event of decision.ok ? decision.events : []) expectPlainEvent(event);
      return {
        decision,
        // biome-ignore lint/suspicious/noThenProperty: given/when/then is the shape of the specification
        then(expected: AccreditationEvent[] | RejectionCode) {
          if (typeof expected === 'string') {
            expect(decision.ok ? decision.events : decision.rejection.code).toEqual(expected);
          } else {
            expect(decision.ok ? decision.events : decision.rejection).toEqual(expected);
          }
        },
      };
    },
  };
}

export const validCertificateNumber = 'DIM1002-2026-7K3M9QXA';
export const renewalCertificateNumber = 'DIM1002-2028-A1B2C3D4';

export const allRequirementIds = [
  'ORG-1',
  'ORG-2',
  'ORG-3',
  'ORG-4',
  'ORG-5',
  'OPS-1',
  'OPS-2',
  'OPS-3',
  'OPS-4',
  'OPS-5',
  'SEC-1',
  'SEC-2',
  'SEC-3',
  'SEC-4',
  'QUA-1',
  'QUA-2',
  'QUA-3',
  'QUA-4',
  'IMP-1',
  'IMP-2',
  'IMP-3',
  'IMP-4',
];

export { allConforming, completeApplication };

/**
 * Drives a case through the real decider, step by step, so fixtures never drift from the rules.
 * Every step must be accepted; `events` holds the history for `given(...)`.
 */
export class Case {
  events: AccreditationEvent[] = [];
  state: AccreditationState = initialState();

  constructor(public now = '2026-01-05T09:00:00.000Z') {}

  /** The policy the case is opened with (absent: the default). */
  policy?: PolicyInput;

  withPolicy(policy: PolicyInput): this {
    this.policy = policy;
    return this;
  }

  /** The rule set every step is decided by (absent: the current one), as a workflow run started on it. */
  ruleSet?: RuleSet;

  onRuleSet(ruleSet: RuleSet): this {
    this.ruleSet = ruleSet;
    return this;
  }

  do(stepCommand: Command, actor: Actor, now = this.now): this {
    this.now = now;
    const context = { actor, now, ...(this.ruleSet ? { ruleSet: this.ruleSet } : {}) };
    const decision = decide(stepCommand, this.state, context);
    if (!decision.ok) {
      throw new Error(
        `${stepCommand.type} was rejected: ${decision.rejection.code} – ${decision.rejection.message}`,
      );
    }
    this.record(decision.events);
    return this;
  }

  record(events: AccreditationEvent[]): this {
    for (const event of events) {
      expectPlainEvent(event);
      this.events.push(event);
      this.state = evolve(this.state, event);
    }
    return this;
  }

  /** Lets the named timer run out at its own time. */
  elapse(timerId: string): this {
    const timer = dueTimers(this.state).find((candidate) => candidate.id === timerId);
    if (!timer)
      throw new Error(
        `No timer ${timerId}; running: ${dueTimers(this.state)
          .map((t) => t.id)
          .join(', ')}`,
      );
    return this.do(command('ElapseTimer', { timerId }), system, timer.at);
  }

  get case() {
    if (this.state.status === 'none') throw new Error('The case is not open');
    return this.state;
  }

  open(policy = this.policy): this {
    return this.do(
      command('OpenAccreditation', {
        accreditationId: 'acc-1',
        organisationId: 'org-1',
        organisationName: 'Muster IT-Service GmbH',
        scope: 'IT-Servicemanagement und Servicedesk, Standort Musterstadt',
        caseManagerId: caseManager.id,
        ...(policy ? { policy } : {}),
      }),
      caseManager,
    );
  }

  applicationSubmitted(): this {
    return this.open().do(
      command('SubmitApplication', { items: completeApplication }),
      applicant,
      '2026-01-06T09:00:00.000Z',
    );
  }

  awaitingApplicant(): this {
    return this.applicationSubmitted().do(
      command('RequestInformation', { questions: ['Bitte reichen Sie das Organigramm nach.'] }),
      caseManager,
      '2026-01-08T09:00:00.000Z',
    );
  }

  inDocumentReview(): this {
    return this.applicationSubmitted().do(
      command('AcceptApplication', {}),
      caseManager,
      '2026-01-07T09:00:00.000Z',
    );
  }

  reviewerAssigned(): this {
    return this.inDocumentReview().assignDocumentReviewer();
  }

  assignDocumentReviewer(now = this.now): this {
    return this.do(
      command('AssignDocumentReviewer', { auditorId: reviewer.id, conflictOfInterestDeclaredFree: true }),
      caseManager,
      now,
    );
  }

  completeDocumentReview(now = '2026-01-10T09:00:00.000Z'): this {
    return this.do(command('CompleteDocumentReview', { results: allConforming }), reviewer, now);
  }

  assignLeadAuditor(now = '2026-01-12T09:00:00.000Z', auditor = leadAuditor): this {
    return this.do(
      command('AssignLeadAuditor', { auditorId: auditor.id, conflictOfInterestDeclaredFree: true }),
      caseManager,
      now,
    );
  }

  inAuditPlanning(): this {
    return this.reviewerAssigned().completeDocumentReview().assignLeadAuditor();
  }

  /** Lead auditor assigned, date set, objection window closed. */
  inAudit(): this {
    return this.inAuditPlanning()
      .do(command('SetAuditDate', { auditDate: '2026-01-28' }), caseManager)
      .elapse('cycle-1:lead-auditor-1:objection-window-end');
  }

  completeAuditElement(
    element: string,
    findings: {
      requirementId: string;
      severity: 'major' | 'minor' | 'observation';
      description: string;
    }[] = [],
    now = '2026-01-28T15:00:00.000Z',
    auditor = leadAuditor,
  ): this {
    return this.do(command('CompleteAuditElement', { element, findings }), auditor, now);
  }

  /** All audit elements reported, without findings. */
  awaitingDecision(): this {
    return this.inAudit()
      .completeAuditElement('on_site_audit')
      .completeAuditElement('customer_satisfaction_analysis')
      .completeAuditElement('it_security_check');
  }

  /** One major and one minor finding, both open. */
  inCorrectiveActions(): this {
    return this.inAudit()
      .completeAuditElement('on_site_audit', [
        { requirementId: 'OPS-2', severity: 'major', description: 'Kein Problemmanagement eingerichtet.' },
      ])
      .completeAuditElement('customer_satisfaction_analysis', [
        {
          requirementId: 'QUA-1',
          severity: 'minor',
          description: 'Analyse nur jährlich statt quartalsweise.',
        },
        { requirementId: 'QUA-3', severity: 'observation', description: 'Wiki teilweise veraltet.' },
      ])
      .completeAuditElement('it_security_check');
  }

  /** From `inCorrectiveActions`: the major finding verified effective, the minor one's action plan accepted. */
  findingsResolved(): this {
    return this.inCorrectiveActions()
      .do(
        command('SubmitCorrectiveActionEvidence', {
          findingId: 'cycle-1:finding-1',
          description: 'Eingeführt.',
        }),
        applicant,
      )
      .do(
        command('VerifyCorrectiveAction', {
          findingId: 'cycle-1:finding-1',
          effective: true,
          comment: 'Ok.',
        }),
        leadAuditor,
      )
      .do(
        command('SubmitActionPlan', { findingId: 'cycle-1:finding-2', plan: 'Quartalsweise ab Q2.' }),
        applicant,
      )
      .do(command('AcceptActionPlan', { findingId: 'cycle-1:finding-2' }), leadAuditor);
  }

  /** The decision maker takes the case's pending decision from the queue (rule set 3), unless they hold it. */
  taken(now = this.now, by: Actor = decisionMaker): this {
    if (this.case.decisionMakerId === by.id) return this;
    return this.do(command('TakeDecision', {}), by, now);
  }

  grant(now = '2026-01-31T10:00:00.000Z', certificateNumber = validCertificateNumber): this {
    return this.do(command('Grant', { certificateNumber }), decisionMaker, now);
  }

  accredited(): this {
    return this.awaitingDecision().grant();
  }

  suspended(now = '2026-03-01T09:00:00.000Z'): this {
    return this.accredited().do(
      command('Suspend', { reason: 'Kundenbeschwerden bestätigt.' }),
      caseManager,
      now,
    );
  }

  /** Accredited, a special audit scheduled (rule set 5), its lead auditor assigned and its date set. */
  inSpecialAudit(reason = 'Beschwerde über den Servicedesk: Störungen wochenlang unbearbeitet'): this {
    return this.accredited()
      .do(command('ScheduleSpecialAudit', { reason }), caseManager, '2026-03-02T09:00:00.000Z')
      .assignLeadAuditor('2026-03-02T10:00:00.000Z')
      .do(command('SetAuditDate', { auditDate: '2026-03-20' }), leadAuditor, '2026-03-03T09:00:00.000Z')
      .elapse('cycle-1:lead-auditor-2:objection-window-end');
  }

  refused(): this {
    return this.awaitingDecision().do(
      command('Refuse', { reasons: ['Anforderungen nicht erfüllt.'] }),
      decisionMaker,
      '2026-01-31T10:00:00.000Z',
    );
  }

  withdrawn(): this {
    return this.accredited().do(command('Withdraw', { reason: 'Missbrauch des Labels.' }), caseManager);
  }

  expired(): this {
    return this.accredited().elapse('cycle-1:certificate-expiry');
  }
}

export const newCase = (now?: string) => new Case(now);
