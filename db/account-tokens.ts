/**
 * Invitation and password-reset links: a one-time token per link, stored as its SHA-256, and the
 * e-mail that carries it queued in `account_mails` in the same transaction (delivered by
 * notifications/account-mail.ts). A new link of a kind voids the user's earlier ones, sent or not.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { AccountTokenPurpose, Database, Language, UserRow } from './database';
import { createUser, EmailTaken, findUser, findUserByEmail, hashToken } from './identity';
import { type IdentityActor, recordIdentityEvent } from './identity-events';
import { hashPassword, storePasswordHash } from './passwords';
import { endSessionsOf, newSecret } from './sessions';

/** How long a link works: an invitation a week, a password reset an hour. */
const linkValidityMs: Record<AccountTokenPurpose, number> = {
  invitation: 7 * 86_400_000,
  password_reset: 3_600_000,
};

/**
 * Issues a token of the purpose and queues its e-mail; earlier tokens of that purpose and their
 * pending e-mails are void. Run inside the caller's transaction when the user is made in it too.
 */
export async function issueAccountLink(
  db: Kysely<Database>,
  userId: string,
  purpose: AccountTokenPurpose,
  mailId: string = randomUUID(),
): Promise<void> {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + linkValidityMs[purpose]);
  await db
    .deleteFrom('account_tokens')
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .execute();
  await db
    .updateTable('account_mails')
    .set({ status: 'superseded', token: null })
    .where('user_id', '=', userId)
    .where('kind', '=', purpose)
    .where('status', '=', 'pending')
    .execute();
  await db
    .insertInto('account_tokens')
    .values({ token_hash: hashToken(token), user_id: userId, purpose, expires_at: expiresAt })
    .execute();
  await db
    .insertInto('account_mails')
    .values({ mail_id: mailId, user_id: userId, kind: purpose, token, link_expires_at: expiresAt })
    .execute();
}

/** A new invitation for the user (earlier invitations stop working). */
/** A new invitation e-mail, recorded in the user's identity stream as sent by `actor`. */
export function sendInvitation(db: Kysely<Database>, userId: string, actor: IdentityActor): Promise<void> {
  return db.transaction().execute(async (trx) => {
    await issueAccountLink(trx, userId, 'invitation');
    await recordIdentityEvent(trx, actor, userId, { type: 'InvitationSent', data: {} });
  });
}

/** Reset e-mails one account may be sent within an hour: enough for a lost mail, not a mail bomb. */
const resetMailsPerHour = 3;

/**
 * A password-reset e-mail for the account of this address, if there is one and it has not had
 * `resetMailsPerHour` already; true when queued.
 */
export async function sendPasswordReset(db: Kysely<Database>, email: string): Promise<boolean> {
  const user = await findUserByEmail(db, email);
  if (!user) return false;
  return db.transaction().execute(async (trx) => {
    // Serialises concurrent requests for one account, so the count below holds.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`password-reset/${user.user_id}`}))`.execute(trx);
    const recent = await trx
      .selectFrom('account_mails')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', user.user_id)
      .where('kind', '=', 'password_reset')
      .where('created_at', '>', new Date(Date.now() - 3_600_000))
      .executeTakeFirstOrThrow();
    if (recent.count >= resetMailsPerHour) return false;
    await issueAccountLink(trx, user.user_id, 'password_reset');
    return true;
  });
}

/**
 * Redeems a link: sets the password, voids every outstanding link of the user and ends the user's
 * sessions. Undefined when the token is unknown, used or expired (then nothing changes).
 */
export async function redeemAccountLink(
  db: Kysely<Database>,
  purpose: AccountTokenPurpose,
  token: string,
  password: string,
): Promise<UserRow | undefined> {
  const tokenHash = hashToken(token);
  const now = new Date();
  // Checked before hashing, so an unknown token costs no argon2 work.
  const known = await db
    .selectFrom('account_tokens')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!known) return undefined;
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    // Deleting is the redemption: of two concurrent requests with one token only one gets the row.
    const redeemed = await trx
      .deleteFrom('account_tokens')
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    if (!redeemed) return undefined;
    await storePasswordHash(trx, redeemed.user_id, passwordHash);
    await trx.deleteFrom('account_tokens').where('user_id', '=', redeemed.user_id).execute();
    await trx
      .updateTable('account_mails')
      .set({ status: 'superseded', token: null })
      .where('user_id', '=', redeemed.user_id)
      .where('status', '=', 'pending')
      .execute();
    await endSessionsOf(trx, redeemed.user_id);
    return findUser(trx, redeemed.user_id);
  });
}

/**
 * The contact of a newly opened organisation gets a user of role `organisation`, bound to it, and
 * an invitation — once per organisation, however often the opening is retried (the invitation's
 * mail id names the organisation). Nothing happens when the address already has a user: that user
 * cannot be bound to a second organisation, so staff decide. Answers what it did.
 */
export async function inviteOrganisationContact(
  db: Kysely<Database>,
  organisation: { organisationId: string; name: string; contactEmail: string; language: Language },
): Promise<'invited' | 'already_invited' | 'email_taken'> {
  const mailId = `organisation-contact/${organisation.organisationId}`;
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${mailId}))`.execute(trx);
    const sent = await trx
      .selectFrom('account_mails')
      .select('mail_id')
      .where('mail_id', '=', mailId)
      .executeTakeFirst();
    if (sent) return 'already_invited';
    if (await findUserByEmail(trx, organisation.contactEmail)) return 'email_taken';
    let user: UserRow;
    try {
      user = await createUser(trx, {
        email: organisation.contactEmail,
        name: organisation.name,
        role: 'organisation',
        organisationId: organisation.organisationId,
        language: organisation.language,
      });
    } catch (error) {
      // Another organisation with this contact address opened at the same moment (the lock above
      // is per organisation): the same answer as when it had come first.
      if (error instanceof EmailTaken) return 'email_taken';
      throw error;
    }
    await issueAccountLink(trx, user.user_id, 'invitation', mailId);
    return 'invited';
  });
}
