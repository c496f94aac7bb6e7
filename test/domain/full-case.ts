import type { PolicyInput } from '../../domain/policy-schema';
import { StampedCase } from './stamped-case';
import {
  allConforming,
  applicant,
  caseManager,
  command,
  decisionMaker,
  leadAuditor,
  otherAuditor,
  otherStaff,
  renewalCertificateNumber,
  reviewer,
} from './support';

/** Short periods, so that self-assessments and the renewal come within weeks. */
const policy: PolicyInput = {
  certificateValidity: { days: 90 },
  selfAssessmentInterval: { days: 30 },
  selfAssessmentReminderLeadTimes: [{ days: 3 }],
  selfAssessmentOverdueReminderAfter: { days: 1 },
  selfAssessmentEscalationAfter: { days: 2 },
  selfAssessmentSuspensionProposalAfter: { days: 5 },
  renewalWindow: { days: 20 },
};

/** Every stage of a case, in one history: requests, objection, findings, decision, the years after. */
export function fullCase(): StampedCase {
  const c = new StampedCase();
  c.open(policy);
  c.do(
    command('SubmitApplication', {
      items: [
        { itemId: 'APP-1', documentIds: ['a'.repeat(64)] },
        { itemId: 'APP-2', documentIds: ['b'.repeat(64)] },
        { itemId: 'APP-3', statement: 'Selbstauskunft: alle Vorgaben erfüllt.' },
      ],
    }),
    applicant,
    '2026-01-06T09:00:00.000Z',
  );
  c.do(
    command('RequestInformation', { questions: ['Wer leitet den Servicedesk?'] }),
    caseManager,
    '2026-01-07T09:00:00.000Z',
  );
  c.do(
    command('ProvideInformation', {
      requestId: 'cycle-1:request-1',
      answer: 'Frau Muster.',
      documentIds: ['c'.repeat(64)],
    }),
    applicant,
    '2026-01-08T09:00:00.000Z',
  );
  c.do(command('AcceptApplication', {}), caseManager, '2026-01-09T09:00:00.000Z');
  c.assignDocumentReviewer('2026-01-09T10:00:00.000Z');
  c.do(command('RequestDocuments', { documents: ['Notfallhandbuch'] }), reviewer, '2026-01-10T09:00:00.000Z');
  c.do(
    command('ProvideInformation', {
      requestId: 'cycle-1:request-2',
      answer: 'Anbei.',
      documentIds: ['d'.repeat(64)],
    }),
    applicant,
    '2026-01-11T09:00:00.000Z',
  );
  c.do(
    command('CompleteDocumentReview', {
      results: allConforming.map((result) =>
        result.requirementId === 'OPS-2'
          ? { requirementId: 'OPS-2', result: 'gap' as const, comment: 'Kein Problemmanagement beschrieben.' }
          : result,
      ),
    }),
    reviewer,
    '2026-01-12T09:00:00.000Z',
  );
  c.assignLeadAuditor('2026-01-13T09:00:00.000Z', otherAuditor);
  c.do(
    command('ObjectToAuditor', { reason: 'War früher unser Berater.' }),
    applicant,
    '2026-01-13T12:00:00.000Z',
  );
  c.assignLeadAuditor('2026-01-14T09:00:00.000Z', leadAuditor);
  c.do(command('SetAuditDate', { auditDate: '2026-01-28' }), leadAuditor, '2026-01-14T10:00:00.000Z');
  c.elapse('cycle-1:lead-auditor-2:objection-window-end');
  c.completeAuditElement('on_site_audit', [
    { requirementId: 'OPS-2', severity: 'major', description: 'Kein Problemmanagement eingerichtet.' },
  ]);
  c.completeAuditElement('customer_satisfaction_analysis', [
    { requirementId: 'QUA-1', severity: 'minor', description: 'Analyse nur jährlich.' },
  ]);
  c.completeAuditElement('it_security_check');
  c.do(
    command('SubmitActionPlan', { findingId: 'cycle-1:finding-2', plan: 'Quartalsweise ab Q2.' }),
    applicant,
    '2026-01-29T09:00:00.000Z',
  );
  c.do(
    command('AcceptActionPlan', { findingId: 'cycle-1:finding-2' }),
    leadAuditor,
    '2026-01-29T12:00:00.000Z',
  );
  c.do(
    command('SubmitCorrectiveActionEvidence', {
      findingId: 'cycle-1:finding-1',
      description: 'Prozess beschrieben.',
      documentIds: ['e'.repeat(64)],
    }),
    applicant,
    '2026-01-30T09:00:00.000Z',
  );
  c.do(
    command('VerifyCorrectiveAction', {
      findingId: 'cycle-1:finding-1',
      effective: false,
      comment: 'Nicht gelebt.',
    }),
    leadAuditor,
    '2026-01-30T12:00:00.000Z',
  );
  c.do(
    command('SubmitCorrectiveActionEvidence', {
      findingId: 'cycle-1:finding-1',
      description: 'Tickets anbei.',
      documentIds: ['f'.repeat(64)],
    }),
    applicant,
    '2026-01-31T09:00:00.000Z',
  );
  c.do(
    command('VerifyCorrectiveAction', {
      findingId: 'cycle-1:finding-1',
      effective: true,
      comment: 'Wirksam.',
    }),
    leadAuditor,
    '2026-01-31T12:00:00.000Z',
  );
  c.grant('2026-02-01T10:00:00.000Z');
  // The first self-assessment: reminded, submitted, a follow-up, submitted again, accepted.
  c.elapse('cycle-1:self-assessment-1:reminder-3d');
  c.do(
    command('SubmitSelfAssessment', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      statement: 'Alles wie zuvor.',
      documentIds: [],
      findingEvidence: [{ findingId: 'cycle-1:finding-2', description: 'Seit Februar quartalsweise.' }],
    }),
    applicant,
    '2026-02-28T09:00:00.000Z',
  );
  c.do(
    command('ReviewSelfAssessment', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      review: { outcome: 'follow_up_requested', comment: 'Bitte KPI-Bericht beilegen.' },
    }),
    caseManager,
    '2026-03-01T09:00:00.000Z',
  );
  c.do(
    command('SubmitSelfAssessment', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      statement: 'KPI-Bericht anbei.',
      documentIds: ['a'.repeat(64)],
      findingEvidence: [
        {
          findingId: 'cycle-1:finding-2',
          description: 'Quartalsbericht Q1 anbei.',
          documentIds: ['a'.repeat(64)],
        },
      ],
    }),
    applicant,
    '2026-03-02T09:00:00.000Z',
  );
  c.do(
    command('ReviewSelfAssessment', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      review: { outcome: 'accepted' },
    }),
    caseManager,
    '2026-03-02T12:00:00.000Z',
  );
  // The second one is late: escalated, a suspension is proposed and confirmed, then reinstated.
  for (const timer of ['reminder-3d', 'due', 'overdue', 'escalation', 'suspension-proposal'])
    c.elapse(`cycle-1:self-assessment-2:${timer}`);
  // Recorded inside the case, as rule sets up to 6 did.
  c.onRuleSet(6).do(
    command('ReceiveComplaint', { complainant: 'Kunde K.', summary: 'Ausfall ohne Information.' }),
    caseManager,
    '2026-04-10T09:00:00.000Z',
  );
  c.do(
    command('AcknowledgeComplaint', { complaintId: 'complaint-1' }),
    caseManager,
    '2026-04-10T10:00:00.000Z',
  );
  c.do(
    command('AssignComplaintInvestigator', { complaintId: 'complaint-1', investigatorId: otherStaff.id }),
    caseManager,
    '2026-04-10T11:00:00.000Z',
  );
  c.do(
    command('ConfirmSuspensionProposal', { proposalId: 'cycle-1:self-assessment-2:suspension-proposal' }),
    decisionMaker,
    '2026-04-11T09:00:00.000Z',
  );
  c.do(
    command('Reinstate', { reason: 'Selbstbewertung nachgereicht.' }),
    caseManager,
    '2026-04-12T09:00:00.000Z',
  );
  c.do(
    command('DecideComplaint', {
      complaintId: 'complaint-1',
      outcome: 'not_upheld',
      reasoning: 'Vertraglich gedeckt.',
      followUp: 'none',
    }),
    otherStaff,
    '2026-04-13T09:00:00.000Z',
  );
  // Renewal: the window opens, the organisation applies, a re-audit, the renewal is granted.
  c.elapse('cycle-1:renewal-window');
  c.do(command('ApplyForRenewal', { documentIds: ['b'.repeat(64)] }), applicant, '2026-04-14T09:00:00.000Z');
  c.assignDocumentReviewer('2026-04-14T10:00:00.000Z');
  c.completeDocumentReview('2026-04-15T09:00:00.000Z');
  c.assignLeadAuditor('2026-04-15T10:00:00.000Z', otherAuditor);
  c.do(command('SetAuditDate', { auditDate: '2026-04-20' }), caseManager, '2026-04-15T11:00:00.000Z');
  c.elapse('cycle-1:lead-auditor-3:objection-window-end');
  for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check'])
    c.completeAuditElement(element, [], '2026-04-20T15:00:00.000Z', otherAuditor);
  c.grant('2026-04-21T10:00:00.000Z', renewalCertificateNumber.replace('2028', '2026'));
  c.elapse('cycle-1:certificate-expiry');
  c.do(command('Withdraw', { reason: 'Missbrauch des Labels.' }), caseManager, '2026-05-10T09:00:00.000Z');
  return c;
}
