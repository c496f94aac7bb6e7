import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type Insertable, type Kysely, sql } from 'kysely';
import { preparedStatement } from './connection';
import type { Database, Language, OrganisationRow, OrganisationsTable, UserRole, UserRow } from './database';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type NewOrganisation = Omit<Insertable<OrganisationsTable>, 'organisation_id' | 'created_at'>;

export async function createOrganisation(
  db: Kysely<Database>,
  organisation: NewOrganisation,
): Promise<OrganisationRow> {
  return db
    .insertInto('organisations')
    .values({ ...organisation, organisation_id: randomUUID() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Inserts the organisation under a given id unless that id exists; true when it was inserted. */
export async function insertOrganisationOnce(
  db: Kysely<Database>,
  organisationId: string,
  organisation: NewOrganisation,
): Promise<boolean> {
  const inserted = await db
    .insertInto('organisations')
    .values({ ...organisation, organisation_id: organisationId })
    .onConflict((oc) => oc.column('organisation_id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteOrganisation(db: Kysely<Database>, organisationId: string): Promise<void> {
  await db.deleteFrom('organisations').where('organisation_id', '=', organisationId).execute();
}

/** Another user has the e-mail address (also when both were created at once): nothing was written. */
export class EmailTaken extends Error {
  constructor() {
    super('A user with this e-mail address exists');
  }
}

export async function createUser(
  db: Kysely<Database>,
  user: { email: string; name: string; role: UserRole; organisationId?: string | null; language?: Language },
): Promise<UserRow> {
  const created = await db
    .insertInto('users')
    .values({
      user_id: randomUUID(),
      email: user.email.toLowerCase(),
      name: user.name,
      role: user.role,
      organisation_id: user.organisationId ?? null,
      language: user.language ?? 'de',
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!created) throw new EmailTaken();
  return created;
}

/** A new bearer token for the user; returned once, stored only as its hash. */
export async function issueToken(
  db: Kysely<Database>,
  userId: string,
  options: { label: string; validForDays: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = `dim_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + options.validForDays * 86_400_000);
  await db
    .insertInto('api_tokens')
    .values({ token_hash: hashToken(token), user_id: userId, label: options.label, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function revokeTokens(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const userForTokenStatement = preparedStatement('user_for_token');

/**
 * The columns of a `UserRow`, named: for joins (a token, a session, a password) whose result must
 * be exactly the user, whatever columns are added to `users` later.
 */
export const userColumns = [
  'users.user_id',
  'users.email',
  'users.name',
  'users.role',
  'users.organisation_id',
  'users.language',
  'users.notification_digest',
  'users.created_at',
] as const satisfies readonly `users.${keyof UserRow}`[];

/**
 * The user a token belongs to, if the token is known, not revoked and not expired. A prepared
 * statement: its columns are named, not `users.*`, so that a column added later cannot change its
 * result type under a running service.
 */
export async function userForToken(db: Kysely<Database>, token: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.user_id', 'api_tokens.user_id')
    .modifyFront(userForTokenStatement)
    .select(userColumns)
    .where('api_tokens.token_hash', '=', hashToken(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('api_tokens.expires_at', '>', new Date())
    .executeTakeFirst();
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUser(db: Kysely<Database>, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function findOrganisation(
  db: Kysely<Database>,
  organisationId: string,
): Promise<OrganisationRow | undefined> {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

/** A user as the users list shows them: with the organisation's name and how far sign-in is set up. */
/** Whether the staff member is the case manager of an accreditation of the organisation. */
export async function managesOrganisation(
  db: Kysely<Database>,
  staffId: string,
  organisationId: string,
): Promise<boolean> {
  const found = await db
    .selectFrom('accreditations')
    .select('accreditation_id')
    .where('organisation_id', '=', organisationId)
    .where('case_manager_id', '=', staffId)
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
}

export interface ListedUser extends UserRow {
  organisation_name: string | null;
  password_set: boolean;
  /** The latest invitation link's expiry, if one is unused (links are deleted once used). */
  invitation_expires_at: Date | null;
}

export async function listUsers(
  db: Kysely<Database>,
  filter: { role?: UserRole; organisationId?: string; limit: number },
): Promise<ListedUser[]> {
  let query = db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.organisation_id', 'users.organisation_id')
    .select(userColumns)
    .select((eb) => [
      'organisations.name as organisation_name',
      sql<boolean>`EXISTS (SELECT 1 FROM passwords WHERE passwords.user_id = users.user_id)`.as(
        'password_set',
      ),
      eb
        .selectFrom('account_tokens')
        .select((inner) => inner.fn.max('account_tokens.expires_at').as('expires_at'))
        .whereRef('account_tokens.user_id', '=', 'users.user_id')
        .where('account_tokens.purpose', '=', 'invitation')
        .as('invitation_expires_at'),
    ]);
  if (filter.role) query = query.where('users.role', '=', filter.role);
  if (filter.organisationId) query = query.where('users.organisation_id', '=', filter.organisationId);
  return query.orderBy('users.created_at').orderBy('users.user_id').limit(filter.limit).execute();
}
