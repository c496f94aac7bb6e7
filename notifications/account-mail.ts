/**
 * Delivers the invitation and password-reset e-mails queued in `account_mails`.
 *
 * Why an outbox of its own and not the notifications outbox: those rows are a projection of the
 * events (rebuilt from them at any time) and must never hold a secret; these carry a one-time
 * token. Why an outbox at all and not a send from the API: the mail must survive a relay that is
 * down (retried with backoff, like notifications) and must not slow the request. The clear token
 * stays in the row only while the mail is pending: sending, failing for good or the link expiring
 * set it to null in the same statement (and a check constraint refuses any other state).
 *
 * Each row is claimed, sent and marked in one transaction, like the notification dispatcher, so a
 * sent row is never sent again; a crash between the relay's acceptance and the commit re-sends it
 * with the same Message-ID.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import {
  claimDueAccountMail,
  type DueAccountMail,
  markAccountMailFailed,
  markAccountMailRetry,
  markAccountMailSent,
} from '../db/account-mail';
import type { Database, Language } from '../db/database';
import { accountMailCopy } from './account-mail-copy';
import { classifyFailure, type Mailer, messageIdFor, withoutAddresses } from './mailer';
import { escapeHtml } from './render';

/** The page of the web application each kind of link opens (see the sign-in contract). */
const linkPaths = { invitation: '/invitation', password_reset: '/password-reset' } as const;

export function accountLink(webUrl: string, mail: Pick<DueAccountMail, 'kind' | 'token'>): string {
  return `${webUrl.replace(/\/+$/, '')}${linkPaths[mail.kind]}?token=${encodeURIComponent(mail.token)}`;
}

const formatInstant = (language: Language, at: Date) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Berlin',
    timeZoneName: 'short',
  }).format(at);

export function renderAccountMail(mail: DueAccountMail, link: string) {
  const copy = accountMailCopy[mail.kind][mail.language]({
    name: mail.name,
    email: mail.email,
    organisationName: mail.organisationName,
    validUntil: formatInstant(mail.language, mail.linkExpiresAt),
  });
  const text = [copy.greeting, ...copy.paragraphs, `${copy.action}: ${link}`, `--\n${copy.footer}`].join(
    '\n\n',
  );
  const html = [
    `<!DOCTYPE html><html lang="${mail.language}"><head><meta charset="utf-8"><title>${escapeHtml(copy.subject)}</title></head><body>`,
    `<p>${escapeHtml(copy.greeting)}</p>`,
    ...copy.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    `<p><a href="${escapeHtml(link)}">${escapeHtml(copy.action)}</a></p>`,
    `<hr><p style="color:#666;font-size:small">${escapeHtml(copy.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: copy.subject, text, html };
}

export interface AccountMailRetry {
  /** Delay after the first transient failure; doubled after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many transient failures the mail fails for good (so does an expired link). */
  maxAttempts: number;
}

export interface AccountMailOptions {
  db: Kysely<Database>;
  mailer: Mailer;
  from: string;
  /** Base URL of the web application. */
  webUrl: string;
  retry?: Partial<AccountMailRetry>;
  now?: () => Date;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export type AccountMailOutcome = 'sent' | 'retry' | 'failed';

export function createAccountMailDispatcher(options: AccountMailOptions) {
  const { db, mailer } = options;
  const retry: AccountMailRetry = {
    baseDelayMs: 30_000,
    maxDelayMs: 900_000,
    maxAttempts: 12,
    ...options.retry,
  };
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});

  /** Sends the next due mail; undefined when none is due. */
  async function dispatchOne(): Promise<AccountMailOutcome | undefined> {
    return db.transaction().execute(async (trx) => {
      const mail = await claimDueAccountMail(trx, now());
      if (!mail) return undefined;
      const attempts = mail.attempts + 1;
      if (mail.linkExpiresAt <= now()) {
        await markAccountMailFailed(
          trx,
          mail.mailId,
          mail.attempts,
          'The link expired before the mail was delivered',
        );
        log('account mail failed: link expired', { id: mail.mailId, kind: mail.kind });
        return 'failed';
      }
      const rendered = renderAccountMail(mail, accountLink(options.webUrl, mail));
      try {
        await mailer.send({
          from: options.from,
          to: mail.email,
          ...rendered,
          messageId: messageIdFor(mail.mailId),
          language: mail.language,
          notificationId: mail.mailId,
        });
      } catch (error) {
        const message = withoutAddresses(error instanceof Error ? error.message : String(error));
        if (classifyFailure(error) === 'permanent' || attempts >= retry.maxAttempts) {
          await markAccountMailFailed(trx, mail.mailId, attempts, message);
          log('account mail failed permanently', { id: mail.mailId, kind: mail.kind, error: message });
          return 'failed';
        }
        const wait = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempts - 1));
        await markAccountMailRetry(trx, mail.mailId, attempts, message, new Date(now().getTime() + wait));
        log('account mail delivery failed, will retry', { id: mail.mailId, attempts, wait, error: message });
        return 'retry';
      }
      await markAccountMailSent(trx, mail.mailId, attempts, now());
      return 'sent';
    });
  }

  /** Sends due mails until none is left (or `limit` were handled). */
  async function dispatchPending(limit = 100): Promise<Record<AccountMailOutcome, number>> {
    const report = { sent: 0, retry: 0, failed: 0 };
    for (let handled = 0; handled < limit; handled++) {
      const outcome = await dispatchOne();
      if (!outcome) break;
      report[outcome] += 1;
    }
    return report;
  }

  /** Runs until `signal` aborts, every `intervalMs`; errors are logged and the next tick retries. */
  async function run(signal: AbortSignal, intervalMs = 1_000): Promise<void> {
    while (!signal.aborted) {
      try {
        const report = await dispatchPending();
        if (report.sent + report.retry + report.failed > 0) log('account mails dispatched', report);
      } catch (error) {
        log('account mail dispatch failed', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
      await delay(intervalMs, undefined, { signal }).catch(() => undefined);
    }
  }

  return { dispatchOne, dispatchPending, run };
}
