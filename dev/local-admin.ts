/** The administrator's access of a local run (`npm start`): a token file and a sign-in password. */
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, UserRow } from '../db/database';
import { createUser, findUserByEmail, issueToken } from '../db/identity';
import { type IdentityActor, recordIdentityEvent } from '../db/identity-events';
import { hashPassword, hasPassword, storePasswordHash } from '../db/passwords';

export const localAdminEmail = 'admin@dim.local';

/** The administrator of a local run (made on the first start). */
async function localAdmin(db: Kysely<Database>): Promise<UserRow> {
  const found = await findUserByEmail(db, localAdminEmail);
  if (found) return found;
  return db.transaction().execute(async (trx) => {
    const admin = await createUser(trx, {
      email: localAdminEmail,
      name: 'Local administrator',
      role: 'admin',
    });
    const data = { role: admin.role, organisationId: null };
    await recordIdentityEvent(trx, system, admin.user_id, { type: 'UserCreated', data });
    return admin;
  });
}

/** `npm start` acts as the system. */
const system: IdentityActor = { id: 'system', role: 'system' };

/**
 * On the first start: a token for the administrator in DATA_DIR/admin-token (readable only by
 * the owner), so a newcomer can call the API at once and create further users with the CLI.
 */
async function ensureAdminToken(db: Kysely<Database>, dataDir: string): Promise<string> {
  const tokenFile = join(dataDir, 'admin-token');
  if (existsSync(tokenFile)) return tokenFile;
  const admin = await localAdmin(db);
  const label = 'npm start';
  const { token } = await db.transaction().execute(async (trx) => {
    const issued = await issueToken(trx, admin.user_id, { label, validForDays: 365 });
    const data = { label, expiresAt: issued.expiresAt.toISOString() };
    await recordIdentityEvent(trx, system, admin.user_id, { type: 'TokenIssued', data });
    return issued;
  });
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  return tokenFile;
}

/**
 * Browser sign-in for the administrator: on the first start a random password, shown once and
 * kept in DATA_DIR/admin-password (readable only by the owner). A file rather than a printed
 * invitation link, because a link expires after 7 days and scrolls away, while the file sits next
 * to the token and works after every restart. The administrator changes it with "forgot password"
 * (without SMTP_URL the mail is a file in DATA_DIR/mail). Answers the line to print.
 */
async function ensureAdminPassword(db: Kysely<Database>, dataDir: string): Promise<string> {
  const passwordFile = join(dataDir, 'admin-password');
  const admin = await localAdmin(db);
  if (existsSync(passwordFile)) return `${admin.email}, password in ${passwordFile}`;
  if (await hasPassword(db, admin.user_id)) return `${admin.email}, with the password set in the browser`;
  const password = randomBytes(18).toString('base64url');
  await storePasswordHash(db, admin.user_id, await hashPassword(password));
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  return `${admin.email}, password ${password}  (shown once; kept in ${passwordFile})`;
}

/**
 * The lines `npm start` prints about the administrator. Only in its own local cluster does it make
 * one: a database given by DATABASE_URL may be shared or production, where a token nobody asked
 * for, written to a local file, would be a way in. There the operator issues tokens with the CLI.
 */
export async function localAdminAccess(
  db: Kysely<Database>,
  dataDir: string,
  { givenDatabase }: { givenDatabase: boolean },
): Promise<string[]> {
  if (givenDatabase) {
    return [
      '  Admin           none made in the DATABASE_URL database; make one (with its token) by',
      '                  npm run cli -- users add --role admin --email … --name …',
    ];
  }
  const tokenFile = await ensureAdminToken(db, dataDir);
  return [
    `  Admin token     ${tokenFile}  (curl -H "Authorization: Bearer $(cat ${tokenFile})" …)`,
    `  Admin sign-in   ${await ensureAdminPassword(db, dataDir)}`,
  ];
}
