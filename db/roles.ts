/**
 * Least-privilege database roles (issue 22, item 3). The owner role owns the schema and runs the
 * migrations; the application role (API, worker, dispatcher, scripts) owns nothing, so it can
 * neither alter a table nor disable the append-only triggers, and it may only read and append to
 * the tables that hold history. Everything else (projections, identity, outbox) it may change,
 * including TRUNCATE for a projection rebuild: those tables are derived or operational.
 *
 * `npm start`'s local cluster sets the roles up with `ensureDatabaseRoles` and
 * `transferOwnership`; in production the PostgreSQL container's init script does
 * (deploy/postgres/init-roles.sh): both run the statements db/roles.sql yields. Both migrate as
 * the owner and then `grantApplicationRights`.
 */
import { readFileSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { migrateToLatest } from './migrate';

// biome-ignore lint/suspicious/noExplicitAny: roles and grants work on any schema.
type AnyDb = Kysely<any>;

export interface RoleLogin {
  name: string;
  password: string;
}

/** Tables of the history: the application may SELECT and INSERT, nothing else. */
export const appendOnlyTables = ['events', 'dossiers'] as const;
/** Data keys of crypto-shredding: made and deleted, never changed nor emptied at once. */
export const keyTables = ['subject_keys'] as const;
/** Kept by the owner's triggers and migrations: the application may only read them. */
export const readOnlyTables = ['streams', 'kysely_migration', 'kysely_migration_lock'] as const;

const roleName = /^[a-z_][a-z0-9_]{0,62}$/;

/** A role name checked to be a plain identifier, so it may stand in DDL, which takes no parameters. */
function role(name: string) {
  if (!roleName.test(name)) throw new Error(`Not a plain role name: ${JSON.stringify(name)}`);
  return sql.id(name);
}

/**
 * The query of the statements that make the roles and the database, which the container's init
 * script runs too. Read when needed: the compiled migrate script, which imports this module, never is.
 */
const rolesSql = () => readFileSync(new URL('./roles.sql', import.meta.url), 'utf8');

/**
 * As a superuser on the server: the two roles (made, or their passwords set), and `database`
 * owned by the owner, which only the two may connect to.
 */
export async function ensureDatabaseRoles(
  admin: AnyDb,
  database: string,
  roles: { owner: RoleLogin; app: RoleLogin },
): Promise<void> {
  for (const name of [roles.owner.name, roles.app.name, database]) role(name);
  const settings = {
    'dim.owner': roles.owner.name,
    'dim.owner_password': roles.owner.password,
    'dim.app': roles.app.name,
    'dim.app_password': roles.app.password,
    'dim.database': database,
  };
  // Session settings: one connection for the settings and the statements.
  await admin.connection().execute(async (connection) => {
    for (const [name, value] of Object.entries(settings))
      await sql`SELECT set_config(${name}, ${value}, false)`.execute(connection);
    const { rows } = await sql<{ statement: string }>`${sql.raw(rolesSql())}`.execute(connection);
    for (const { statement } of rows) await sql.raw(statement).execute(connection);
    for (const name of Object.keys(settings))
      await sql`SELECT set_config(${name}, '', false)`.execute(connection);
  });
}

/**
 * As a superuser on the database: the schema and everything in it owned by `owner` — for a
 * database migrated before the roles existed (extensions' own objects stay as they are).
 */
export async function transferOwnership(admin: AnyDb, owner: string): Promise<void> {
  const to = role(owner);
  await sql`ALTER SCHEMA public OWNER TO ${to}`.execute(admin);
  await sql`REVOKE CREATE ON SCHEMA public FROM PUBLIC`.execute(admin);
  const { rows: relations } = await sql<{ name: string; kind: string }>`
    SELECT c.relname AS name, c.relkind AS kind
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
       AND pg_get_userbyid(c.relowner) <> ${owner}
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`.execute(admin);
  for (const { name, kind } of relations) {
    const what = kind === 'v' ? sql`VIEW` : kind === 'm' ? sql`MATERIALIZED VIEW` : sql`TABLE`;
    // A table's sequences and indexes follow it.
    await sql`ALTER ${what} ${sql.id('public', name)} OWNER TO ${to}`.execute(admin);
  }
  const { rows: functions } = await sql<{ signature: string }>`
    SELECT p.oid::regprocedure::text AS signature
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> ${owner}
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`.execute(admin);
  for (const { signature } of functions) {
    // A regprocedure's text is a quoted, schema-qualified signature.
    await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${to}`.execute(admin);
  }
}

/**
 * As the owner, after the migrations: what the application role may do on each table. Run after
 * every migration, so a new table is covered; revoking first makes it exact.
 */
export async function grantApplicationRights(owner: AnyDb, app: string): Promise<void> {
  const to = role(app);
  const tables = (names: readonly string[]) => sql.join(names.map((name) => sql.id('public', name)));
  await owner.transaction().execute(async (trx) => {
    await sql`REVOKE CREATE ON SCHEMA public FROM PUBLIC`.execute(trx);
    await sql`GRANT USAGE ON SCHEMA public TO ${to}`.execute(trx);
    await sql`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${to}`.execute(trx);
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${to}`.execute(
      trx,
    );
    await sql`REVOKE UPDATE, DELETE, TRUNCATE ON ${tables(appendOnlyTables)} FROM ${to}`.execute(trx);
    await sql`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${tables(readOnlyTables)} FROM ${to}`.execute(trx);
    await sql`REVOKE UPDATE, TRUNCATE ON ${tables(keyTables)} FROM ${to}`.execute(trx);
    await sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${to}`.execute(trx);
  });
}

/**
 * Migrates as the owner; when the application connects as another role, grants it its rights.
 * With a single role for both (one DATABASE_URL), there is nothing to grant.
 */
export async function migrateAndGrant(owner: AnyDb, app: string | undefined): Promise<string[]> {
  const applied = await migrateToLatest(owner);
  if (app) await grantApplicationRights(owner, app);
  return applied;
}
