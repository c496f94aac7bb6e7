/**
 * What the notification tests share: a real SMTP server in-process, the people of a case in the
 * database (so notifications find them), the outbox and what arrived, and the stack with a
 * dispatcher that delivers to that server.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Database, Language, NotificationRow } from '../../db/database';
import type { Actor } from '../../domain/commands';
import { createDispatcher, type DispatcherOptions } from '../../notifications/dispatcher';
import { createSmtpMailer, type Mailer, messageIdFor } from '../../notifications/mailer';
import type { CaseDriver, castOfCase } from '../support/case-driver';
import { type StackOptions, useTestStack } from '../support/stack';

export const webUrl = 'http://dim.test';

/** A real SMTP server in-process: 550 for `bounce…` recipients, 451 once for `busy…` recipients. */
export class TestSmtp {
  readonly received: { rcptTo: string[]; mail: ParsedMail }[] = [];
  private busyRejected = new Set<string>();
  private server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      const to = address.address;
      if (to.startsWith('bounce')) {
        return callback(
          Object.assign(new Error(`5.1.1 <${to}>: Mailbox unavailable`), { responseCode: 550 }),
        );
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

  constructor() {
    // A client killed mid-conversation (a fault test's worker) leaves a broken pipe: not the server's fault.
    this.server.on('error', () => {});
  }

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

export function notificationIdOf(mail: ParsedMail): string {
  return String(mail.headers.get('x-dim-notification-id') ?? '');
}

export interface Person {
  email: string;
  language: Language;
}

/** The organisation and users of a cast, with the cast's ids, so notifications find them. */
export async function register(
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

export const outboxOf = (db: Kysely<Database>, streamId: string): Promise<NotificationRow[]> =>
  db
    .selectFrom('notifications')
    .selectAll()
    .where('stream_id', '=', streamId)
    .orderBy('global_position')
    .orderBy('notification_id')
    .execute();

export function calendarOf(mail: ParsedMail): string | undefined {
  const attachment = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return attachment?.content.toString('utf8');
}

/** Every message of the case went to the recipient of its outbox row, in their language, once. */
export async function expectDeliveredExactlyOnce(
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
export function byRecipientAndKind(messages: { rcptTo: string[]; mail: ParsedMail }[]) {
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

/**
 * The stack (see support/stack.ts) with a real SMTP server; `dispatcher()` delivers the outbox of
 * the stack's database to it (retries after a minute unless told otherwise).
 */
export function useMailStack(options: StackOptions = {}) {
  const stack = useTestStack(options);
  const smtp = new TestSmtp();
  let mailer: Mailer | undefined;
  beforeAll(async () => {
    await smtp.start();
    mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`);
  });
  afterAll(async () => {
    mailer?.close();
    await smtp.close();
  });
  const dispatcher = (dispatcherOptions: Partial<DispatcherOptions> = {}) =>
    createDispatcher({
      db: stack.db,
      mailer: mailer as Mailer,
      from: 'DIM Akkreditierung <akkreditierung@dim.example>',
      webUrl,
      retry: { baseDelayMs: 60_000 },
      ...dispatcherOptions,
    });
  return { stack, smtp, dispatcher };
}
