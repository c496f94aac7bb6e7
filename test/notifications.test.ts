import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActivities } from '../activities';
import { buildApp } from '../api/app';
import type { Database, Language, NotificationRow } from '../db/database';
import { createEventStore } from '../db/event-store';
import { failedNotifications, notificationCounts, setNotificationDigest } from '../db/notifications';
import { inlineProjections } from '../db/projections/index';
import type { Actor } from '../domain/commands';
import type { PolicyInput } from '../domain/policy-schema';
import { createDispatcher, type DispatcherOptions } from '../notifications/dispatcher';
import { createFileMailer, createSmtpMailer, type Mailer, messageIdFor } from '../notifications/mailer';
import { completeApplication } from './domain/support';
import { allConforming, CaseDriver, type castOfCase } from './support/case-driver';
import { createTestDatabase, type TestDatabase } from './support/database';
import { startTestTemporal, type TestTemporal } from './support/temporal';
import { createTestUser } from './support/users';

const webUrl = 'http://dim.test';

/** A real SMTP server in-process: 550 for `bounce…` recipients, 451 once for `busy…` recipients. */
class TestSmtp {
  readonly received: { rcptTo: string[]; mail: ParsedMail }[] = [];
  private busyRejected = new Set<string>();
  private server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      const to = address.address;
      if (to.startsWith('bounce')) {
        return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      }
      if (to.startsWith('busy') && !this.busyRejected.has(to)) {
        this.busyRejected.add(to);
        return callback(Object.assign(new Error('4.3.2 Try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData: (stream, session, callback) => {
      simpleParser(stream).then(
        (mail) => {
          this.received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  port = 0;

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }
  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  /** Messages whose notification id starts with the prefix (a case's stream id). */
  messagesOf(prefix: string) {
    return this.received.filter(({ mail }) => notificationIdOf(mail).startsWith(prefix));
  }
}

function notificationIdOf(mail: ParsedMail): string {
  return String(mail.headers.get('x-dim-notification-id') ?? '');
}

interface Person {
  email: string;
  language: Language;
}

/** The organisation and users of a cast, with the cast's ids, so notifications find them. */
async function register(
  db: Kysely<Database>,
  cast: ReturnType<typeof castOfCase>,
  options: { orgEmail?: string; orgLanguage?: Language; languages?: Partial<Record<string, Language>> } = {},
  extra: Actor[] = [],
): Promise<Map<string, Person>> {
  const tag = randomUUID().slice(0, 8);
  const people = new Map<string, Person>();
  const orgEmail = options.orgEmail ?? `kontakt-${tag}@muster.example`;
  const orgLanguage = options.orgLanguage ?? 'de';
  await db
    .insertInto('organisations')
    .values({
      organisation_id: cast.organisationId,
      name: 'Muster IT-Service GmbH',
      street: 'Hauptstraße 5',
      postal_code: '80331',
      city: 'München',
      country: 'DE',
      contact_email: orgEmail,
      language: orgLanguage,
    })
    .execute();
  people.set(cast.organisationId, { email: orgEmail, language: orgLanguage });
  const actors = [
    cast.caseManager,
    cast.reviewer,
    cast.leadAuditor,
    cast.otherAuditor,
    cast.decisionMaker,
    ...extra,
  ];
  for (const actor of actors) {
    const language = options.languages?.[actor.id] ?? 'de';
    const email = `${actor.id}@dim.example`;
    await db
      .insertInto('users')
      .values({
        user_id: actor.id,
        email,
        name: actor.id.split('-')[0] as string,
        role: actor.role as 'staff',
        organisation_id: null,
        language,
      })
      .execute();
    people.set(actor.id, { email, language });
  }
  return people;
}

const outboxOf = (db: Kysely<Database>, streamId: string): Promise<NotificationRow[]> =>
  db
    .selectFrom('notifications')
    .selectAll()
    .where('stream_id', '=', streamId)
    .orderBy('global_position')
    .orderBy('notification_id')
    .execute();

function calendarOf(mail: ParsedMail): string | undefined {
  const attachment = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return attachment?.content.toString('utf8');
}

/** Every message of the case went to the recipient of its outbox row, in their language, once. */
async function expectDeliveredExactlyOnce(
  db: Kysely<Database>,
  smtp: TestSmtp,
  accreditation: CaseDriver,
  people: Map<string, Person>,
) {
  const rows = await outboxOf(db, accreditation.streamId);
  const messages = smtp.messagesOf(accreditation.streamId);
  const sent = rows.filter((row) => row.status === 'sent');
  expect(rows.filter((row) => !['sent', 'expanded'].includes(row.status))).toEqual([]);
  expect(messages.length).toBe(sent.length);
  expect(new Set(messages.map(({ mail }) => mail.messageId)).size).toBe(messages.length);
  for (const { rcptTo, mail } of messages) {
    const id = notificationIdOf(mail);
    const row = sent.find((r) => r.notification_id === id) as NotificationRow;
    expect(row, id).toBeDefined();
    expect(mail.messageId).toBe(messageIdFor(id));
    expect(row.message_id).toBe(messageIdFor(id));
    const person = people.get(row.recipient_id as string);
    if (person) {
      expect(rcptTo).toEqual([person.email]);
      expect(mail.headers.get('content-language')).toBe(person.language);
    }
    expect(mail.text).toContain(webUrl);
    expect(mail.html).toContain(`href="${webUrl}/`);
    expect(mail.text).toContain(`${webUrl}/accreditations/${accreditation.accreditationId}`);
  }
  return messages;
}

/** The subjects each person received for the case, by notification kind. */
function byRecipientAndKind(messages: { rcptTo: string[]; mail: ParsedMail }[]) {
  const result = new Map<string, { kind: string; subject: string; mail: ParsedMail }[]>();
  for (const { rcptTo, mail } of messages) {
    const id = notificationIdOf(mail);
    const kind = id.split('/')[2] as string;
    const list = result.get(rcptTo[0] as string) ?? [];
    list.push({ kind, subject: mail.subject ?? '', mail });
    result.set(rcptTo[0] as string, list);
  }
  return result;
}

// Self-assessments due +5 s and +10 s after the grant; renewal window at +8 s; expiry at +12 s.
const shortCycle: PolicyInput = {
  version: 'test-notifications',
  certificateValidity: { seconds: 12 },
  selfAssessmentInterval: { seconds: 5 },
  selfAssessmentReminderLeadTimes: [{ seconds: 1 }],
  selfAssessmentOverdueReminderAfter: { seconds: 1 },
  selfAssessmentEscalationAfter: { seconds: 2 },
  selfAssessmentSuspensionProposalAfter: { seconds: 3 },
  renewalWindow: { seconds: 4 },
  auditorObjectionWindow: { seconds: 1 },
  informationRequestResponseDeadline: { seconds: 30 },
  informationRequestReminderLeadTime: { seconds: 29 },
  auditorDeadlines: {
    documentReview: { seconds: 30 },
    auditReport: { days: 14 },
    verification: { seconds: 30 },
    reminderLeadTime: { seconds: 29 },
  },
};

describe('notifications by e-mail', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  const smtp = new TestSmtp();
  let mailer: Mailer;

  const dispatcher = (options: Partial<DispatcherOptions> = {}) =>
    createDispatcher({
      db: database.db,
      mailer,
      from: 'DIM Akkreditierung <akkreditierung@dim.example>',
      webUrl,
      retry: { baseDelayMs: 60_000 },
      ...options,
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    temporal = await startTestTemporal(database.db);
    await smtp.start();
    mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`);
  });

  afterAll(async () => {
    mailer?.close();
    await smtp.close();
    await temporal?.close();
    await database?.drop();
  });

  // Rows of other tests' cases are delivered too; their recipients exist, so they just go out.
  beforeEach(async () => {
    await dispatcher().dispatchPending();
  });

  it('tells each person what they must do over a whole cycle, in their language, with links and calendar entries', async () => {
    const { db } = database;
    // Case A: information request, major finding, certificate, late self-assessments, expiry.
    const a = new CaseDriver(temporal.client, db, temporal.taskQueue);
    const castA = a.cast;
    const peopleA = await register(db, castA, {
      orgLanguage: 'en',
      languages: { [castA.reviewer.id]: 'en', [castA.decisionMaker.id]: 'en' },
    });
    // Case B: complaint, suspension, reinstatement, withdrawal.
    const b = new CaseDriver(temporal.client, db, temporal.taskQueue);
    const investigator: Actor = { id: `ida-${randomUUID().slice(0, 8)}`, role: 'staff' };
    const peopleB = await register(db, b.cast, {}, [investigator]);

    const runA = async () => {
      const { caseManager, applicant, reviewer, leadAuditor, decisionMaker } = castA;
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
    };

    const runB = async () => {
      const { caseManager, decisionMaker } = b.cast;
      await b.toAwaitingDecision({ auditorObjectionWindow: { seconds: 1 } });
      await b.step(decisionMaker, { type: 'Grant', data: {} });
      await b.step(caseManager, {
        type: 'ReceiveComplaint',
        data: { complainant: 'Kunde X', summary: 'Störungen werden nicht bearbeitet.' },
      });
      await b.step(caseManager, { type: 'AcknowledgeComplaint', data: { complaintId: 'complaint-1' } });
      await b.step(caseManager, {
        type: 'AssignComplaintInvestigator',
        data: { complaintId: 'complaint-1', investigatorId: investigator.id },
      });
      await b.step(investigator, {
        type: 'DecideComplaint',
        data: { complaintId: 'complaint-1', outcome: 'upheld', reasoning: 'Belegt.', followUp: 'suspension' },
      });
      await b.step(caseManager, {
        type: 'Suspend',
        data: { reason: 'Beschwerde begründet', complaintId: 'complaint-1' },
      });
      await b.step(caseManager, { type: 'Reinstate', data: { reason: 'Mängel behoben' } });
      await b.step(caseManager, { type: 'Suspend', data: { reason: 'Erneute Mängel' } });
      await b.step(caseManager, { type: 'Withdraw', data: { reason: 'Keine Besserung' } });
    };
    await Promise.all([runA(), runB()]);

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
    expect(requested.text).toContain(`${webUrl}/tasks`);
    expect(calendarOf(requested)).toMatch(/BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z/);
    expect(
      calendarOf(mailOf(a$, org, 'information_request_reminder_sent', /Reminder: information/)),
    ).toBeDefined();
    mailOf(a$, org, 'lead_auditor_assigned', /Auditor appointed/);
    const auditDate = mailOf(a$, org, 'audit_date_set', /Audit date: 1 January 2030/);
    expect(calendarOf(auditDate)).toContain('DTSTART;VALUE=DATE:20300101');
    const findings = mailOf(a$, org, 'audit_element_completed', /Audit findings/);
    expect(findings.text).toContain('SEC-2 (major nonconformity): Kein Penetrationstest.');
    expect(calendarOf(findings)).toContain('SUMMARY:Corrective action due SEC-2');
    const granted = mailOf(a$, org, 'accreditation_granted', /Accreditation granted – certificate DIM1002-/);
    expect(granted.text).toMatch(/valid from .* until /);
    const reminder = mailOf(a$, org, 'self_assessment_reminder_sent', /Reminder: self-assessment due soon/);
    expect(calendarOf(reminder)).toContain('SUMMARY:Self-assessment due');
    mailOf(a$, org, 'self_assessment_reminder_sent', /Self-assessment overdue/);
    expect(calendarOf(mailOf(a$, org, 'renewal_window_opened', /Apply for renewal/))).toContain('expires');
    mailOf(a$, org, 'accreditation_expired', /Certificate DIM1002-.* expired/);

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
    expect(verification.text).toContain(
      'die Prüfung der Korrekturmaßnahme bzw. des Maßnahmenplans zu cycle-1:finding-1',
    );

    // Decision makers (every holder of the role): ready for decision, suspension proposal.
    mailOf(a$, dora, 'ready_for_decision', /Ready for decision: Muster IT-Service GmbH/);
    mailOf(a$, dora, 'suspension_proposed', /Suspension proposed/);
    mailOf(a$, peopleB.get(b.cast.decisionMaker.id), 'ready_for_decision', /Entscheidung fällig/);

    // Case B: complaints and the certificate's status, in German.
    const orgB = peopleB.get(b.cast.organisationId);
    const annaB = peopleB.get(b.cast.caseManager.id);
    mailOf(b$, orgB, 'accreditation_granted', /Akkreditierung erteilt – Zertifikat/);
    mailOf(b$, orgB, 'complaint_acknowledged', /Beschwerde: Eingang bestätigt/);
    mailOf(b$, orgB, 'complaint_decided', /Beschwerde entschieden/);
    mailOf(b$, orgB, 'accreditation_suspended', /^\[DIM\] Akkreditierung ausgesetzt$/);
    mailOf(b$, orgB, 'accreditation_reinstated', /Akkreditierung wieder in Kraft/);
    mailOf(b$, orgB, 'accreditation_withdrawn', /Akkreditierung entzogen/);
    expect(calendarOf(mailOf(b$, annaB, 'complaint_received', /Beschwerde eingegangen/))).toContain(
      'SUMMARY:Eingangsbestätigung Beschwerde',
    );
    mailOf(b$, annaB, 'accreditation_suspended', /Akkreditierung ausgesetzt: Muster/);
    mailOf(b$, annaB, 'accreditation_withdrawn', /Akkreditierung entzogen: Muster/);
    mailOf(b$, peopleB.get(investigator.id), 'complaint_investigator_assigned', /Beschwerde untersuchen/);
  }, 60_000);

  it('a dispatch that fails after the message was sent and recorded delivers no second copy when retried', async () => {
    const { db } = database;
    const c = new CaseDriver(temporal.client, db, temporal.taskQueue);
    const people = await register(db, c.cast);
    await c.open();
    await c.step(c.cast.applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    const rows = await outboxOf(db, c.streamId);
    expect(rows.map((row) => row.kind)).toEqual(['application_submitted', 'application_submitted']);

    // The delivery "activity" crashes after SMTP accepted and the row was committed as sent.
    const crash = dispatcher({
      faults: {
        afterCommit: () => {
          throw new Error('worker killed after commit');
        },
      },
    });
    await expect(crash.dispatchPending()).rejects.toThrow('worker killed after commit');
    // Retried (twice, for good measure): the first row is sent; only the second goes out.
    await dispatcher().dispatchPending();
    await dispatcher().dispatchPending();
    const messages = await expectDeliveredExactlyOnce(db, smtp, c, people);
    expect(messages.map(({ mail }) => notificationIdOf(mail)).sort()).toEqual(
      rows.map((row) => row.notification_id).sort(),
    );

    // The workflow's append activity retried after its commit: the same events write no new rows.
    const submitted = (await c.events()).find((event) => event.event_type === 'ApplicationSubmitted');
    if (!submitted) throw new Error('no ApplicationSubmitted');
    const result = await createActivities({
      eventStore: createEventStore({ db, projections: inlineProjections }),
    }).appendEvents({
      streamId: c.streamId,
      expectedVersion: submitted.stream_version - 1,
      events: [
        {
          type: submitted.event_type,
          data: submitted.data,
          metadata: submitted.metadata,
          businessTime: submitted.business_time.toISOString(),
          idempotencyKey: submitted.idempotency_key,
        },
      ],
    });
    expect(result.status).toBe('duplicate');
    expect(await outboxOf(db, c.streamId)).toHaveLength(2);
    await dispatcher().dispatchPending();
    expect(smtp.messagesOf(c.streamId)).toHaveLength(2);
  });

  it('a crash between SMTP acceptance and the outbox update yields at most an identifiable duplicate', async () => {
    const { db } = database;
    const c = new CaseDriver(temporal.client, db, temporal.taskQueue);
    await register(db, c.cast);
    await c.open();
    await c.step(c.cast.applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    const [first] = await outboxOf(db, c.streamId);
    const id = (first as NotificationRow).notification_id;
    const crash = dispatcher({
      faults: {
        afterAccepted: () => {
          throw new Error('crash before the outbox update');
        },
      },
    });
    await expect(crash.dispatchOne()).rejects.toThrow('crash before the outbox update');
    expect((await outboxOf(db, c.streamId)).find((r) => r.notification_id === id)?.status).toBe('pending');
    await dispatcher().dispatchPending();
    const copies = smtp.received.filter(({ mail }) => notificationIdOf(mail) === id);
    expect(copies).toHaveLength(2);
    expect(copies[0]?.mail.messageId).toBe(copies[1]?.mail.messageId);
    expect(copies[0]?.mail.messageId).toBe(
      `<${createHash('sha256').update(id).digest('hex')}@dim-akkreditierung.local>`,
    );
    expect((await outboxOf(db, c.streamId)).find((r) => r.notification_id === id)).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
  });

  it('records a rejected recipient as NotificationFailed and lists it for the dashboard; retries a transient failure', async () => {
    const { db } = database;
    const bounced = new CaseDriver(temporal.client, db, temporal.taskQueue);
    await register(db, bounced.cast, { orgEmail: `bounce-${randomUUID().slice(0, 8)}@muster.example` });
    await bounced.open();
    await bounced.step(bounced.cast.applicant, {
      type: 'SubmitApplication',
      data: { items: completeApplication },
    });
    const report = await dispatcher().dispatchPending();
    expect(report).toMatchObject({ failed: 1, sent: 1 });

    const id = `${bounced.streamId}/2/application_submitted/organisation`;
    expect((await outboxOf(db, bounced.streamId)).find((r) => r.notification_id === id)).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
    const events = await db
      .selectFrom('events')
      .selectAll()
      .where('stream_id', '=', `notifications-${bounced.accreditationId}`)
      .execute();
    expect(events.map((event) => event.event_type)).toEqual(['NotificationFailed']);
    expect(events[0]?.data).toMatchObject({
      notificationId: id,
      kind: 'application_submitted',
      recipientRole: 'organisation',
      responseCode: 550,
    });
    const failed = await failedNotifications(db, { accreditationId: bounced.accreditationId });
    expect(failed).toEqual([
      expect.objectContaining({
        notificationId: id,
        accreditationId: bounced.accreditationId,
        organisationName: 'Muster IT-Service GmbH',
        error: expect.stringContaining('Mailbox unavailable'),
      }),
    ]);
    expect((await notificationCounts(db)).failed).toBeGreaterThanOrEqual(1);
    // The staff dashboard shows it through the API.
    const app = await buildApp({
      db,
      temporal: temporal.client,
      taskQueue: temporal.taskQueue,
      logger: false,
    });
    const staff = await createTestUser(db, 'staff');
    const health = await app.inject({
      method: 'GET',
      url: `/notifications/health?accreditationId=${bounced.accreditationId}`,
      headers: staff.headers,
    });
    await app.close();
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      counts: { failed: expect.any(Number) },
      failed: [
        { notificationId: id, kind: 'application_submitted', error: expect.stringContaining('Mailbox') },
      ],
    });
    // Not again: the failed row is not retried, and the event is not appended twice.
    await dispatcher().dispatchPending();
    expect(smtp.received.filter(({ rcptTo }) => rcptTo[0]?.startsWith('bounce'))).toHaveLength(0);

    // 451: retried with backoff, then delivered.
    const busy = new CaseDriver(temporal.client, db, temporal.taskQueue);
    await register(db, busy.cast, { orgEmail: `busy-${randomUUID().slice(0, 8)}@muster.example` });
    await busy.open();
    await busy.step(busy.cast.applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    let clock = new Date();
    const busyDispatcher = dispatcher({ now: () => clock });
    expect(await busyDispatcher.dispatchPending()).toMatchObject({ retry: 1, sent: 1 });
    const waiting = (await outboxOf(db, busy.streamId)).find((r) => r.recipient_role === 'organisation');
    expect(waiting).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringContaining('451'),
    });
    expect(waiting?.next_attempt_at?.getTime()).toBe(clock.getTime() + 60_000);
    expect(await busyDispatcher.dispatchPending()).toMatchObject({ retry: 0, sent: 0 });
    clock = new Date(clock.getTime() + 60_000);
    expect(await busyDispatcher.dispatchPending()).toMatchObject({ sent: 1 });
    expect(smtp.messagesOf(busy.streamId)).toHaveLength(2);
  });

  it('sends staff who chose the digest one daily summary instead of one mail per item', async () => {
    const { db } = database;
    const c = new CaseDriver(temporal.client, db, temporal.taskQueue);
    const people = await register(db, c.cast);
    const anna = people.get(c.cast.caseManager.id) as Person;
    await setNotificationDigest(db, c.cast.caseManager.id, true);
    await c.open();
    await c.step(c.cast.applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    await c.step(c.cast.caseManager, { type: 'RequestInformation', data: { questions: ['Organigramm?'] } });
    await c.step(c.cast.applicant, {
      type: 'ProvideInformation',
      data: { requestId: 'cycle-1:request-1', answer: 'Anbei.', documentIds: [] },
    });
    // Anna must review the application (no due date) — not in the digest's due list.
    const morning = new Date(`${new Date().toISOString().slice(0, 10)}T05:00:00Z`);
    let clock = morning;
    const digesting = dispatcher({ now: () => clock, digestHour: 6 });
    expect(await digesting.dispatchPending()).toMatchObject({ held: 2 });
    const toAnna = () => smtp.received.filter(({ rcptTo }) => rcptTo[0] === anna.email);
    expect(toAnna()).toHaveLength(0);
    expect(await digesting.makeDigests()).toBe(0); // before the digest hour

    clock = new Date(morning.getTime() + 2 * 3_600_000);
    expect(await digesting.makeDigests()).toBe(1);
    expect(await digesting.makeDigests()).toBe(0); // once a day
    await digesting.dispatchPending();
    const [digest, ...more] = toAnna();
    expect(more).toHaveLength(0);
    expect(digest?.mail.subject).toMatch(/^\[DIM\] Tägliche Zusammenfassung vom /);
    expect(digest?.mail.text).toContain('Neuer Antrag zu prüfen: Muster IT-Service GmbH');
    expect(digest?.mail.text).toContain('Antwort eingegangen: Muster IT-Service GmbH');
    expect(digest?.mail.text).toContain(`${webUrl}/accreditations/${c.accreditationId}`);
    const rows = await outboxOf(db, c.streamId);
    const digestId = `digest/${c.cast.caseManager.id}/${clock.toISOString().slice(0, 10)}`;
    expect(
      rows.filter((row) => row.recipient_role === 'staff').map((row) => [row.status, row.digest_id]),
    ).toEqual([
      ['digested', digestId],
      ['digested', digestId],
    ]);
    expect(digest?.mail.messageId).toBe(messageIdFor(digestId));
  });

  it('writes .eml files into the data folder when no SMTP server is configured', async () => {
    const { db } = database;
    const c = new CaseDriver(temporal.client, db, temporal.taskQueue);
    await register(db, c.cast);
    await c.open();
    await c.step(c.cast.applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    const dir = mkdtempSync(join(tmpdir(), 'dim-mail-'));
    try {
      await dispatcher({ mailer: createFileMailer(join(dir, 'mail')) }).dispatchPending();
      const files = readdirSync(join(dir, 'mail'));
      const id = `${c.streamId}/2/application_submitted/organisation`;
      const name = `${createHash('sha256').update(id).digest('hex')}.eml`;
      expect(files).toContain(name);
      const parsed = await simpleParser(readFileSync(join(dir, 'mail', name)));
      expect(parsed.subject).toBe('[DIM] Antrag eingegangen');
      expect(parsed.messageId).toBe(messageIdFor(id));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
