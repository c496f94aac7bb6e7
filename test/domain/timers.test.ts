import { describe, expect, it } from 'vitest';
import { isFinished } from '../../domain/accreditation';
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
  system,
  validCertificateNumber,
} from './support';

const firstSelfAssessment = 'cycle-1:self-assessment-1';
const secondSelfAssessment = 'cycle-1:self-assessment-2';

describe('timers of an accredited case under the default policy', () => {
  it('fall on the right calendar dates for a decision on 31 January 2026', () => {
    const accredited = newCase().accredited();
    expect(dueTimers(accredited.state).map(({ id, kind, at }) => [at, id, kind])).toEqual([
      ['2027-01-01T10:00:00.000Z', `${firstSelfAssessment}:reminder-30d`, 'self_assessment_reminder'],
      ['2027-01-24T10:00:00.000Z', `${firstSelfAssessment}:reminder-7d`, 'self_assessment_reminder'],
      ['2027-01-31T10:00:00.000Z', `${firstSelfAssessment}:due`, 'self_assessment_due'],
      ['2027-02-07T10:00:00.000Z', `${firstSelfAssessment}:overdue`, 'self_assessment_overdue'],
      ['2027-02-14T10:00:00.000Z', `${firstSelfAssessment}:escalation`, 'self_assessment_escalation'],
      [
        '2027-04-01T10:00:00.000Z',
        `${firstSelfAssessment}:suspension-proposal`,
        'self_assessment_suspension_proposal',
      ],
      ['2028-01-01T10:00:00.000Z', `${secondSelfAssessment}:reminder-30d`, 'self_assessment_reminder'],
      ['2028-01-24T10:00:00.000Z', `${secondSelfAssessment}:reminder-7d`, 'self_assessment_reminder'],
      ['2028-01-31T10:00:00.000Z', `${secondSelfAssessment}:due`, 'self_assessment_due'],
      ['2028-02-07T10:00:00.000Z', `${secondSelfAssessment}:overdue`, 'self_assessment_overdue'],
      ['2028-02-14T10:00:00.000Z', `${secondSelfAssessment}:escalation`, 'self_assessment_escalation'],
      [
        '2028-03-31T10:00:00.000Z',
        `${secondSelfAssessment}:suspension-proposal`,
        'self_assessment_suspension_proposal',
      ],
      ['2028-07-31T10:00:00.000Z', 'cycle-1:renewal-window', 'renewal_window'],
      ['2029-01-31T10:00:00.000Z', 'cycle-1:certificate-expiry', 'certificate_expiry'],
    ]);
  });

  it('are not listed again once fired', () => {
    const reminded = newCase().accredited().elapse(`${firstSelfAssessment}:reminder-30d`);
    expect(reminded.events.at(-1)).toEqual({
      type: 'SelfAssessmentReminderSent',
      data: {
        timerId: `${firstSelfAssessment}:reminder-30d`,
        selfAssessmentId: firstSelfAssessment,
        reminder: 'upcoming',
        dueAt: '2027-01-31T10:00:00.000Z',
        recipient: { role: 'organisation', organisationId: 'org-1' },
      },
    });
    expect(dueTimers(reminded.state)[0]?.id).toBe(`${firstSelfAssessment}:reminder-7d`);
    given(reminded.events)
      .when(command('ElapseTimer', { timerId: `${firstSelfAssessment}:reminder-30d` }), {
        actor: system,
        now: '2027-01-02T00:00:00.000Z',
      })
      .then('unknown_timer');
  });

  it('do not run out early', () => {
    const accredited = newCase().accredited();
    given(accredited.events)
      .when(command('ElapseTimer', { timerId: `${firstSelfAssessment}:reminder-30d` }), {
        actor: system,
        now: '2027-01-01T09:59:59.999Z',
      })
      .then('timer_not_due');
  });
});

describe('yearly self-assessment', () => {
  it('escalates step by step and finally proposes a suspension', () => {
    const overdue = newCase()
      .accredited()
      .elapse(`${firstSelfAssessment}:reminder-30d`)
      .elapse(`${firstSelfAssessment}:reminder-7d`)
      .elapse(`${firstSelfAssessment}:due`)
      .elapse(`${firstSelfAssessment}:overdue`)
      .elapse(`${firstSelfAssessment}:escalation`)
      .elapse(`${firstSelfAssessment}:suspension-proposal`);
    expect(overdue.events.slice(-6).map((event) => event.type)).toEqual([
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentEscalated',
      'SuspensionProposed',
    ]);
    expect(overdue.events.at(-2)).toMatchObject({
      data: { recipient: { role: 'staff', userId: caseManager.id } },
    });
    const proposalId = `${firstSelfAssessment}:suspension-proposal`;
    expect(overdue.case.suspensionProposal?.proposalId).toBe(proposalId);

    const suspended = given(overdue.events).when(command('ConfirmSuspensionProposal', { proposalId }), {
      actor: caseManager,
      now: '2027-04-02T09:00:00.000Z',
    });
    suspended.then([
      {
        type: 'AccreditationSuspended',
        data: {
          suspensionId: 'cycle-1:suspension-1',
          reason: `Self-assessment ${firstSelfAssessment} has been overdue since 2027-01-31T10:00:00.000Z`,
          suspendedAt: '2027-04-02T09:00:00.000Z',
          reinstateBy: '2027-10-02T09:00:00.000Z',
          proposalId,
        },
      },
    ]);
    given(overdue.events)
      .when(
        command('RejectSuspensionProposal', { proposalId, reason: 'Krankheitsfall, Nachreichung zugesagt.' }),
        {
          actor: caseManager,
          now: '2027-04-02T09:00:00.000Z',
        },
      )
      .then([
        {
          type: 'SuspensionProposalRejected',
          data: { proposalId, reason: 'Krankheitsfall, Nachreichung zugesagt.', rejectedBy: caseManager.id },
        },
      ]);
  });

  it('stops reminding once submitted, and staff review it', () => {
    const submitted = newCase()
      .accredited()
      .do(
        command('SubmitSelfAssessment', {
          selfAssessmentId: firstSelfAssessment,
          statement: 'Alles erfüllt.',
        }),
        applicant,
        '2027-01-10T09:00:00.000Z',
      );
    expect(dueTimers(submitted.state).filter((timer) => timer.subjectId === firstSelfAssessment)).toEqual([]);
    submitted.do(
      command('ReviewSelfAssessment', {
        selfAssessmentId: firstSelfAssessment,
        review: { outcome: 'follow_up_requested', comment: 'Bitte Nachweis zu SEC-2.' },
      }),
      caseManager,
    );
    submitted.do(
      command('SubmitSelfAssessment', {
        selfAssessmentId: firstSelfAssessment,
        statement: 'Nachweis anbei.',
      }),
      applicant,
    );
    submitted.do(
      command('ReviewSelfAssessment', {
        selfAssessmentId: firstSelfAssessment,
        review: { outcome: 'accepted' },
      }),
      caseManager,
    );
    expect(submitted.case.selfAssessments.map((selfAssessment) => selfAssessment.status)).toEqual([
      'accepted',
      'pending',
    ]);
  });

  it('cannot be submitted before its year has begun', () => {
    const accredited = newCase().accredited();
    given(accredited.events)
      .when(command('SubmitSelfAssessment', { selfAssessmentId: secondSelfAssessment, statement: 'x' }), {
        actor: applicant,
        now: '2027-01-30T09:00:00.000Z',
      })
      .then('self_assessment_not_open');
  });

  it('moves its whole chain of timers when staff extend it', () => {
    const extended = newCase()
      .accredited()
      .elapse(`${firstSelfAssessment}:reminder-30d`)
      .do(
        command('ExtendDeadline', {
          target: { kind: 'self_assessment', id: firstSelfAssessment },
          newDueAt: '2027-02-28T10:00:00.000Z',
          reason: 'Umstellung des Managementsystems.',
        }),
        caseManager,
        '2027-01-05T09:00:00.000Z',
      );
    expect(
      dueTimers(extended.state)
        .filter((timer) => timer.subjectId === firstSelfAssessment)
        .map(({ id, at }) => [id, at]),
    ).toEqual([
      [`${firstSelfAssessment}:reminder-7d`, '2027-02-21T10:00:00.000Z'],
      [`${firstSelfAssessment}:due`, '2027-02-28T10:00:00.000Z'],
      [`${firstSelfAssessment}:overdue`, '2027-03-07T10:00:00.000Z'],
      [`${firstSelfAssessment}:escalation`, '2027-03-14T10:00:00.000Z'],
      [`${firstSelfAssessment}:suspension-proposal`, '2027-04-29T10:00:00.000Z'],
    ]);
  });

  it('withdraws the suspension proposal when the overdue self-assessment arrives', () => {
    const proposed = newCase().accredited().elapse(`${firstSelfAssessment}:suspension-proposal`);
    proposed.do(
      command('SubmitSelfAssessment', { selfAssessmentId: firstSelfAssessment, statement: 'Verspätet.' }),
      applicant,
    );
    expect(proposed.case.suspensionProposal).toBeNull();
  });
});

describe('suspension', () => {
  it('withdraws the accreditation when the maximum suspension runs out', () => {
    const suspended = newCase().suspended('2026-03-01T09:00:00.000Z');
    const maximum = 'cycle-1:suspension-1:maximum-suspension-end';
    expect(dueTimers(suspended.state).map(({ id, at }) => [id, at])).toEqual([
      [maximum, '2026-09-01T09:00:00.000Z'],
      ['cycle-1:certificate-expiry', '2029-01-31T10:00:00.000Z'],
    ]);
    suspended.elapse(maximum);
    expect(suspended.events.at(-1)).toEqual({
      type: 'AccreditationWithdrawn',
      data: {
        timerId: maximum,
        reason: 'Not reinstated within the maximum suspension period (suspension cycle-1:suspension-1)',
        withdrawnAt: '2026-09-01T09:00:00.000Z',
      },
    });
    expect(suspended.state.status).toBe('withdrawn');
    expect(dueTimers(suspended.state)).toEqual([]);
    expect(isFinished(suspended.state)).toBe(true);
  });

  it('ends with reinstatement, and the self-assessment timers resume', () => {
    const reinstated = newCase()
      .suspended()
      .do(command('Reinstate', { reason: 'Mängel behoben.' }), caseManager, '2026-05-01T09:00:00.000Z');
    expect(reinstated.state.status).toBe('accredited');
    expect(dueTimers(reinstated.state).map((timer) => timer.kind)).not.toContain('maximum_suspension_end');
    expect(dueTimers(reinstated.state)[0]?.id).toBe(`${firstSelfAssessment}:reminder-30d`);
  });
});

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
