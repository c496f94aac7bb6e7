/**
 * Passwords: argon2id hashes in `passwords`, never in `users`, never in an event. The cost is
 * OWASP's first recommended argon2id setting (19 MiB, 2 passes, 1 lane): about 35 ms per hash on
 * this machine kind under load, so a sign-in stays well under 100 ms while an offline guess costs
 * as much memory as it does here. The setting is part of each stored hash (PHC string); a hash
 * made with another setting is replaced at the next successful sign-in.
 */
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database, UserRow } from './database';
import { userColumns } from './identity';

/** `Algorithm.Argon2id` is 2 (a const enum, which isolated modules cannot read). */
const argon2id = 2 as Algorithm;
const argon2Options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const currentSetting = `$argon2id$v=19$m=${argon2Options.memoryCost},t=${argon2Options.timeCost},p=${argon2Options.parallelism}$`;

export const hashPassword = (password: string): Promise<string> => hash(password, argon2Options);

/** Verified against for unknown accounts, so that they take as long as known ones. */
let decoyHash: Promise<string> | undefined;

/** Sets (or replaces) a user's password hash; `changed_at` is now. */
export async function storePasswordHash(db: Kysely<Database>, userId: string, passwordHash: string) {
  await db
    .insertInto('passwords')
    .values({ user_id: userId, hash: passwordHash })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ hash: passwordHash, changed_at: new Date() }))
    .execute();
}

export async function hasPassword(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('passwords')
    .select('user_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The user whose e-mail and password these are, or undefined — after the same work whether the
 * account is unknown, has no password yet or the password is wrong.
 */
export async function checkPassword(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<UserRow | undefined> {
  const row = await db
    .selectFrom('users')
    .leftJoin('passwords', 'passwords.user_id', 'users.user_id')
    .select([...userColumns, 'passwords.hash'])
    .where('users.email', '=', email.toLowerCase())
    .executeTakeFirst();
  decoyHash ??= hashPassword('decoy password of no account');
  const stored = row?.hash ?? (await decoyHash);
  const matches = await verify(stored, password).catch(() => false);
  if (!row?.hash || !matches) return undefined;
  const { hash: storedHash, ...user } = row;
  if (!storedHash.startsWith(currentSetting)) {
    await storePasswordHash(db, user.user_id, await hashPassword(password));
  }
  return user;
}
