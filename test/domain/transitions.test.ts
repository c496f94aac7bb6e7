import { describe, expect, it } from 'vitest';
import { type CaseStatus, caseStatuses, decide } from '../../domain/accreditation';
import type { Actor, Command, CommandType } from '../../domain/commands';
import {
  applicant,
  type Case,
  caseManager,
  command,
  decisionMaker,
  leadAuditor,
  newCase,
  otherAuditor,
  otherStaff,
  reviewer,
  system,
} from './support';

/** One plausible command per type, given by someone who may give it. */
const samples: Record<CommandType, { command: Command; actor: Actor }> = {
  OpenAccreditation: {
    command: command('OpenAccreditation', {
      accreditationId: 'acc-2',
      organisationId: 'org-1',
      organisationName: 'Muster IT-Service GmbH',
      scope: 'IT-Servicemanagement und Servicedesk, Standort Musterstadt',
      caseManagerId: caseManager.id,
    }),
    actor: caseManager,
  },
  AssignCaseManager: {
    command: command('AssignCaseManager', { caseManagerId: otherStaff.id }),
    actor: caseManager,
  },
  SubmitApplication: {
    command: command('SubmitApplication', { items: [{ itemId: 'APP-1', statement: 'x' }] }),
    actor: applicant,
  },
  RequestInformation: { command: command('RequestInformation', { questions: ['?'] }), actor: caseManager },
  ProvideInformation: {
    command: command('ProvideInformation', { requestId: 'cycle-1:request-1', answer: 'Anbei.' }),
    actor: applicant,
  },
  AcceptApplication: { command: command('AcceptApplication', {}), actor: caseManager },
  RejectApplication: { command: command('RejectApplication', { reasons: ['x'] }), actor: caseManager },
  AssignDocumentReviewer: {
    command: command('AssignDocumentReviewer', {
      auditorId: reviewer.id,
      conflictOfInterestDeclaredFree: true,
    }),
    actor: caseManager,
  },
  RequestDocuments: {
    command: command('RequestDocuments', { documents: ['SLA-Katalog'] }),
    actor: caseManager,
  },
  CompleteDocumentReview: {
    command: command('CompleteDocumentReview', {
      results: [{ requirementId: 'ORG-1', result: 'conforming' }],
    }),
    actor: reviewer,
  },
  AssignLeadAuditor: {
    command: command('AssignLeadAuditor', {
      auditorId: otherAuditor.id,
      conflictOfInterestDeclaredFree: true,
    }),
    actor: caseManager,
  },
  SetAuditDate: { command: command('SetAuditDate', { auditDate: '2030-12-01' }), actor: caseManager },
  ObjectToAuditor: { command: command('ObjectToAuditor', { reason: 'Befangen.' }), actor: applicant },
  CompleteAuditElement: {
    command: command('CompleteAuditElement', { element: 'on_site_audit', findings: [] }),
    actor: leadAuditor,
  },
  SubmitActionPlan: {
    command: command('SubmitActionPlan', { findingId: 'f-9', plan: 'x' }),
    actor: applicant,
  },
  AcceptActionPlan: { command: command('AcceptActionPlan', { findingId: 'f-9' }), actor: leadAuditor },
  SubmitCorrectiveActionEvidence: {
    command: command('SubmitCorrectiveActionEvidence', { findingId: 'f-9', description: 'x' }),
    actor: applicant,
  },
  VerifyCorrectiveAction: {
    command: command('VerifyCorrectiveAction', { findingId: 'f-9', effective: true, comment: 'x' }),
    actor: leadAuditor,
  },
  ExtendDeadline: {
    command: command('ExtendDeadline', {
      target: { kind: 'corrective_action', id: 'f-9' },
      newDueAt: '2031-01-01T00:00:00.000Z',
      reason: 'x',
    }),
    actor: caseManager,
  },
  Grant: { command: command('Grant', { certificateNumber: 'DIM1002-2026-7K3M9QXA' }), actor: decisionMaker },
  Refuse: { command: command('Refuse', { reasons: ['x'] }), actor: decisionMaker },
  TakeDecision: { command: command('TakeDecision', {}), actor: decisionMaker },
  ConfirmLapse: { command: command('ConfirmLapse', { proposalId: 'p-1' }), actor: decisionMaker },
  ExtendLapsedDeadline: {
    command: command('ExtendLapsedDeadline', {
      proposalId: 'p-1',
      newDueAt: '2031-01-01T00:00:00.000Z',
      reason: 'Krankheit',
    }),
    actor: decisionMaker,
  },
  AssignDecisionMaker: {
    command: command('AssignDecisionMaker', { decisionMakerId: decisionMaker.id }),
    actor: caseManager,
  },
  SubmitSelfAssessment: {
    command: command('SubmitSelfAssessment', { selfAssessmentId: 'sa-9', statement: 'x' }),
    actor: applicant,
  },
  ReviewSelfAssessment: {
    command: command('ReviewSelfAssessment', { selfAssessmentId: 'sa-9', review: { outcome: 'accepted' } }),
    actor: caseManager,
  },
  ConfirmSuspensionProposal: {
    command: command('ConfirmSuspensionProposal', { proposalId: 'p-9' }),
    actor: caseManager,
  },
  RejectSuspensionProposal: {
    command: command('RejectSuspensionProposal', { proposalId: 'p-9', reason: 'x' }),
    actor: caseManager,
  },
  ApplyForRenewal: { command: command('ApplyForRenewal', {}), actor: applicant },
  Suspend: { command: command('Suspend', { reason: 'x' }), actor: caseManager },
  Reinstate: { command: command('Reinstate', { reason: 'x' }), actor: caseManager },
  Withdraw: { command: command('Withdraw', { reason: 'x' }), actor: caseManager },
  ScheduleSpecialAudit: {
    command: command('ScheduleSpecialAudit', { reason: 'Beschwerde über den Servicedesk' }),
    actor: caseManager,
  },
  ReceiveComplaint: {
    command: command('ReceiveComplaint', { complainant: 'Kunde', summary: 'x' }),
    actor: caseManager,
  },
  ProposeSuspension: {
    command: command('ProposeSuspension', { complaintId: 'c-1', reason: 'Beschwerde begründet' }),
    actor: caseManager,
  },
  AcknowledgeComplaint: {
    command: command('AcknowledgeComplaint', { complaintId: 'complaint-9' }),
    actor: caseManager,
  },
  AssignComplaintInvestigator: {
    command: command('AssignComplaintInvestigator', {
      complaintId: 'complaint-9',
      investigatorId: otherStaff.id,
    }),
    actor: caseManager,
  },
  DecideComplaint: {
    command: command('DecideComplaint', {
      complaintId: 'complaint-9',
      outcome: 'upheld',
      reasoning: 'x',
      followUp: 'none',
    }),
    actor: otherStaff,
  },
  CloseComplaint: { command: command('CloseComplaint', { complaintId: 'complaint-9' }), actor: caseManager },
  LodgeAppeal: {
    command: command('LodgeAppeal', { decisionId: 'no-such-decision', reasons: ['x'] }),
    actor: applicant,
  },
  TakeAppeal: { command: command('TakeAppeal', { appealId: 'appeal-9' }), actor: decisionMaker },
  AssignAppealHandler: {
    command: command('AssignAppealHandler', { appealId: 'appeal-9', decisionMakerId: decisionMaker.id }),
    actor: caseManager,
  },
  DecideAppeal: {
    command: command('DecideAppeal', { appealId: 'appeal-9', outcome: 'dismissed', reasons: ['x'] }),
    actor: decisionMaker,
  },
  ElapseTimer: { command: command('ElapseTimer', { timerId: 'no-such-timer' }), actor: system },
};

const procedure: CaseStatus[] = [
  'document_review',
  'audit_planning',
  'audit',
  'corrective_actions',
  'awaiting_decision',
];
const anyCase = [...caseStatuses];

/** The life cycle of §2 of the design, written out independently of the decider's own table. */
const allowedIn: Record<CommandType, ('none' | CaseStatus)[]> = {
  OpenAccreditation: ['none'],
  AssignCaseManager: anyCase,
  SubmitApplication: ['opened'],
  RequestInformation: ['application_review'],
  ProvideInformation: ['awaiting_applicant', 'document_review'],
  AcceptApplication: ['application_review'],
  RejectApplication: ['application_review', 'awaiting_applicant'],
  AssignDocumentReviewer: ['document_review'],
  RequestDocuments: ['document_review'],
  CompleteDocumentReview: ['document_review'],
  AssignLeadAuditor: ['audit_planning'],
  SetAuditDate: ['audit_planning', 'audit'],
  ObjectToAuditor: ['audit_planning'],
  CompleteAuditElement: ['audit'],
  SubmitActionPlan: ['audit', 'corrective_actions'],
  AcceptActionPlan: ['audit', 'corrective_actions'],
  SubmitCorrectiveActionEvidence: ['audit', 'corrective_actions'],
  VerifyCorrectiveAction: ['audit', 'corrective_actions'],
  ExtendDeadline: ['awaiting_applicant', 'document_review', 'audit', 'corrective_actions', 'accredited'],
  Grant: ['audit', 'corrective_actions', 'awaiting_decision'],
  Refuse: procedure,
  // Refused (not an invalid transition) where nothing waits for a decision maker.
  TakeDecision: anyCase,
  AssignDecisionMaker: anyCase,
  ConfirmLapse: anyCase,
  ExtendLapsedDeadline: anyCase,
  SubmitSelfAssessment: ['accredited', 'suspended'],
  ReviewSelfAssessment: ['accredited', 'suspended'],
  ConfirmSuspensionProposal: ['accredited'],
  RejectSuspensionProposal: ['accredited'],
  ApplyForRenewal: ['accredited'],
  Suspend: ['accredited'],
  Reinstate: ['suspended'],
  Withdraw: ['accredited', 'suspended'],
  ScheduleSpecialAudit: ['accredited', 'suspended'],
  ReceiveComplaint: anyCase,
  ProposeSuspension: ['accredited'],
  AcknowledgeComplaint: anyCase,
  AssignComplaintInvestigator: anyCase,
  DecideComplaint: anyCase,
  CloseComplaint: anyCase,
  // Refused with unknown_decision / unknown_appeal where there is nothing to appeal or decide.
  LodgeAppeal: anyCase,
  TakeAppeal: anyCase,
  AssignAppealHandler: anyCase,
  DecideAppeal: anyCase,
  ElapseTimer: anyCase,
};

/** While a renewal runs, the certificate stays valid, so what concerns the certificate stays possible. */
const alsoAllowedDuringRenewal: CommandType[] = [
  'ExtendDeadline',
  'SubmitSelfAssessment',
  'ReviewSelfAssessment',
  'ConfirmSuspensionProposal',
  'RejectSuspensionProposal',
  'ProposeSuspension',
  'Suspend',
  'Withdraw',
];

const fixtures: Record<'none' | CaseStatus, () => Case> = {
  none: () => newCase(),
  opened: () => newCase().open(),
  application_review: () => newCase().applicationSubmitted(),
  awaiting_applicant: () => newCase().awaitingApplicant(),
  document_review: () => newCase().reviewerAssigned(),
  audit_planning: () => newCase().inAuditPlanning(),
  audit: () => newCase().inAudit(),
  corrective_actions: () => newCase().inCorrectiveActions(),
  awaiting_decision: () => newCase().awaitingDecision(),
  accredited: () => newCase().accredited(),
  suspended: () => newCase().suspended(),
  refused: () => newCase().refused(),
  withdrawn: () => newCase().withdrawn(),
  expired: () => newCase().expired(),
};

function renewalReaching(status: CaseStatus): Case {
  const renewal = newCase()
    .accredited()
    .do(command('ApplyForRenewal', {}), applicant, '2028-08-01T09:00:00.000Z')
    .assignDocumentReviewer();
  if (status === 'document_review') return renewal;
  renewal
    .completeDocumentReview('2028-08-10T09:00:00.000Z')
    .assignLeadAuditor('2028-08-12T09:00:00.000Z', otherAuditor);
  if (status === 'audit_planning') return renewal;
  renewal
    .do(command('SetAuditDate', { auditDate: '2028-09-01' }), caseManager)
    .elapse('cycle-1:lead-auditor-2:objection-window-end');
  if (status === 'audit') return renewal;
  const auditDay = '2028-09-01T15:00:00.000Z';
  const major = { requirementId: 'SEC-2', severity: 'major' as const, description: 'Kein Pentest.' };
  renewal
    .completeAuditElement('on_site_audit', [], auditDay, otherAuditor)
    .completeAuditElement('customer_satisfaction_analysis', [], auditDay, otherAuditor)
    .completeAuditElement('it_security_check', [major], auditDay, otherAuditor);
  if (status === 'corrective_actions') return renewal;
  const findingId = 'cycle-1:finding-1';
  return renewal
    .do(command('SubmitCorrectiveActionEvidence', { findingId, description: 'Pentest erfolgt.' }), applicant)
    .do(command('VerifyCorrectiveAction', { findingId, effective: true, comment: 'Wirksam.' }), otherAuditor);
}

const commandTypes = Object.keys(samples) as CommandType[];

/** For each command: rejected as an invalid transition, or handled (accepted or rejected for another reason). */
function outcomes(fixture: Case) {
  return Object.fromEntries(
    commandTypes.map((type) => {
      const { command: sample, actor } = samples[type];
      const decision = decide(sample, fixture.state, { actor, now: fixture.now });
      const invalid = !decision.ok && decision.rejection.code === 'invalid_transition';
      return [type, invalid ? 'invalid_transition' : 'handled'];
    }),
  );
}

describe('every command in every status', () => {
  it('covers every status', () => {
    expect(Object.keys(fixtures).sort()).toEqual(['none', ...caseStatuses].sort());
  });

  it.each(Object.entries(fixtures))('in %s', (status, build) => {
    const fixture = build();
    expect(fixture.state.status).toBe(status);
    const expected = Object.fromEntries(
      commandTypes.map((type) => [
        type,
        allowedIn[type].includes(status as CaseStatus) ? 'handled' : 'invalid_transition',
      ]),
    );
    expect(outcomes(fixture)).toEqual(expected);
  });

  it.each(procedure)('in %s during a renewal', (status) => {
    const fixture = renewalReaching(status);
    fixture.now = '2028-09-20T09:00:00.000Z';
    expect(fixture.state.status).toBe(status);
    const expected = Object.fromEntries(
      commandTypes.map((type) => [
        type,
        allowedIn[type].includes(status) || alsoAllowedDuringRenewal.includes(type)
          ? 'handled'
          : 'invalid_transition',
      ]),
    );
    expect(outcomes(fixture)).toEqual(expected);
  });
});
