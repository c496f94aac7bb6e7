import { describe, expect, it } from 'vitest';
import { decide } from '../../domain/accreditation';
import type { Actor, Command } from '../../domain/commands';
import { openTasks } from '../../domain/tasks';
import { StampedCase } from './stamped-case';
import {
  applicant,
  auditingDecisionMaker,
  caseManager,
  command,
  decisionMaker,
  leadAuditor,
  newCase,
  otherAuditor,
  reviewer,
  strangerOrganisation,
} from './support';

const extended = 'IT-Servicemanagement und Servicedesk, Standorte Musterstadt und Beispielheim';
const apply = command('ApplyScopeChange', {
  kind: 'extension',
  scope: extended,
  reason: 'Zweiter Standort seit März in Betrieb',
  documentIds: ['doc-site-2'],
});
const scopeChangeId = 'cycle-1:scope-change-1';
const at = '2026-04-01T09:00:00.000Z';

const refusal = (
  state: ReturnType<typeof newCase>['state'],
  step: Command,
  actor: Actor,
  ruleSet?: 5 | 6,
) => {
  const decision = decide(step, state, { actor, now: at, ...(ruleSet ? { ruleSet } : {}) });
  return decision.ok ? 'accepted' : decision.rejection.code;
};

describe('scope change during validity (issue 20 item 9, rule set 6)', () => {
  it('is applied for by the organisation of a valid certificate; the refusals have their own codes', () => {
    const accredited = newCase().accredited();
    expect(refusal(accredited.state, apply, applicant, 5)).toBe('invalid_transition');
    expect(refusal(accredited.state, apply, strangerOrganisation)).toBe('not_own_case');
    expect(refusal(accredited.state, apply, caseManager)).toBe('not_authorised');
    const same = command('ApplyScopeChange', {
      kind: 'reduction',
      scope: accredited.case.scope,
      reason: 'x',
    });
    expect(refusal(accredited.state, same, applicant)).toBe('scope_unchanged');
    expect(refusal(newCase().suspended().state, apply, applicant)).toBe('certificate_suspended');
    expect(refusal(newCase().inAudit().state, apply, applicant)).toBe('invalid_transition');

    const applied = accredited.do(apply, applicant, at);
    expect(applied.events.at(-1)).toMatchObject({
      type: 'ScopeChangeApplied',
      data: {
        scopeChangeId,
        kind: 'extension',
        scope: extended,
        previousScope: 'IT-Servicemanagement und Servicedesk, Standort Musterstadt',
        documentIds: ['doc-site-2'],
        recipient: { role: 'organisation', organisationId: 'org-1' },
      },
    });
    expect(refusal(applied.state, apply, applicant)).toBe('scope_change_open');
    // Not a renewal beside an open scope change.
    expect(refusal(applied.state, command('ApplyForRenewal', {}), applicant)).toBe('invalid_transition');
    const early = command('DecideScopeChange', { scopeChangeId, granted: true, reason: 'x' });
    expect(refusal(applied.state, early, decisionMaker)).toBe('scope_change_not_at_step');
    const unknown = command('AssessScopeChange', {
      scopeChangeId: 'sc-x',
      assessment: { method: 'approve' },
    });
    expect(refusal(applied.state, unknown, caseManager)).toBe('unknown_scope_change');
    expect(openTasks(applied.state).find((task) => task.kind === 'assess_scope_change')).toMatchObject({
      assigneeId: caseManager.id,
      subjectId: scopeChangeId,
    });
  });

  it('approved and granted: the scope changes, the certificate’s number and validity stay, the file keeps the history', () => {
    const granted = new StampedCase().accredited();
    const certificate = granted.case.certificate;
    granted
      .do(apply, applicant, at)
      .do(command('AssessScopeChange', { scopeChangeId, assessment: { method: 'approve' } }), caseManager, at)
      .do(
        command('DecideScopeChange', { scopeChangeId, granted: true, reason: 'Standort geprüft' }),
        decisionMaker,
        at,
      );
    expect(granted.events.at(-1)).toMatchObject({
      type: 'ScopeChangeDecided',
      data: { scopeChangeId, granted: true, scope: extended, decidedBy: decisionMaker.id },
    });
    expect(granted.case.scope).toBe(extended);
    expect(granted.case.certificate).toEqual(certificate);
    expect(granted.case.scopeChange).toBeNull();
    expect(granted.file.scope).toBe(extended);
    expect(granted.file.scopeChanges).toEqual([
      expect.objectContaining({
        scopeChangeId,
        previousScope: 'IT-Servicemanagement und Servicedesk, Standort Musterstadt',
        assessment: expect.objectContaining({ method: 'approve', by: caseManager.id }),
        decision: expect.objectContaining({ granted: true, by: decisionMaker.id }),
      }),
    ]);
  });

  it('under document review: only the named reviewer reviews, then a decision maker who did not audit decides; refused leaves the scope', () => {
    const reviewed = newCase()
      .accredited()
      .do(apply, applicant, at)
      .do(
        command('AssessScopeChange', {
          scopeChangeId,
          assessment: { method: 'document_review', reviewerId: reviewer.id },
        }),
        caseManager,
        at,
      );
    expect(
      openTasks(reviewed.state).find((task) => task.kind === 'review_scope_change_documents'),
    ).toMatchObject({
      assigneeId: reviewer.id,
    });
    const review = command('ReviewScopeChangeDocuments', {
      scopeChangeId,
      conforming: false,
      comment: 'Kein Notfallplan',
    });
    expect(refusal(reviewed.state, review, otherAuditor)).toBe('not_assigned');
    reviewed.do(review, reviewer, at);
    const decideTask = openTasks(reviewed.state).find((task) => task.kind === 'decide_scope_change');
    expect(decideTask?.excludedUserIds).toContain(leadAuditor.id);
    const refuse = command('DecideScopeChange', {
      scopeChangeId,
      granted: false,
      reason: 'Notfallplan fehlt',
    });
    expect(refusal(reviewed.state, refuse, auditingDecisionMaker)).toBe('four_eyes_violation');
    const before = reviewed.case.scope;
    reviewed.do(refuse, decisionMaker, at);
    expect(reviewed.case.scope).toBe(before);
    expect(reviewed.case.scopeChange).toBeNull();
  });

  it('by special audit: schedules the Sonderaudit naming the change; once it closes, the change awaits the decision', () => {
    const audited = newCase()
      .accredited()
      .do(apply, applicant, at)
      .do(
        command('AssessScopeChange', {
          scopeChangeId,
          assessment: { method: 'special_audit', reason: 'Neuer Standort vor Ort zu prüfen' },
        }),
        caseManager,
        at,
      );
    expect(audited.events.slice(-2)).toMatchObject([
      { type: 'ScopeChangeAssessed', data: { method: 'special_audit' } },
      { type: 'SpecialAuditScheduled', data: { scopeChangeId } },
    ]);
    expect(audited.case.scopeChange?.stage).toBe('special_audit');
    audited
      .assignLeadAuditor('2026-04-01T10:00:00.000Z')
      .do(command('SetAuditDate', { auditDate: '2026-04-20' }), leadAuditor, '2026-04-02T09:00:00.000Z')
      .elapse('cycle-1:lead-auditor-2:objection-window-end');
    for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check']) {
      audited.completeAuditElement(element, [], '2026-04-20T15:00:00.000Z');
    }
    expect(audited.events.at(-1)?.type).toBe('SpecialAuditClosed');
    expect(audited.case.scopeChange?.stage).toBe('decision');
    const grant = command('DecideScopeChange', {
      scopeChangeId,
      granted: true,
      reason: 'Audit ohne Feststellungen',
    });
    expect(refusal(audited.state, grant, auditingDecisionMaker)).toBe('four_eyes_violation');
    audited.do(grant, decisionMaker, '2026-04-21T09:00:00.000Z');
    expect(audited.case.scope).toBe(extended);
  });
});
