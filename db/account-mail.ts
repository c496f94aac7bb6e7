/**
 * The queries of the account-mail outbox (invitations, password resets), delivered by
 * notifications/account-mail.ts. Whatever becomes of a mail — sent, failed, its link expired —
 * its clear token is set to null in the same statement.
 */
import type { Transaction } from 'kysely';
import type { AccountTokenPurpose, Database, Language } from './database';

export interface DueAccountMail {
  mailId: string;
  kind: AccountTokenPurpose;
  token: string;
  linkExpiresAt: Date;
  attempts: number;
  createdAt: Date;
  email: string;
  name: string;
  language: Language;
  /** The organisation an organisation user belongs to. */
  organisationName: string | null;
}

/**
 * Locks and returns the next pending mail that is due (several senders share the work: rows held
 * by another are skipped); undefined when none is due.
 */
export async function claimDueAccountMail(
  trx: Transaction<Database>,
  now: Date,
): Promise<DueAccountMail | undefined> {
  const row = await trx
    .selectFrom('account_mails')
    .innerJoin('users', 'users.user_id', 'account_mails.user_id')
    .leftJoin('organisations', 'organisations.organisation_id', 'users.organisation_id')
    .select([
      'account_mails.mail_id',
      'account_mails.kind',
      'account_mails.token',
      'account_mails.link_expires_at',
      'account_mails.attempts',
      'account_mails.created_at',
      'users.email',
      'users.name',
      'users.language',
      'organisations.name as organisation_name',
    ])
    .where('account_mails.status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('account_mails.next_attempt_at', 'is', null),
        eb('account_mails.next_attempt_at', '<=', now),
      ]),
    )
    .orderBy('account_mails.created_at')
    .orderBy('account_mails.mail_id')
    .limit(1)
    .forUpdate('account_mails')
    .skipLocked()
    .executeTakeFirst();
  if (!row?.token) return undefined;
  return {
    mailId: row.mail_id,
    kind: row.kind,
    token: row.token,
    linkExpiresAt: row.link_expires_at,
    attempts: row.attempts,
    createdAt: row.created_at,
    email: row.email,
    name: row.name,
    language: row.language,
    organisationName: row.organisation_name,
  };
}

export async function markAccountMailSent(
  trx: Transaction<Database>,
  mailId: string,
  attempts: number,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('account_mails')
    .set({ status: 'sent', token: null, attempts, sent_at: at, last_error: null, next_attempt_at: null })
    .where('mail_id', '=', mailId)
    .execute();
}

/** A transient failure: the mail stays pending, with its token, until `nextAttemptAt`. */
export async function markAccountMailRetry(
  trx: Transaction<Database>,
  mailId: string,
  attempts: number,
  error: string,
  nextAttemptAt: Date,
): Promise<void> {
  await trx
    .updateTable('account_mails')
    .set({ attempts, last_error: error, next_attempt_at: nextAttemptAt })
    .where('mail_id', '=', mailId)
    .execute();
}

export async function markAccountMailFailed(
  trx: Transaction<Database>,
  mailId: string,
  attempts: number,
  error: string,
): Promise<void> {
  await trx
    .updateTable('account_mails')
    .set({ status: 'failed', token: null, attempts, last_error: error, next_attempt_at: null })
    .where('mail_id', '=', mailId)
    .execute();
}
