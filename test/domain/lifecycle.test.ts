import { describe, expect, it } from 'vitest';
import type { RejectionCode } from '../../domain/accreditation';
import { CommandSchema } from '../../domain/commands';
import { defaultPolicy } from '../../domain/policy';
import { dueTimers } from '../../domain/timers';
import {
  allConforming,
  applicant,
  caseManager,
  command,
  completeApplication,
  decisionMaker,
  given,
  leadAuditor,
  newCase,
  reviewer,
  system,
  validCertificateNumber,
} from './support';

describe('from opening to certificate', () => {
  it('opens a case with the default policy of the standard', () => {
    given()
      .when(
        command('OpenAccreditation', {
          accreditationId: 'acc-1',
          organisationId: 'org-1',
          organisationName: 'Muster IT-Service GmbH',
          scope: 'IT-Servicemanagement und Servicedesk, Standort Musterstadt',
          caseManagerId: caseManager.id,
        }),
        { actor: caseManager, now: '2026-01-05T09:00:00.000Z' },
      )
      .then([
        {
          type: 'AccreditationOpened',
          data: {
            accreditationId: 'acc-1',
            organisationId: 'org-1',
            organisationName: 'Muster IT-Service GmbH',
            scope: 'IT-Servicemanagement und Servicedesk, Standort Musterstadt',
            caseManagerId: caseManager.id,
            edition: 'DIM 1002:2024',
            policy: defaultPolicy,
            openedAt: '2026-01-05T09:00:00.000Z',
          },
        },
      ]);
  });

  it('refuses to open a case under an unknown edition', () => {
    given()
      .when(
        command('OpenAccreditation', {
          accreditationId: 'acc-1',
          organisationId: 'org-1',
          organisationName: 'Muster IT-Service GmbH',
          scope: 'IT-Servicemanagement und Servicedesk, Standort Musterstadt',
          caseManagerId: caseManager.id,
          edition: 'DIM 1002:2031',
        }),
        { actor: caseManager, now: '2026-01-05T09:00:00.000Z' },
      )
      .then('unknown_edition');
  });

  it('takes the application when every item of §5.1 is there', () => {
    const opened = newCase().open();
    given(opened.events)
      .when(command('SubmitApplication', { items: completeApplication }), {
        actor: applicant,
        now: '2026-01-06T09:00:00.000Z',
      })
      .then([
        {
          type: 'ApplicationSubmitted',
          data: {
            items: [
              { itemId: 'APP-1', documentIds: ['doc-process-description'] },
              { itemId: 'APP-2', documentIds: ['doc-itsm-policy', 'doc-security-policy'] },
              {
                itemId: 'APP-3',
                documentIds: [],
                statement: 'Wir erklären die Einhaltung aller Qualitäts- und Compliance-Vorgaben.',
              },
            ],
            submittedAt: '2026-01-06T09:00:00.000Z',
          },
        },
      ]);
  });

  it.each<[RejectionCode, typeof completeApplication]>([
    ['application_items_missing', completeApplication.slice(0, 2)],
    ['unknown_application_item', [...completeApplication, { itemId: 'APP-9', statement: 'x' }]],
    ['duplicate_application_item', [...completeApplication, ...completeApplication.slice(0, 1)]],
  ])('rejects an application with %s', (code, items) => {
    const opened = newCase().open();
    given(opened.events)
      .when(command('SubmitApplication', { items }), { actor: applicant, now: '2026-01-06T09:00:00.000Z' })
      .then(code);
  });

  it('walks the whole way to a certificate valid for three years from the decision', () => {
    const accredited = newCase().accredited();
    expect(accredited.events.map((event) => event.type)).toEqual([
      'AccreditationOpened',
      'ApplicationSubmitted',
      'ApplicationAccepted',
      'DocumentReviewerAssigned',
      'DocumentReviewCompleted',
      'LeadAuditorAssigned',
      'AuditDateSet',
      'AuditorObjectionWindowClosed',
      'AuditElementCompleted',
      'AuditElementCompleted',
      'AuditElementCompleted',
      'AccreditationGranted',
    ]);
    expect(accredited.events.at(-1)).toEqual({
      type: 'AccreditationGranted',
      data: {
        certificateNumber: validCertificateNumber,
        decidedBy: decisionMaker.id,
        decidedAt: '2026-01-31T10:00:00.000Z',
        validFrom: '2026-01-31T10:00:00.000Z',
        validUntil: '2029-01-31T10:00:00.000Z',
        cycle: 1,
        renewal: false,
        selfAssessments: [
          {
            selfAssessmentId: 'cycle-1:self-assessment-1',
            opensAt: '2026-01-31T10:00:00.000Z',
            dueAt: '2027-01-31T10:00:00.000Z',
          },
          {
            selfAssessmentId: 'cycle-1:self-assessment-2',
            opensAt: '2027-01-31T10:00:00.000Z',
            dueAt: '2028-01-31T10:00:00.000Z',
          },
        ],
      },
    });
    expect(accredited.case).toMatchObject({
      status: 'accredited',
      cycle: 1,
      auditorsInvolved: [reviewer.id, leadAuditor.id],
      certificate: { certificateNumber: validCertificateNumber, validUntil: '2029-01-31T10:00:00.000Z' },
    });
  });

  it('moves from planning to the audit only when the date is set and the objection window has closed', () => {
    const planning = newCase().inAuditPlanning();
    planning.elapse('cycle-1:lead-auditor-1:objection-window-end');
    expect(planning.state.status).toBe('audit_planning');
    planning.do(command('SetAuditDate', { auditDate: '2026-02-10' }), leadAuditor);
    expect(planning.state.status).toBe('audit');
  });

  it('records the document review per requirement; a gap needs a comment and is referred to the audit', () => {
    const review = newCase().reviewerAssigned();
    const context = { actor: reviewer, now: '2026-01-10T09:00:00.000Z' };
    const gap = {
      requirementId: 'SEC-2',
      result: 'gap' as const,
      comment: 'Kein Penetrationstest seit 2023.',
    };
    const results = allConforming.map((result) => (result.requirementId === 'SEC-2' ? gap : result));
    given(review.events)
      .when(command('CompleteDocumentReview', { results }), context)
      .then([
        { type: 'DocumentReviewCompleted', data: { reviewerId: reviewer.id, results } },
        {
          type: 'ReviewGapsReferredToAudit',
          data: { gaps: [{ requirementId: 'SEC-2', comment: 'Kein Penetrationstest seit 2023.' }] },
        },
      ]);
    // A run started before rule set 2 records the review alone.
    given(review.events)
      .when(command('CompleteDocumentReview', { results }), { ...context, ruleSet: 1 })
      .then([{ type: 'DocumentReviewCompleted', data: { reviewerId: reviewer.id, results } }]);
    given(review.events)
      .when(command('CompleteDocumentReview', { results: results.slice(1) }), context)
      .then('requirements_missing');
    given(review.events)
      .when(command('CompleteDocumentReview', { results: [...results, gap] }), context)
      .then('duplicate_requirement');
    const withoutComment = { requirementId: 'SEC-2', result: 'gap' };
    expect(
      CommandSchema.safeParse({ type: 'CompleteDocumentReview', data: { results: [withoutComment] } })
        .success,
    ).toBe(false);
  });
});

describe('information request', () => {
  it('asks the applicant with a deadline from the policy', () => {
    const submitted = newCase().applicationSubmitted();
    given(submitted.events)
      .when(command('RequestInformation', { questions: ['Bitte reichen Sie das Organigramm nach.'] }), {
        actor: caseManager,
        now: '2026-01-08T09:00:00.000Z',
      })
      .then([
        {
          type: 'InformationRequested',
          data: {
            requestId: 'cycle-1:request-1',
            questions: ['Bitte reichen Sie das Organigramm nach.'],
            respondBy: '2026-02-07T09:00:00.000Z',
          },
        },
      ]);
  });

  it('returns to the review when the applicant answers in time', () => {
    const waiting = newCase().awaitingApplicant();
    waiting.do(
      command('ProvideInformation', {
        requestId: 'cycle-1:request-1',
        answer: 'Anbei.',
        documentIds: ['doc-org'],
      }),
      applicant,
      '2026-02-07T09:00:00.000Z',
    );
    expect(waiting.state.status).toBe('application_review');
    expect(dueTimers(waiting.state)).toEqual([]);
  });

  it('does not take an answer after the deadline', () => {
    const waiting = newCase().awaitingApplicant();
    given(waiting.events)
      .when(command('ProvideInformation', { requestId: 'cycle-1:request-1', answer: 'Anbei.' }), {
        actor: applicant,
        now: '2026-02-07T09:00:00.001Z',
      })
      .then('response_deadline_passed');
  });

  it('reminds before the deadline and rejects the application when it passes (rule set 2)', () => {
    const waiting = newCase().awaitingApplicant();
    expect(dueTimers(waiting.state).map(({ id, at }) => [id, at])).toEqual([
      ['cycle-1:request-1:reminder', '2026-01-31T09:00:00.000Z'],
      ['cycle-1:request-1:deadline', '2026-02-07T09:00:00.000Z'],
    ]);
    waiting.elapse('cycle-1:request-1:reminder');
    expect(waiting.events.at(-1)).toEqual({
      type: 'InformationRequestReminderSent',
      data: {
        timerId: 'cycle-1:request-1:reminder',
        requestId: 'cycle-1:request-1',
        respondBy: '2026-02-07T09:00:00.000Z',
        recipient: { role: 'organisation', organisationId: 'org-1' },
      },
    });
    given(waiting.events)
      .when(command('ElapseTimer', { timerId: 'cycle-1:request-1:deadline' }), {
        actor: system,
        now: '2026-02-07T09:00:00.000Z',
        ruleSet: 2,
      })
      .then([
        {
          type: 'ApplicationRejected',
          data: {
            timerId: 'cycle-1:request-1:deadline',
            reasons: ['Information request cycle-1:request-1 was not answered by 2026-02-07T09:00:00.000Z'],
            rejectedBy: system.id,
          },
        },
      ]);
  });

  it('lets staff extend the deadline, which moves the timer', () => {
    const waiting = newCase().awaitingApplicant();
    waiting.do(
      command('ExtendDeadline', {
        target: { kind: 'information_request', id: 'cycle-1:request-1' },
        newDueAt: '2026-02-21T09:00:00.000Z',
        reason: 'Urlaubszeit',
      }),
      caseManager,
      '2026-02-01T09:00:00.000Z',
    );
    expect(dueTimers(waiting.state).find((timer) => timer.kind === 'information_request_deadline')?.at).toBe(
      '2026-02-21T09:00:00.000Z',
    );
  });
});

describe('documents requested during the document review', () => {
  const requestDocuments = command('RequestDocuments', { documents: ['Aktueller SLA-Katalog'] });

  it('are asked for by the reviewer and provided by the organisation', () => {
    const review = newCase().reviewerAssigned().do(requestDocuments, reviewer, '2026-01-09T09:00:00.000Z');
    expect(review.events.at(-1)).toEqual({
      type: 'DocumentsRequested',
      data: {
        requestId: 'cycle-1:request-1',
        documents: ['Aktueller SLA-Katalog'],
        respondBy: '2026-02-08T09:00:00.000Z',
      },
    });
    given(review.events)
      .when(requestDocuments, { actor: reviewer, now: '2026-01-09T10:00:00.000Z' })
      .then('request_already_open');
    review.do(
      command('ProvideInformation', {
        requestId: 'cycle-1:request-1',
        answer: 'Anbei.',
        documentIds: ['doc-sla'],
      }),
      applicant,
    );
    expect(review.state).toMatchObject({ status: 'document_review', openRequest: null });
  });

  it('lapse at the deadline and tell the reviewer', () => {
    const lapsed = newCase()
      .reviewerAssigned()
      .do(requestDocuments, reviewer, '2026-01-09T09:00:00.000Z')
      .elapse('cycle-1:request-1:deadline');
    expect(lapsed.events.at(-1)).toEqual({
      type: 'DocumentsRequestLapsed',
      data: {
        timerId: 'cycle-1:request-1:deadline',
        requestId: 'cycle-1:request-1',
        recipient: { role: 'auditor', userId: reviewer.id },
      },
    });
    expect(lapsed.state).toMatchObject({ status: 'document_review', openRequest: null });
  });
});

describe('rejection', () => {
  it('rejects an application with reasons', () => {
    const submitted = newCase().applicationSubmitted();
    given(submitted.events)
      .when(command('RejectApplication', { reasons: ['Kein IT-Dienstleister im Sinne von §2.'] }), {
        actor: caseManager,
        now: '2026-01-08T09:00:00.000Z',
        ruleSet: 3,
      })
      .then([
        {
          type: 'ApplicationRejected',
          data: { reasons: ['Kein IT-Dienstleister im Sinne von §2.'], rejectedBy: caseManager.id },
        },
      ]);
  });

  it('refuses the accreditation with reasons and ends the case', () => {
    const refused = newCase().refused();
    expect(refused.events.at(-2)).toEqual({
      type: 'AccreditationRefused',
      data: { reasons: ['Anforderungen nicht erfüllt.'], decidedBy: decisionMaker.id, renewal: false },
    });
    expect(refused.state.status).toBe('refused');
    // Only the window to appeal the refusal is left (rule set 4).
    expect(dueTimers(refused.state).map((timer) => timer.kind)).toEqual(['appeal_window_end']);
  });
});
