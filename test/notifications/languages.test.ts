/**
 * Issue 20, item 14: every mail speaks its reader's language. Each kind is rendered from events the
 * real decider wrote (cases driven through their life cycle), in German and in English, and read as
 * its reader reads it: no raw id, no English sentence in a German mail, every time with its zone.
 */
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../db/event-types';
import type { NotificationPayload } from '../../db/notifications';
import { notificationRows } from '../../db/projections/views';
import { type AccreditationState, evolve, initialState } from '../../domain/accreditation';
import { dim1002Edition2024 } from '../../domain/catalogue';
import { dueTimers } from '../../domain/timers';
import { notificationKinds } from '../../notifications/copy';
import { renderNotification } from '../../notifications/render';
import {
  applicant,
  type Case,
  caseManager,
  command,
  decisionMaker,
  leadAuditor,
  newCase,
  otherStaff,
  renewalCertificateNumber,
  reviewer,
} from '../domain/support';

const selfAssessment = 'cycle-1:self-assessment-1';
const specialAuditElements = ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check'];
const majorFinding = 'cycle-1:finding-1';
const minorFinding = 'cycle-1:finding-2';
const refusal = 'cycle-1:refusal-1';
const appealId = `${refusal}:appeal`;
const appealHandler = { id: 'dm-dieter', role: 'decision_maker' as const };
/** The audit date is owed within the policy's days of the lead auditor's assignment (rule set 4). */
const auditDateDue = '2026-02-11T09:00:00.000Z';

const scopeChangeId = 'cycle-1:scope-change-1';
const applyScopeChange = command('ApplyScopeChange', {
  kind: 'extension',
  scope: 'IT-Servicemanagement und Servicedesk, Standorte Musterstadt und Beispielheim',
  reason: 'Zweiter Standort in Betrieb.',
  documentIds: [],
});

/** Cases that between them cause every kind of mail. */
function scenarios(): Case[] {
  const withGap = dim1002Edition2024.requirements.map(({ id }, index) =>
    index === 0
      ? { requirementId: id, result: 'gap' as const, comment: 'Organigramm fehlt.' }
      : { requirementId: id, result: 'conforming' as const },
  );
  return [
    newCase()
      .awaitingApplicant()
      .elapse('cycle-1:request-1:reminder')
      .elapse('cycle-1:request-1:deadline')
      .taken()
      .do(command('ConfirmLapse', { proposalId: 'cycle-1:request-1:deadline' }), decisionMaker),
    newCase()
      .awaitingApplicant()
      .do(command('ProvideInformation', { requestId: 'cycle-1:request-1', answer: 'Anbei.' }), applicant),
    newCase()
      .reviewerAssigned()
      .do(command('RequestDocuments', { documents: ['Organigramm'] }), reviewer)
      .do(command('CompleteDocumentReview', { results: withGap }), reviewer, '2026-01-10T09:00:00.000Z')
      .assignLeadAuditor()
      .do(command('ObjectToAuditor', { reason: 'Früher bei uns beschäftigt.' }), applicant),
    newCase().reviewerAssigned().elapse('cycle-1:document-review-reminder-2026-02-06T09:00:00.000Z'),
    newCase()
      .reviewerAssigned()
      .do(command('RequestDocuments', { documents: ['Organigramm'] }), reviewer)
      .elapse('cycle-1:request-1:deadline'),
    newCase()
      .applicationSubmitted()
      .do(command('RejectApplication', { reasons: ['Unvollständig.'] }), caseManager),
    newCase().refused(),
    newCase()
      .inCorrectiveActions()
      .do(
        command('SubmitCorrectiveActionEvidence', {
          findingId: majorFinding,
          description: 'Prozess eingeführt.',
        }),
        applicant,
      )
      .do(
        command('VerifyCorrectiveAction', {
          findingId: majorFinding,
          effective: false,
          comment: 'Nicht wirksam.',
        }),
        leadAuditor,
      )
      .do(command('SubmitActionPlan', { findingId: minorFinding, plan: 'Quartalsweise Analyse.' }), applicant)
      .do(
        command('ExtendDeadline', {
          target: { kind: 'corrective_action', id: majorFinding },
          newDueAt: '2026-06-30T10:00:00.000Z',
          reason: 'Lieferverzug beim Dienstleister.',
        }),
        caseManager,
      ),
    newCase()
      .awaitingDecision()
      .do(command('AssignDecisionMaker', { decisionMakerId: decisionMaker.id }), caseManager),
    newCase()
      .accredited()
      .elapse(`${selfAssessment}:reminder-30d`)
      .elapse(`${selfAssessment}:reminder-7d`)
      .elapse(`${selfAssessment}:due`)
      .elapse(`${selfAssessment}:overdue`)
      .elapse(`${selfAssessment}:escalation`)
      .elapse(`${selfAssessment}:suspension-proposal`)
      .taken()
      .do(
        command('ConfirmSuspensionProposal', { proposalId: `${selfAssessment}:suspension-proposal` }),
        decisionMaker,
      )
      .do(
        command('SubmitSelfAssessment', { selfAssessmentId: selfAssessment, statement: 'Nachgereicht.' }),
        applicant,
      )
      .do(
        command('ReviewSelfAssessment', {
          selfAssessmentId: selfAssessment,
          review: { outcome: 'accepted' },
        }),
        caseManager,
      )
      .do(command('Reinstate', { reason: 'Selbstbewertung angenommen.' }), decisionMaker),
    newCase().suspended().elapse('cycle-1:suspension-1:maximum-suspension-end'),
    newCase().expired(),
    // The in-case complaint's mails: still sent on cases started before rule set 7.
    newCase()
      .accredited()
      .onRuleSet(6)
      .do(
        command('ReceiveComplaint', { complainant: 'Stadtwerke', summary: 'Label missbraucht.' }),
        caseManager,
        '2026-06-01T09:00:00.000Z',
      )
      .elapse('complaint-1:acknowledgement-deadline')
      .do(command('AcknowledgeComplaint', { complaintId: 'complaint-1' }), caseManager)
      .do(
        command('AssignComplaintInvestigator', { complaintId: 'complaint-1', investigatorId: otherStaff.id }),
        caseManager,
      )
      .do(
        command('DecideComplaint', {
          complaintId: 'complaint-1',
          outcome: 'upheld',
          reasoning: 'Belegt.',
          followUp: 'none',
        }),
        otherStaff,
      ),
    newCase()
      .refused()
      .do(
        command('LodgeAppeal', { decisionId: refusal, reasons: ['Die Feststellung ist unzutreffend.'] }),
        applicant,
        '2026-02-10T09:00:00.000Z',
      )
      .do(command('AssignAppealHandler', { appealId, decisionMakerId: appealHandler.id }), caseManager)
      .do(
        command('DecideAppeal', {
          appealId,
          outcome: 'dismissed',
          reasons: ['Die Feststellung ist belegt.'],
        }),
        appealHandler,
      ),
    // Special audits (rule set 5): one closes without findings, one proposes a suspension.
    specialAuditElements.reduce(
      (audited, element) => audited.completeAuditElement(element, [], '2026-03-20T15:00:00.000Z'),
      newCase().inSpecialAudit(),
    ),
    newCase()
      .inSpecialAudit()
      .completeAuditElement(
        'on_site_audit',
        [{ requirementId: 'OPS-2', severity: 'major', description: 'Kein Problemmanagement eingerichtet.' }],
        '2026-03-20T15:00:00.000Z',
      ),
    // Scope changes (rule set 6): one granted after a document review, one refused without.
    newCase()
      .accredited()
      .do(applyScopeChange, applicant)
      .do(
        command('AssessScopeChange', {
          scopeChangeId,
          assessment: { method: 'document_review', reviewerId: reviewer.id },
        }),
        caseManager,
      )
      .do(
        command('ReviewScopeChangeDocuments', { scopeChangeId, conforming: true, comment: 'Vollständig.' }),
        reviewer,
      )
      .do(
        command('DecideScopeChange', { scopeChangeId, granted: true, reason: 'Standort belegt.' }),
        decisionMaker,
      ),
    newCase()
      .accredited()
      .do(applyScopeChange, applicant)
      .do(command('AssessScopeChange', { scopeChangeId, assessment: { method: 'approve' } }), caseManager)
      .do(
        command('DecideScopeChange', { scopeChangeId, granted: false, reason: 'Kein Nachweis.' }),
        decisionMaker,
      ),
    newCase()
      .inAuditPlanning()
      .elapse('cycle-1:lead-auditor-1:objection-window-end')
      .elapse(`cycle-1:lead-auditor-1:audit-date-reminder-${auditDateDue}`)
      .elapse(`cycle-1:lead-auditor-1:audit-date-escalation-${auditDateDue}`),
  ];
}

/** Renewal: the window opens, the organisation applies, the renewal is granted and takes over. */
function renewed(): Case {
  const renewal = newCase().accredited();
  for (const id of [1, 2]) {
    const sa = `cycle-1:self-assessment-${id}`;
    for (const step of ['reminder-30d', 'reminder-7d']) renewal.elapse(`${sa}:${step}`);
    renewal
      .do(
        command('SubmitSelfAssessment', { selfAssessmentId: sa, statement: 'Erfüllt.' }),
        applicant,
        renewal.now,
      )
      .do(
        command('ReviewSelfAssessment', { selfAssessmentId: sa, review: { outcome: 'accepted' } }),
        caseManager,
      );
  }
  renewal.elapse('cycle-1:renewal-window').do(command('ApplyForRenewal', { documentIds: [] }), applicant);
  const day = (date: string) => `${date}T09:00:00.000Z`;
  renewal
    .assignDocumentReviewer(day('2028-08-02'))
    .completeDocumentReview(day('2028-08-05'))
    .assignLeadAuditor(day('2028-08-06'))
    .do(command('SetAuditDate', { auditDate: '2028-09-15' }), caseManager, day('2028-08-07'));
  const objectionWindow = dueTimers(renewal.state).find((timer) => timer.kind === 'objection_window_end');
  if (objectionWindow) renewal.elapse(objectionWindow.id);
  for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check']) {
    renewal.completeAuditElement(element, [], day('2028-09-15'));
  }
  return renewal
    .taken(day('2028-09-20'))
    .grant(day('2028-09-20'), renewalCertificateNumber)
    .elapse('cycle-1:certificate-expiry');
}

interface Rendered {
  kind: string;
  role: string;
  language: 'de' | 'en';
  text: string;
}

/** Every notification the cases' events cause, rendered in both languages. */
function renderedMails(cases: Case[]): Rendered[] {
  const mails: Rendered[] = [];
  for (const [index, driven] of cases.entries()) {
    let state: AccreditationState = initialState();
    for (const [position, event] of driven.events.entries()) {
      const before = state;
      state = evolve(state, event);
      const recorded = {
        ...event,
        streamId: `accreditation-3f2b1c0e-0000-4000-8000-00000000000${index % 10}`,
        version: position + 1,
        globalPosition: position + 1,
        businessTime: '2026-07-01T10:00:00.000Z',
      } as unknown as RecordedEvent;
      for (const row of notificationRows(recorded, state, before)) {
        for (const language of ['de', 'en'] as const) {
          const mail = renderNotification({
            notificationId: row.notification_id,
            kind: row.kind,
            role: row.recipient_role,
            language,
            recipientName: 'Erika Mustermann',
            payload: JSON.parse(row.payload as string) as NotificationPayload,
            createdAt: '2026-07-01T10:00:00.000Z',
            sequence: position + 1,
            webUrl: 'https://dim.test',
          });
          const calendarText = (mail.calendar ?? '')
            .split(/\r?\n/)
            .filter((line) => /^(SUMMARY|DESCRIPTION)[:;]/.test(line))
            .join('\n');
          // What the reader reads: links and the support reference are addresses, not words.
          const text = [mail.subject, mail.text, calendarText]
            .join('\n')
            .replace(/https?:\/\/\S+/g, '<link>')
            .replace(/^(Referenz|Reference): .*$/m, '');
          mails.push({ kind: row.kind, role: row.recipient_role, language, text });
        }
      }
    }
  }
  return mails;
}

const idLike = [
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
  /\bcycle-\d+\b/,
  /\b(request|finding|self-assessment|suspension|complaint|lead-auditor|requirement)-\d+\b/,
  /\b[A-Z]{2,4}-\d+\b/, // a catalogue key such as OPS-2 (the reader gets the section and its words)
  /\b[a-z]+_[a-z_]+\b/, // a snake_case key such as on_site_audit
];
/** Words of an English sentence; none is a German word. */
const english = /\b(the|has|have|been|was|were|is|will|please|since|not|of|by|for|with|your)\b/i;
const clock = /\b\d{1,2}:\d{2}\b(?! ?(Uhr )?\(?(MEZ|MESZ|CET|CEST)\b)/;

describe('every mail in its reader’s language', () => {
  const mails = renderedMails([...scenarios(), renewed()]);

  it('is rendered for every kind of notification', () => {
    const kinds = new Set(mails.map((mail) => mail.kind));
    expect(notificationKinds.filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  it('names no raw id', () => {
    const found = mails.flatMap(({ kind, role, language, text }) =>
      idLike.flatMap((pattern) => {
        const match = pattern.exec(text);
        return match ? [`${kind} (${role}, ${language}): ${match[0]}`] : [];
      }),
    );
    expect([...new Set(found)]).toEqual([]);
  });

  it('has no English sentence in a German mail', () => {
    const found = mails
      .filter((mail) => mail.language === 'de')
      .flatMap(({ kind, role, text }) => {
        const line = text.split('\n').find((candidate) => english.test(candidate));
        return line ? [`${kind} (${role}): ${line.trim()}`] : [];
      });
    expect([...new Set(found)]).toEqual([]);
  });

  it('gives every time its zone: MEZ or MESZ in German, CET or CEST in English', () => {
    const found = mails.flatMap(({ kind, language, text }) => {
      const match = clock.exec(text);
      return match
        ? [`${kind} (${language}): …${text.slice(Math.max(0, match.index - 30), match.index + 12)}…`]
        : [];
    });
    expect([...new Set(found)]).toEqual([]);
    const german = mails
      .filter((mail) => mail.language === 'de')
      .map((mail) => mail.text)
      .join('\n');
    const englishText = mails
      .filter((mail) => mail.language === 'en')
      .map((mail) => mail.text)
      .join('\n');
    expect(german).toMatch(/\d{1,2}:\d{2} (MEZ|MESZ)/);
    expect(englishText).toMatch(/\d{1,2}:\d{2} (CET|CEST)/);
    expect(englishText).not.toMatch(/\b(MEZ|MESZ)\b/);
  });
});
