/**
 * The database `dim` of `npm start`'s local cluster with least-privilege roles (db/roles.ts): the
 * owner role owns the schema and runs the migrations, the API and the worker connect as the
 * application role. Passwords are generated into DATA_DIR/keys (owner-only). A database migrated
 * by an earlier version, as the cluster's superuser, is handed over to the owner role.
 */
import { createDb } from '../db/connection';
import { ensureDatabaseRoles, migrateAndGrant, transferOwnership } from '../db/roles';
import { databaseUrl, localDatabaseUrl, localRoleLogins } from './postgres';

const database = 'dim';

async function withDb<T>(url: string, action: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(url, { maxConnections: 1 });
  try {
    return await action(db);
  } finally {
    await db.destroy();
  }
}

/** Sets up roles and schema; answers the application's URL and the migrations applied. */
export async function prepareLocalDatabase(
  serverUrl: string,
  dataDir: string,
  port: number,
): Promise<{ appUrl: string; applied: string[] }> {
  const logins = localRoleLogins(dataDir);
  await withDb(serverUrl, (admin) => ensureDatabaseRoles(admin, database, logins));
  await withDb(databaseUrl(serverUrl, database), (admin) => transferOwnership(admin, logins.owner.name));
  const as = (login: { name: string; password: string }) =>
    localDatabaseUrl(port, database, { user: login.name, password: login.password });
  const applied = await withDb(as(logins.owner), (owner) => migrateAndGrant(owner, logins.app.name));
  return { appUrl: as(logins.app), applied };
}
