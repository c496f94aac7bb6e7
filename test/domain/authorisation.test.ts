import { describe, expect, it } from 'vitest';
import {
  admin,
  applicant,
  auditingDecisionMaker,
  caseManager,
  command,
  completeApplication,
  decisionMaker,
  given,
  leadAuditor,
  newCase,
  otherAuditor,
  reviewer,
  strangerOrganisation,
  system,
  validCertificateNumber,
} from './support';

const now = '2026-01-31T10:00:00.000Z';

describe('roles', () => {
  it('lets only staff or admins open a case', () => {
    const open = command('OpenAccreditation', {
      accreditationId: 'acc-1',
      organisationId: 'org-1',
      organisationName: 'Muster IT-Service GmbH',
      scope: 'IT-Servicemanagement und Servicedesk, Standort Musterstadt',
      caseManagerId: caseManager.id,
    });
    given().when(open, { actor: applicant, now }).then('not_authorised');
    given().when(open, { actor: decisionMaker, now }).then('not_authorised');
    expect(given().when(open, { actor: admin, now }).decision.ok).toBe(true);
  });

  it('lets only the organisation submit its application', () => {
    const opened = newCase().open();
    const submit = command('SubmitApplication', { items: completeApplication });
    given(opened.events).when(submit, { actor: caseManager, now }).then('not_authorised');
    given(opened.events).when(submit, { actor: strangerOrganisation, now }).then('not_own_case');
  });

  it('keeps organisations out of other organisations’ cases', () => {
    const planning = newCase().inAuditPlanning();
    given(planning.events)
      .when(command('ObjectToAuditor', { reason: 'Befangen.' }), {
        actor: strangerOrganisation,
        now: planning.now,
      })
      .then('not_own_case');
  });

  it('lets staff, not auditors or decision makers, manage the case', () => {
    const submitted = newCase().applicationSubmitted();
    given(submitted.events)
      .when(command('AcceptApplication', {}), { actor: reviewer, now })
      .then('not_authorised');
    given(submitted.events)
      .when(command('AcceptApplication', {}), { actor: decisionMaker, now })
      .then('not_authorised');
    given(submitted.events)
      .when(command('AcceptApplication', {}), { actor: admin, now })
      .then([{ type: 'ApplicationAccepted', data: { acceptedBy: admin.id } }]);
  });

  it('lets only decision makers grant', () => {
    const ready = newCase().awaitingDecision();
    const grant = command('Grant', { certificateNumber: validCertificateNumber });
    for (const actor of [caseManager, admin, applicant, leadAuditor, system]) {
      given(ready.events).when(grant, { actor, now }).then('not_authorised');
    }
  });

  it('lets only the clock elapse timers', () => {
    const planning = newCase().inAuditPlanning();
    given(planning.events)
      .when(command('ElapseTimer', { timerId: 'cycle-1:lead-auditor-1:objection-window-end' }), {
        actor: caseManager,
        now: '2026-03-01T00:00:00.000Z',
      })
      .then('not_authorised');
  });
});

describe('assigned auditors only', () => {
  it('lets only the assigned document reviewer complete the review', () => {
    const review = newCase().reviewerAssigned();
    given(review.events)
      .when(
        command('CompleteDocumentReview', { results: [{ requirementId: 'ORG-1', result: 'conforming' }] }),
        {
          actor: otherAuditor,
          now,
        },
      )
      .then('not_assigned');
  });

  it('lets only the lead auditor report audit elements', () => {
    const audit = newCase().inAudit();
    const report = command('CompleteAuditElement', { element: 'on_site_audit', findings: [] });
    given(audit.events).when(report, { actor: reviewer, now }).then('not_assigned');
    given(audit.events).when(report, { actor: caseManager, now }).then('not_authorised');
  });

  it('assigns auditors only with a declaration free of conflicts of interest', () => {
    const planning = newCase().reviewerAssigned().completeDocumentReview();
    given(planning.events)
      .when(
        command('AssignLeadAuditor', { auditorId: leadAuditor.id, conflictOfInterestDeclaredFree: false }),
        {
          actor: caseManager,
          now,
        },
      )
      .then('conflict_of_interest_not_declared');
    const review = newCase().inDocumentReview();
    given(review.events)
      .when(
        command('AssignDocumentReviewer', { auditorId: reviewer.id, conflictOfInterestDeclaredFree: false }),
        {
          actor: caseManager,
          now,
        },
      )
      .then('conflict_of_interest_not_declared');
  });
});

describe('four-eyes principle', () => {
  it('forbids a decision maker who audited the case to grant or refuse', () => {
    const ready = newCase().awaitingDecision();
    given(ready.events)
      .when(command('Grant', { certificateNumber: validCertificateNumber }), {
        actor: auditingDecisionMaker,
        now,
      })
      .then('four_eyes_violation');
    given(ready.events)
      .when(command('Refuse', { reasons: ['x'] }), { actor: auditingDecisionMaker, now })
      .then('four_eyes_violation');
  });

  it('counts the document reviewer as an auditor of the case', () => {
    const ready = newCase().awaitingDecision();
    given(ready.events)
      .when(command('Grant', { certificateNumber: validCertificateNumber }), {
        actor: { id: reviewer.id, role: 'decision_maker' },
        now,
      })
      .then('four_eyes_violation');
  });

  it('counts an auditor the organisation objected to', () => {
    const objected = newCase()
      .inAuditPlanning()
      .do(
        command('ObjectToAuditor', { reason: 'Früher bei uns beschäftigt.' }),
        applicant,
        '2026-01-13T09:00:00.000Z',
      )
      .assignLeadAuditor('2026-01-14T09:00:00.000Z', otherAuditor)
      .do(command('SetAuditDate', { auditDate: '2026-02-02' }), caseManager)
      .elapse('cycle-1:lead-auditor-2:objection-window-end')
      .completeAuditElement('on_site_audit', [], '2026-02-02T15:00:00.000Z', otherAuditor)
      .completeAuditElement('customer_satisfaction_analysis', [], '2026-02-02T15:00:00.000Z', otherAuditor)
      .completeAuditElement('it_security_check', [], '2026-02-02T15:00:00.000Z', otherAuditor);
    given(objected.events)
      .when(command('Grant', { certificateNumber: validCertificateNumber }), {
        actor: auditingDecisionMaker,
        now,
      })
      .then('four_eyes_violation');
  });
});
