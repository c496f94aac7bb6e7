import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../domain/policy-schema';
import { stepPagePath } from '../../domain/step-pages';
import { allConforming, completeApplication } from '../fixtures/application';
import type { CaseDriver } from '../support/case-driver';
import { organisationFormStepTypes, stepTypeOfPath } from '../support/step-pages';
import {
  byRecipientAndKind,
  calendarOf,
  expectDeliveredExactlyOnce,
  type Person,
  register,
  useMailStack,
  webUrl,
} from './support';

// Self-assessments due 5 and 10 days after the grant; renewal window at +8 days; expiry at +12 days.
const shortCycle: PolicyInput = {
  version: 'test-notifications',
  certificateValidity: { days: 12 },
  selfAssessmentInterval: { days: 5 },
  selfAssessmentReminderLeadTimes: [{ days: 1 }],
  selfAssessmentOverdueReminderAfter: { days: 1 },
  selfAssessmentEscalationAfter: { days: 2 },
  selfAssessmentSuspensionProposalAfter: { days: 3 },
  renewalWindow: { days: 4 },
  auditorObjectionWindow: { days: 1 },
  // Requests and auditor tasks: a reminder a day after they begin, due the day after.
  informationRequestResponseDeadline: { days: 2 },
  informationRequestReminderLeadTime: { days: 1 },
  auditorDeadlines: {
    documentReview: { days: 2 },
    auditReport: { days: 14 },
    verification: { days: 2 },
    reminderLeadTime: { days: 1 },
  },
};

/** Case A: information request, major finding, certificate, late self-assessments, expiry. */
async function caseA(a: CaseDriver) {
  const { caseManager, applicant, reviewer, leadAuditor, decisionMaker } = a.cast;
  await a.open(shortCycle);
  await a.step(applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
  await a.step(caseManager, {
    type: 'RequestInformation',
    data: { questions: ['Organigramm <bitte>?'] },
  });
  await a.waitForEvent('InformationRequestReminderSent');
  await a.step(applicant, {
    type: 'ProvideInformation',
    data: { requestId: 'cycle-1:request-1', answer: 'Liegt bei.', documentIds: ['doc-organigramm'] },
  });
  await a.step(caseManager, { type: 'AcceptApplication', data: {} });
  await a.step(caseManager, {
    type: 'AssignDocumentReviewer',
    data: { auditorId: reviewer.id, conflictOfInterestDeclaredFree: true },
  });
  await a.waitForEvent('AuditorDeadlineApproaching');
  await a.step(reviewer, { type: 'CompleteDocumentReview', data: { results: allConforming } });
  await a.planAudit();
  await a.waitForEvent('AuditorObjectionWindowClosed');
  await a.step(leadAuditor, {
    type: 'CompleteAuditElement',
    data: {
      element: 'on_site_audit',
      findings: [{ requirementId: 'SEC-2', severity: 'major', description: 'Kein Penetrationstest.' }],
    },
  });
  for (const element of ['customer_satisfaction_analysis', 'it_security_check']) {
    await a.step(leadAuditor, { type: 'CompleteAuditElement', data: { element, findings: [] } });
  }
  await a.step(applicant, {
    type: 'SubmitCorrectiveActionEvidence',
    data: {
      findingId: 'cycle-1:finding-1',
      description: 'Test durchgeführt.',
      documentIds: ['doc-pentest'],
    },
  });
  const submitted = await a.eventCount();
  await a.waitForEvent('AuditorDeadlineApproaching', { after: submitted });
  await a.step(leadAuditor, {
    type: 'VerifyCorrectiveAction',
    data: { findingId: 'cycle-1:finding-1', effective: true, comment: 'Geprüft.' },
  });
  await a.step(decisionMaker, { type: 'Grant', data: {} });
  // No self-assessment is submitted: reminders, escalation, suspension proposal, renewal window, expiry.
  await a.waitForEvent('AccreditationExpired');
}

/**
 * Case B: suspension, reinstatement, withdrawal. (A complaint has its own life cycle and mails since
 * rule set 7: test/api/complaints.test.ts.)
 */
async function caseB(b: CaseDriver) {
  const { caseManager, decisionMaker } = b.cast;
  await b.toAwaitingDecision({ auditorObjectionWindow: { days: 1 } });
  await b.step(decisionMaker, { type: 'Grant', data: {} });
  await b.step(caseManager, { type: 'Suspend', data: { reason: 'Störungen werden nicht bearbeitet.' } });
  await b.step(caseManager, { type: 'Reinstate', data: { reason: 'Mängel behoben' } });
  await b.step(caseManager, { type: 'Suspend', data: { reason: 'Erneute Mängel' } });
  await b.step(caseManager, { type: 'Withdraw', data: { reason: 'Keine Besserung' } });
}

/**
 * Two cases over a whole cycle, on the time-skipping test server: the clock runs from deadline to
 * deadline while a case waits for a timer, so reminders, escalations and expiry come at once.
 */
describe('notifications by e-mail over a whole cycle', () => {
  const { stack, smtp, dispatcher } = useMailStack({ temporal: 'time-skipping' });

  it('tells each person what they must do over a whole cycle, in their language, with links and calendar entries', async () => {
    const { db } = stack;
    const a = stack.driver();
    const castA = a.cast;
    const peopleA = await register(db, castA, {
      orgLanguage: 'en',
      languages: { [castA.reviewer.id]: 'en', [castA.decisionMaker.id]: 'en' },
    });
    const b = stack.driver();
    const peopleB = await register(db, b.cast, {});

    // One after the other: while one case lets the server clock jump, an update to the other could
    // outlive its wait on the test server.
    await caseB(b);
    await caseA(a);

    const report = await dispatcher().dispatchPending();
    expect(report.failed).toBe(0);
    // Rows addressed to decision makers were expanded in this run; their copies go out in the next.
    await dispatcher().dispatchPending();

    const messagesA = await expectDeliveredExactlyOnce(db, smtp, a, peopleA);
    const messagesB = await expectDeliveredExactlyOnce(db, smtp, b, peopleB);
    const a$ = byRecipientAndKind(messagesA);
    const b$ = byRecipientAndKind(messagesB);
    const mailOf = (
      received: typeof a$,
      person: Person | undefined,
      kind: string,
      subject: RegExp,
    ): ParsedMail => {
      const list = received.get(person?.email as string) ?? [];
      const found = list.find((m) => m.kind === kind && subject.test(m.subject));
      expect(
        found,
        `${kind} ${subject} to ${person?.email}: got ${list.map((m) => m.subject).join(' | ')}`,
      ).toBeDefined();
      return (found as { mail: ParsedMail }).mail;
    };
    const org = peopleA.get(castA.organisationId);
    const anna = peopleA.get(castA.caseManager.id);
    const rita = peopleA.get(castA.reviewer.id);
    const lars = peopleA.get(castA.leadAuditor.id);
    const dora = peopleA.get(castA.decisionMaker.id);

    // The organisation's contact (English).
    mailOf(a$, org, 'application_submitted', /^\[DIM\] Application received$/);
    const requested = mailOf(a$, org, 'information_requested', /Information requested/);
    expect(requested.text).toContain('Organigramm <bitte>?');
    expect(requested.html).toContain('Organigramm &lt;bitte&gt;?');
    // The answer's form, and the case.
    const answerPath = stepPagePath(a.accreditationId, 'ProvideInformation', 'cycle-1:request-1');
    expect(answerPath).toBe(
      `/accreditations/${a.accreditationId}/steps/provide-information?subject=cycle-1%3Arequest-1`,
    );
    expect(requested.text).toContain(`Answer the request: ${webUrl}${answerPath}`);
    expect(requested.text).toContain(`${webUrl}/accreditations/${a.accreditationId}`);
    expect(calendarOf(requested)).toMatch(/BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z/);
    expect(
      calendarOf(mailOf(a$, org, 'information_request_reminder_sent', /Reminder: information/)),
    ).toBeDefined();
    mailOf(a$, org, 'lead_auditor_assigned', /Auditor appointed/);
    const auditDate = mailOf(a$, org, 'audit_date_set', /Audit date: 1 January 2030/);
    expect(calendarOf(auditDate)).toContain('DTSTART;VALUE=DATE:20300101');
    const findings = mailOf(a$, org, 'audit_element_completed', /Audit findings/);
    expect(findings.text).toContain(
      '§4.3 “Regular security audits and penetration tests to identify vulnerabilities” (major nonconformity): Kein Penetrationstest.',
    );
    expect(calendarOf(findings)).toContain('SUMMARY:Corrective action due §4.3 “Regular security audits');
    const granted = mailOf(a$, org, 'accreditation_granted', /Accreditation granted – certificate DIM1002-/);
    expect(granted.text).toMatch(/valid from .* until /);
    const reminder = mailOf(a$, org, 'self_assessment_reminder_sent', /Reminder: self-assessment due soon/);
    expect(calendarOf(reminder)).toContain('SUMMARY:Self-assessment due');
    mailOf(a$, org, 'self_assessment_reminder_sent', /Self-assessment overdue/);
    expect(calendarOf(mailOf(a$, org, 'renewal_window_opened', /Apply for renewal/))).toContain('expires');
    mailOf(a$, org, 'accreditation_expired', /Certificate DIM1002-.* expired/);
    // Each step page an e-mail sends the organisation to is the router's, with a form for the step.
    const opened = (a$.get(org?.email as string) ?? []).flatMap(({ mail }) =>
      [...(mail.text ?? '').matchAll(/https?:\/\/\S+/g)].flatMap(([link]) => {
        const step = stepTypeOfPath(link);
        return step ? [step] : [];
      }),
    );
    const formTypes = await organisationFormStepTypes();
    for (const { id, stepType } of opened) {
      expect(id).toBe(a.accreditationId);
      expect(formTypes).toContain(stepType);
    }
    expect(new Set(opened.map(({ stepType }) => stepType))).toEqual(
      new Set(['ProvideInformation', 'ObjectToAuditor', 'SubmitSelfAssessment', 'ApplyForRenewal']),
    );

    // The case manager (German): new application, answer, overdue, escalation, suspension proposal.
    mailOf(a$, anna, 'application_submitted', /Neuer Antrag zu prüfen: Muster IT-Service GmbH/);
    mailOf(a$, anna, 'information_provided', /Antwort eingegangen/);
    mailOf(a$, anna, 'self_assessment_reminder_sent', /Selbstbewertung überfällig: Muster/);
    mailOf(a$, anna, 'self_assessment_escalated', /Eskalation: Selbstbewertung/);
    mailOf(a$, anna, 'suspension_proposed', /Aussetzung vorgeschlagen/);

    // Auditors: new tasks and the audit date.
    const review = mailOf(a$, rita, 'document_reviewer_assigned', /New task: document review/);
    expect(review.text).toMatch(/Please complete it by \d/);
    expect(calendarOf(review)).toContain('SUMMARY:Due: document review');
    const approaching = mailOf(a$, rita, 'auditor_deadline_approaching', /Deadline approaching: Muster/);
    expect(approaching.text).toContain('the document review for Muster IT-Service GmbH is due by');
    expect(calendarOf(approaching)).toContain('SUMMARY:Due: auditor task');
    mailOf(a$, lars, 'lead_auditor_assigned', /Neue Aufgabe: Audit/);
    expect(calendarOf(mailOf(a$, lars, 'audit_date_set', /Audittermin: 1\. Januar 2030/))).toContain(
      'DTSTART;VALUE=DATE:20300101',
    );
    const evidence = mailOf(a$, lars, 'corrective_action_evidence_submitted', /Korrekturmaßnahme prüfen/);
    expect(evidence.text).toMatch(/Bitte prüfen Sie bis \d/);
    expect(calendarOf(evidence)).toContain('SUMMARY:Frist: Prüfung');
    const verification = mailOf(a$, lars, 'auditor_deadline_approaching', /Frist naht: Muster/);
    // The auditor's task list names the finding; the mail names no raw id.
    expect(verification.text).toContain('die Prüfung einer Korrekturmaßnahme bzw. eines Maßnahmenplans');
    expect(verification.text).not.toContain('cycle-1:finding-1');

    // Decision makers (every holder of the role): ready for decision, suspension proposal.
    mailOf(a$, dora, 'ready_for_decision', /Ready for decision: Muster IT-Service GmbH/);
    mailOf(a$, dora, 'suspension_proposed', /Suspension proposed/);
    mailOf(a$, peopleB.get(b.cast.decisionMaker.id), 'ready_for_decision', /Entscheidung fällig/);

    // Case B: the certificate's status, in German.
    const orgB = peopleB.get(b.cast.organisationId);
    const annaB = peopleB.get(b.cast.caseManager.id);
    mailOf(b$, orgB, 'accreditation_granted', /Akkreditierung erteilt – Zertifikat/);
    mailOf(b$, orgB, 'accreditation_suspended', /^\[DIM\] Akkreditierung ausgesetzt$/);
    mailOf(b$, orgB, 'accreditation_reinstated', /Akkreditierung wieder in Kraft/);
    mailOf(b$, orgB, 'accreditation_withdrawn', /Akkreditierung entzogen/);
    mailOf(b$, annaB, 'accreditation_suspended', /Akkreditierung ausgesetzt: Muster/);
    mailOf(b$, annaB, 'accreditation_withdrawn', /Akkreditierung entzogen: Muster/);
  }, 60_000);
});
