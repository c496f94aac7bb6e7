import type { Kysely } from 'kysely';
import type { Database, UserRole } from '../../db/database';
import { createOrganisation, createUser, issueToken } from '../../db/identity';

export interface TestUser {
  id: string;
  role: UserRole;
  organisationId: string | null;
  token: string;
  headers: { authorization: string };
}

let counter = 0;

/** A user with a fresh token; an `organisation` user gets an organisation of its own unless given one. */
export async function createTestUser(
  db: Kysely<Database>,
  role: UserRole,
  options: { organisationId?: string } = {},
): Promise<TestUser> {
  counter += 1;
  let organisationId = options.organisationId ?? null;
  if (role === 'organisation' && !organisationId) {
    ({ organisation_id: organisationId } = await createOrganisation(db, {
      name: `Test Org ${counter}`,
      street: 'Teststraße 1',
      postal_code: '10115',
      city: 'Berlin',
      country: 'DE',
      contact_email: `org${counter}@example.org`,
      language: 'de',
    }));
  }
  const user = await createUser(db, {
    email: `${role}-${counter}-${Date.now()}@example.org`,
    name: `${role} ${counter}`,
    role,
    organisationId,
  });
  const { token } = await issueToken(db, user.user_id, { label: 'test', validForDays: 1 });
  return { id: user.user_id, role, organisationId, token, headers: { authorization: `Bearer ${token}` } };
}
