import { describe, expect, it } from 'vitest';
import { dueTimers } from '../../domain/timers';
import {
  applicant,
  caseManager,
  command,
  decisionMaker,
  given,
  newCase,
  otherAuditor,
  renewalCertificateNumber,
  validCertificateNumber,
} from './support';

describe('renewal and expiry', () => {
  it('expires when no renewal has been decided', () => {
    const expired = newCase().accredited().elapse('cycle-1:certificate-expiry');
    expect(expired.events.at(-1)).toEqual({
      type: 'AccreditationExpired',
      data: {
        timerId: 'cycle-1:certificate-expiry',
        certificateNumber: validCertificateNumber,
        expiredAt: '2029-01-31T10:00:00.000Z',
      },
    });
    expect(dueTimers(expired.state)).toEqual([]);
  });

  it('opens the renewal window six months before expiry', () => {
    const accredited = newCase().accredited();
    given(accredited.events)
      .when(command('ApplyForRenewal', {}), { actor: applicant, now: '2028-07-31T09:59:59.999Z' })
      .then('renewal_window_not_open');
    accredited.elapse('cycle-1:renewal-window');
    expect(accredited.events.at(-1)).toEqual({
      type: 'RenewalWindowOpened',
      data: {
        timerId: 'cycle-1:renewal-window',
        certificateNumber: validCertificateNumber,
        expiresAt: '2029-01-31T10:00:00.000Z',
        recipient: { role: 'organisation', organisationId: 'org-1' },
      },
    });
  });

  it('grants the renewed certificate from the old expiry date and starts the next cycle then', () => {
    const renewal = newCase()
      .accredited()
      .elapse('cycle-1:renewal-window')
      .do(
        command('ApplyForRenewal', { documentIds: ['doc-update-2028'] }),
        applicant,
        '2028-08-01T09:00:00.000Z',
      );
    expect(renewal.state).toMatchObject({ status: 'document_review', renewal: { status: 'applied' } });
    given(renewal.events)
      .when(command('ApplyForRenewal', {}), { actor: applicant, now: '2028-08-02T09:00:00.000Z' })
      .then('invalid_transition');

    renewal
      .assignDocumentReviewer()
      .completeDocumentReview('2028-08-10T09:00:00.000Z')
      .assignLeadAuditor('2028-08-12T09:00:00.000Z', otherAuditor)
      .do(command('SetAuditDate', { auditDate: '2028-09-01' }), caseManager)
      .elapse('cycle-1:lead-auditor-2:objection-window-end')
      .completeAuditElement('on_site_audit', [], '2028-09-01T15:00:00.000Z', otherAuditor)
      .completeAuditElement('customer_satisfaction_analysis', [], '2028-09-01T15:00:00.000Z', otherAuditor)
      .completeAuditElement('it_security_check', [], '2028-09-01T15:00:00.000Z', otherAuditor)
      .grant('2028-10-15T10:00:00.000Z', renewalCertificateNumber);

    expect(renewal.events.at(-1)).toMatchObject({
      type: 'AccreditationGranted',
      data: {
        certificateNumber: renewalCertificateNumber,
        decidedBy: decisionMaker.id,
        decidedAt: '2028-10-15T10:00:00.000Z',
        validFrom: '2029-01-31T10:00:00.000Z',
        validUntil: '2032-01-31T10:00:00.000Z',
        cycle: 2,
        renewal: true,
      },
    });
    expect(renewal.state).toMatchObject({
      status: 'accredited',
      cycle: 1,
      certificate: { certificateNumber: validCertificateNumber },
      nextCertificate: { certificateNumber: renewalCertificateNumber },
    });

    renewal.elapse('cycle-1:certificate-expiry');
    expect(renewal.events.at(-1)).toEqual({
      type: 'CycleRenewed',
      data: {
        timerId: 'cycle-1:certificate-expiry',
        cycle: 2,
        certificateNumber: renewalCertificateNumber,
        validFrom: '2029-01-31T10:00:00.000Z',
        validUntil: '2032-01-31T10:00:00.000Z',
      },
    });
    expect(renewal.state).toMatchObject({
      status: 'accredited',
      cycle: 2,
      auditorsInvolved: [],
      certificate: { certificateNumber: renewalCertificateNumber },
      nextCertificate: null,
      renewal: null,
    });
    expect(
      dueTimers(renewal.state)
        .filter((timer) => timer.kind === 'self_assessment_due' || timer.kind === 'certificate_expiry')
        .map(({ id, at }) => [id, at]),
    ).toEqual([
      ['cycle-2:self-assessment-1:due', '2030-01-31T10:00:00.000Z'],
      ['cycle-2:self-assessment-2:due', '2031-01-31T10:00:00.000Z'],
      ['cycle-2:certificate-expiry', '2032-01-31T10:00:00.000Z'],
    ]);
  });

  it('keeps the old certificate until expiry when the renewal is refused', () => {
    const refusedRenewal = newCase()
      .accredited()
      .do(command('ApplyForRenewal', {}), applicant, '2028-08-01T09:00:00.000Z')
      .assignDocumentReviewer()
      .taken('2028-09-01T09:00:00.000Z')
      .do(command('Refuse', { reasons: ['Nachweise fehlen.'] }), decisionMaker, '2028-09-01T09:00:00.000Z');
    expect(refusedRenewal.events.at(-1)).toMatchObject({
      type: 'AccreditationRefused',
      data: { renewal: true },
    });
    expect(refusedRenewal.state).toMatchObject({ status: 'accredited', renewal: { status: 'refused' } });
    given(refusedRenewal.events)
      .when(command('ApplyForRenewal', {}), { actor: applicant, now: '2028-09-02T09:00:00.000Z' })
      .then('renewal_refused');
    refusedRenewal.elapse('cycle-1:certificate-expiry');
    expect(refusedRenewal.state.status).toBe('expired');
  });
});

describe('a pilot policy in seconds', () => {
  it('runs a whole cycle in about a minute and a half', () => {
    const pilot = newCase('2026-01-05T09:00:00.000Z').open({
      version: 'pilot-seconds',
      certificateValidity: { seconds: 90 },
      selfAssessmentInterval: { seconds: 30 },
      selfAssessmentReminderLeadTimes: [{ seconds: 10 }],
      selfAssessmentOverdueReminderAfter: { seconds: 2 },
      selfAssessmentEscalationAfter: { seconds: 4 },
      selfAssessmentSuspensionProposalAfter: { seconds: 8 },
      renewalWindow: { seconds: 20 },
      auditorObjectionWindow: { seconds: 5 },
    });
    pilot
      .do(
        command('SubmitApplication', {
          items: [
            { itemId: 'APP-1', statement: 'a' },
            { itemId: 'APP-2', statement: 'b' },
            { itemId: 'APP-3', statement: 'c' },
          ],
        }),
        applicant,
        '2026-01-05T09:00:01.000Z',
      )
      .do(command('AcceptApplication', {}), caseManager, '2026-01-05T09:00:02.000Z')
      .assignDocumentReviewer()
      .completeDocumentReview('2026-01-05T09:00:03.000Z')
      .assignLeadAuditor('2026-01-05T09:00:04.000Z')
      .do(command('SetAuditDate', { auditDate: '2026-01-05' }), caseManager)
      .elapse('cycle-1:lead-auditor-1:objection-window-end')
      .completeAuditElement('on_site_audit', [], '2026-01-05T09:00:10.000Z')
      .completeAuditElement('customer_satisfaction_analysis', [], '2026-01-05T09:00:10.000Z')
      .completeAuditElement('it_security_check', [], '2026-01-05T09:00:10.000Z')
      .grant('2026-01-05T09:00:11.000Z');
    expect(dueTimers(pilot.state).map(({ id, at }) => [id, at.slice(11, 19)])).toEqual([
      ['cycle-1:self-assessment-1:reminder-10s', '09:00:31'],
      ['cycle-1:self-assessment-1:due', '09:00:41'],
      ['cycle-1:self-assessment-1:overdue', '09:00:43'],
      ['cycle-1:self-assessment-1:escalation', '09:00:45'],
      ['cycle-1:self-assessment-1:suspension-proposal', '09:00:49'],
      ['cycle-1:self-assessment-2:reminder-10s', '09:01:01'],
      ['cycle-1:self-assessment-2:due', '09:01:11'],
      ['cycle-1:self-assessment-2:overdue', '09:01:13'],
      ['cycle-1:self-assessment-2:escalation', '09:01:15'],
      ['cycle-1:self-assessment-2:suspension-proposal', '09:01:19'],
      ['cycle-1:renewal-window', '09:01:21'],
      ['cycle-1:certificate-expiry', '09:01:41'],
    ]);
  });
});
