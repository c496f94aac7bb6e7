import { type Kysely, sql } from 'kysely';

/**
 * Decision dossiers: the case file exactly as the decision maker saw it when granting or refusing,
 * kept as text under its SHA-256 (which the decision's event records). Nothing here is ever
 * changed or removed: like the events, the table refuses UPDATE, DELETE and TRUNCATE.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dossiers')
    .addColumn('sha256', 'text', (col) => col.primaryKey().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('accreditation_id', 'text', (col) => col.notNull())
    .addColumn('version', 'bigint', (col) => col.notNull())
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('frozen_by', 'text', (col) => col.notNull())
    .addColumn('frozen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('dossiers_accreditation').on('dossiers').column('accreditation_id').execute();
  await sql`
    CREATE FUNCTION dossiers_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'dossiers are kept as frozen: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$`.execute(db);
  await sql`CREATE TRIGGER dossiers_no_update_or_delete BEFORE UPDATE OR DELETE ON dossiers
    FOR EACH ROW EXECUTE FUNCTION dossiers_keep()`.execute(db);
  await sql`CREATE TRIGGER dossiers_no_truncate BEFORE TRUNCATE ON dossiers
    FOR EACH STATEMENT EXECUTE FUNCTION dossiers_keep()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dossiers').ifExists().execute();
  await sql`DROP FUNCTION IF EXISTS dossiers_keep()`.execute(db);
}
