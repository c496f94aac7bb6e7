import { describe, expect, it } from 'vitest';
import { dueTimers } from '../../domain/timers';
import {
  applicant,
  caseManager,
  command,
  decisionMaker,
  given,
  leadAuditor,
  newCase,
  otherAuditor,
  system,
  validCertificateNumber,
} from './support';

const majorFinding = 'cycle-1:finding-1';
const minorFinding = 'cycle-1:finding-2';
const grant = command('Grant', { certificateNumber: validCertificateNumber });
const decisionDay = { actor: decisionMaker, now: '2026-03-01T10:00:00.000Z' };

describe('objection to the auditor', () => {
  it('opens a window from the assignment', () => {
    const planning = newCase().inAuditPlanning();
    expect(planning.events.at(-1)).toEqual({
      type: 'LeadAuditorAssigned',
      data: {
        assignmentId: 'cycle-1:lead-auditor-1',
        auditorId: leadAuditor.id,
        conflictOfInterestDeclaredFree: true,
        objectionWindowEndsAt: '2026-01-26T09:00:00.000Z',
        auditDateDueBy: '2026-02-11T09:00:00.000Z',
      },
    });
  });

  it('is taken within the window and frees the post', () => {
    const planning = newCase().inAuditPlanning();
    given(planning.events)
      .when(command('ObjectToAuditor', { reason: 'Früher bei uns beschäftigt.' }), {
        actor: applicant,
        now: '2026-01-26T08:59:59.999Z',
      })
      .then([
        {
          type: 'AuditorObjected',
          data: {
            assignmentId: 'cycle-1:lead-auditor-1',
            auditorId: leadAuditor.id,
            reason: 'Früher bei uns beschäftigt.',
          },
        },
      ]);
  });

  it('is refused once the window has ended, even before the timer has run', () => {
    const planning = newCase().inAuditPlanning();
    given(planning.events)
      .when(command('ObjectToAuditor', { reason: 'Zu spät.' }), {
        actor: applicant,
        now: '2026-01-26T09:00:00.000Z',
      })
      .then('objection_window_closed');
    planning.elapse('cycle-1:lead-auditor-1:objection-window-end');
    given(planning.events)
      .when(command('ObjectToAuditor', { reason: 'Zu spät.' }), {
        actor: applicant,
        now: '2026-01-26T09:00:00.000Z',
      })
      .then('objection_window_closed');
  });

  it('keeps the auditor objected to from being assigned again', () => {
    const objected = newCase()
      .inAuditPlanning()
      .do(command('ObjectToAuditor', { reason: 'Befangen.' }), applicant, '2026-01-13T09:00:00.000Z');
    expect(dueTimers(objected.state)).toEqual([]);
    const assign = (auditorId: string) =>
      command('AssignLeadAuditor', { auditorId, conflictOfInterestDeclaredFree: true });
    const context = { actor: caseManager, now: '2026-01-14T09:00:00.000Z' };
    given(objected.events).when(assign(leadAuditor.id), context).then('auditor_objected');
    expect(given(objected.events).when(assign(otherAuditor.id), context).decision.ok).toBe(true);
  });
});

describe('audit findings', () => {
  it('gives major findings a corrective-action deadline and leads to corrective actions', () => {
    const corrective = newCase().inCorrectiveActions();
    expect(corrective.state).toMatchObject({
      status: 'corrective_actions',
      findings: [
        {
          findingId: majorFinding,
          severity: 'major',
          correctiveActionDueBy: '2026-04-28T15:00:00.000Z',
          status: 'open',
        },
        { findingId: minorFinding, severity: 'minor', status: 'open' },
        { findingId: 'cycle-1:finding-3', severity: 'observation', status: 'resolved' },
      ],
    });
  });

  it('knows only the audit elements of the catalogue, each reported once', () => {
    const audit = newCase().inAudit().completeAuditElement('on_site_audit').taken();
    const context = { actor: leadAuditor, now: '2026-01-28T16:00:00.000Z' };
    given(audit.events)
      .when(command('CompleteAuditElement', { element: 'on_site_audit', findings: [] }), context)
      .then('audit_element_already_completed');
    given(audit.events)
      .when(command('CompleteAuditElement', { element: 'document_review', findings: [] }), context)
      .then('unknown_audit_element');
    given(audit.events)
      .when(
        command('CompleteAuditElement', {
          element: 'it_security_check',
          findings: [{ requirementId: 'SEC-9', severity: 'minor', description: 'x' }],
        }),
        context,
      )
      .then('unknown_requirement');
  });
});

describe('grant', () => {
  it('is blocked while audit elements are outstanding', () => {
    const audit = newCase().inAudit().completeAuditElement('on_site_audit').taken();
    given(audit.events).when(grant, decisionDay).then('audit_incomplete');
  });

  it('is blocked by open major findings', () => {
    const corrective = newCase().inCorrectiveActions().taken();
    given(corrective.events).when(grant, decisionDay).then('open_major_findings');
  });

  it('is blocked by major findings whose evidence is not yet verified', () => {
    const corrective = newCase()
      .inCorrectiveActions()
      .do(
        command('SubmitCorrectiveActionEvidence', { findingId: majorFinding, description: 'Eingeführt.' }),
        applicant,
      )
      .taken();
    given(corrective.events).when(grant, decisionDay).then('open_major_findings');
  });

  it('is blocked by minor findings without an accepted action plan', () => {
    const corrective = newCase()
      .inCorrectiveActions()
      .do(
        command('SubmitCorrectiveActionEvidence', { findingId: majorFinding, description: 'Eingeführt.' }),
        applicant,
      )
      .do(
        command('VerifyCorrectiveAction', { findingId: majorFinding, effective: true, comment: 'Ok.' }),
        leadAuditor,
      )
      .taken();
    given(corrective.events).when(grant, decisionDay).then('action_plans_not_accepted');
  });

  it('follows once majors are verified and minor action plans accepted', () => {
    const resolved = newCase().findingsResolved().taken();
    expect(resolved.state.status).toBe('awaiting_decision');
    expect(given(resolved.events).when(grant, decisionDay).decision.ok).toBe(true);
  });

  it('checks the certificate number', () => {
    const ready = newCase().awaitingDecision().taken();
    given(ready.events)
      .when(command('Grant', { certificateNumber: 'DIM1002-2025-7K3M9QXA' }), decisionDay)
      .then('invalid_certificate_number');
    given(ready.events)
      .when(command('Grant', { certificateNumber: '12345' }), decisionDay)
      .then('invalid_certificate_number');
  });
});

describe('corrective actions', () => {
  it('reopens a major finding whose action was not effective', () => {
    const corrective = newCase()
      .inCorrectiveActions()
      .do(
        command('SubmitCorrectiveActionEvidence', { findingId: majorFinding, description: 'Entwurf.' }),
        applicant,
      )
      .do(
        command('VerifyCorrectiveAction', {
          findingId: majorFinding,
          effective: false,
          comment: 'Nur Entwurf.',
        }),
        leadAuditor,
      );
    expect(corrective.case.findings[0]?.status).toBe('open');
  });

  it('routes each command to findings of the right severity', () => {
    const corrective = newCase().inCorrectiveActions();
    given(corrective.events)
      .when(command('SubmitActionPlan', { findingId: majorFinding, plan: 'x' }), {
        actor: applicant,
        now: corrective.now,
      })
      .then('wrong_finding_severity');
    given(corrective.events)
      .when(command('VerifyCorrectiveAction', { findingId: majorFinding, effective: true, comment: 'x' }), {
        actor: leadAuditor,
        now: corrective.now,
      })
      .then('invalid_transition');
    given(corrective.events)
      .when(command('AcceptActionPlan', { findingId: 'cycle-1:finding-7' }), {
        actor: leadAuditor,
        now: corrective.now,
      })
      .then('unknown_finding');
  });

  it('refuses the accreditation when the deadline passes without verified evidence (rule set 2)', () => {
    const corrective = newCase().inCorrectiveActions();
    const deadline = `${majorFinding}:corrective-action-deadline`;
    expect(dueTimers(corrective.state).find((timer) => timer.id === deadline)?.at).toBe(
      '2026-04-28T15:00:00.000Z',
    );
    given(corrective.events)
      .when(command('SubmitCorrectiveActionEvidence', { findingId: majorFinding, description: 'x' }), {
        actor: applicant,
        now: '2026-04-28T15:00:00.001Z',
      })
      .then('corrective_action_deadline_passed');
    given(corrective.events)
      .when(command('ElapseTimer', { timerId: deadline }), {
        actor: system,
        now: '2026-04-28T15:00:00.000Z',
        ruleSet: 2,
      })
      .then([
        {
          type: 'AccreditationRefused',
          data: {
            timerId: deadline,
            reasons: [
              `The corrective action for finding ${majorFinding} was not verified by 2026-04-28T15:00:00.000Z`,
            ],
            decidedBy: system.id,
            renewal: false,
          },
        },
      ]);
  });

  it('stops the deadline while evidence waits for verification', () => {
    const corrective = newCase()
      .inCorrectiveActions()
      .do(
        command('SubmitCorrectiveActionEvidence', { findingId: majorFinding, description: 'x' }),
        applicant,
      );
    expect(dueTimers(corrective.state).map((timer) => timer.kind)).not.toContain(
      'corrective_action_deadline',
    );
  });

  it('moves the deadline when staff extend it', () => {
    const extended = newCase()
      .inCorrectiveActions()
      .do(
        command('ExtendDeadline', {
          target: { kind: 'corrective_action', id: majorFinding },
          newDueAt: '2026-05-28T15:00:00.000Z',
          reason: 'Lieferengpass beim Dienstleister.',
        }),
        caseManager,
        '2026-04-01T09:00:00.000Z',
      );
    expect(extended.events.at(-1)).toEqual({
      type: 'DeadlineExtended',
      data: {
        target: { kind: 'corrective_action', id: majorFinding },
        previousDueAt: '2026-04-28T15:00:00.000Z',
        newDueAt: '2026-05-28T15:00:00.000Z',
        reason: 'Lieferengpass beim Dienstleister.',
      },
    });
    expect(dueTimers(extended.state).find((timer) => timer.subjectId === majorFinding)?.at).toBe(
      '2026-05-28T15:00:00.000Z',
    );
    const extendAgain = (newDueAt: string) =>
      command('ExtendDeadline', {
        target: { kind: 'corrective_action', id: majorFinding },
        newDueAt,
        reason: 'x',
      });
    const context = { actor: caseManager, now: '2026-04-02T09:00:00.000Z' };
    given(extended.events).when(extendAgain('2026-05-01T00:00:00.000Z'), context).then('deadline_not_later');
    given(extended.events)
      .when(
        command('ExtendDeadline', {
          target: { kind: 'corrective_action', id: minorFinding },
          newDueAt: '2026-06-01T00:00:00.000Z',
          reason: 'x',
        }),
        context,
      )
      .then('unknown_deadline');
  });
});
