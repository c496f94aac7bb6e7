/**
 * Failed sign-ins, counted in PostgreSQL (so every API process sees the same counts) in fixed
 * windows under three keys: the account at one address, the account from anywhere, and the
 * address for any account. Reaching a limit refuses password sign-in for that key only — the
 * same account from elsewhere, other accounts, existing sessions, bearer tokens and password
 * resets all go on. The e-mail address is kept only as a hash.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from './database';

export interface SignInLimits {
  /** Failures of one account from one address (a person mistyping, one guesser). */
  perAccountAtAddress: number;
  /** Failures of one account from all addresses (guessing spread over many addresses). */
  perAccount: number;
  /** Failures from one address over all accounts (one address trying many accounts). */
  perAddress: number;
  windowMs: number;
}

export const defaultSignInLimits: SignInLimits = {
  perAccountAtAddress: 5,
  perAccount: 20,
  perAddress: 50,
  windowMs: 15 * 60_000,
};

const accountKey = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);

/** An IPv6 address counts by its /64 (one host usually has a whole /64); IPv4 as it is. */
export function addressKey(address: string): string {
  const ip = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group || '0', 16).toString(16))
    .join(':')}::/64`;
}

function limitKeys(limits: SignInLimits, email: string, address: string) {
  const account = accountKey(email);
  const at = addressKey(address);
  return [
    { key: `account-at:${account}:${at}`, max: limits.perAccountAtAddress },
    { key: `account:${account}`, max: limits.perAccount },
    { key: `address:${at}`, max: limits.perAddress },
  ];
}

/**
 * Counts a sign-in attempt under each key before the password is checked — so that a burst of
 * parallel guesses is counted too — and answers the seconds until this account may try again from
 * this address (0: go ahead). A successful attempt is taken back by `signInSucceeded`.
 * Windows that have ended are deleted on the way.
 */
export async function countSignInAttempt(
  db: Kysely<Database>,
  limits: SignInLimits,
  email: string,
  address: string,
): Promise<number> {
  const now = new Date();
  const keys = limitKeys(limits, email, address);
  await db.deleteFrom('sign_in_failures').where('window_ends_at', '<=', now).execute();
  const rows = await db
    .insertInto('sign_in_failures')
    .values(
      keys.map(({ key }) => ({
        limit_key: key,
        failures: 1,
        window_ends_at: new Date(now.getTime() + limits.windowMs),
      })),
    )
    .onConflict((oc) =>
      oc.column('limit_key').doUpdateSet({
        failures: sql`CASE WHEN sign_in_failures.window_ends_at > ${now} THEN sign_in_failures.failures + 1 ELSE 1 END`,
        window_ends_at: sql`CASE WHEN sign_in_failures.window_ends_at > ${now} THEN sign_in_failures.window_ends_at ELSE excluded.window_ends_at END`,
      }),
    )
    .returningAll()
    .execute();
  let seconds = 0;
  for (const row of rows) {
    const max = keys.find(({ key }) => key === row.limit_key)?.max ?? 0;
    if (row.failures > max) {
      seconds = Math.max(seconds, Math.ceil((row.window_ends_at.getTime() - now.getTime()) / 1000));
    }
  }
  return seconds;
}

/**
 * The attempt was right: it no longer counts against the account or the address, and the
 * account's earlier failures at this address are forgiven.
 */
export async function signInSucceeded(
  db: Kysely<Database>,
  limits: SignInLimits,
  email: string,
  address: string,
): Promise<void> {
  const [atAddress, ...others] = limitKeys(limits, email, address);
  await db
    .deleteFrom('sign_in_failures')
    .where('limit_key', '=', atAddress?.key ?? '')
    .execute();
  await db
    .updateTable('sign_in_failures')
    .set({ failures: sql`greatest(failures - 1, 0)` })
    .where(
      'limit_key',
      'in',
      others.map(({ key }) => key),
    )
    .execute();
}

/** A redeemed reset or invitation link proves the mailbox: the account's own counts start afresh. */
export async function forgiveAccountFailures(db: Kysely<Database>, email: string) {
  const account = accountKey(email);
  await db
    .deleteFrom('sign_in_failures')
    .where((eb) =>
      eb.or([eb('limit_key', '=', `account:${account}`), eb('limit_key', 'like', `account-at:${account}:%`)]),
    )
    .execute();
}
