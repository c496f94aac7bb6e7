/**
 * Sending one message: nodemailer over SMTP (`SMTP_URL`), or — the development default, so that
 * `npm start` works without a mail server — one .eml file per message in a folder, named after the
 * Message-ID (writing it again overwrites it: no duplicates on disk either).
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { calendarDomain } from './ical';

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<…@dim-akkreditierung.local>`, see `messageIdFor`. */
  messageId: string;
  language: 'de' | 'en';
  /** The outbox row: the idempotency key, also sent as a header for operators. */
  notificationId: string;
  calendar?: { filename: string; content: string };
}

export interface Mailer {
  /** Resolves once the server accepted the message; rejects with nodemailer's error otherwise. */
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
  /** Where messages go, for the log. */
  readonly description: string;
}

/** The deterministic Message-ID of a notification: a re-send after a crash is recognisable. */
export function messageIdFor(notificationId: string): string {
  return `<${createHash('sha256').update(notificationId).digest('hex')}@${calendarDomain}>`;
}

function mailOptions(message: OutgoingMessage): SendMailOptions {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    headers: {
      'Content-Language': message.language,
      'X-DIM-Notification-Id': message.notificationId,
      'Auto-Submitted': 'auto-generated',
    },
    ...(message.calendar
      ? {
          attachments: [
            {
              filename: message.calendar.filename,
              content: message.calendar.content,
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            },
          ],
        }
      : {}),
  };
}

export function createSmtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    description: smtpUrl.replace(/\/\/[^@/]*@/, '//***@'),
    async send(message) {
      await transport.sendMail(mailOptions(message));
    },
    close: () => transport.close(),
  };
}

export function createFileMailer(directory: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: directory,
    async send(message) {
      const info = await transport.sendMail(mailOptions(message));
      // Mails carry names, addresses and sign-in links: for the owner only.
      await mkdir(directory, { recursive: true, mode: 0o700 });
      const name = message.messageId.replace(/^<|@.*$/g, '');
      const file = join(directory, `${name}.eml`);
      await writeFile(`${file}.tmp`, info.message as Buffer, { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    },
    close: () => transport.close(),
  };
}

export type FailureClass = 'permanent' | 'transient';

/** An SMTP failure's text without the e-mail addresses servers quote in it (kept out of events and logs). */
export function withoutAddresses(text: string): string {
  return text.replace(/<?[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+>?/g, '<address>');
}

/**
 * SMTP 5xx on the envelope or the message (e.g. 550 recipient rejected) and messages nodemailer
 * refuses to build (no valid recipient) are permanent. 4xx, timeouts, refused or dropped
 * connections and rejected credentials (a configuration to fix, not a bad message) are transient.
 */
export function classifyFailure(error: unknown): FailureClass {
  const smtp = error as { responseCode?: number; code?: string };
  if (smtp.code && connectionCodes.has(smtp.code)) return 'transient';
  if (typeof smtp.responseCode === 'number') return smtp.responseCode >= 500 ? 'permanent' : 'transient';
  if (smtp.code === 'EENVELOPE' || smtp.code === 'EMESSAGE') return 'permanent';
  return 'transient';
}

const connectionCodes = new Set([
  'EAUTH',
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'ECONNREFUSED',
]);
