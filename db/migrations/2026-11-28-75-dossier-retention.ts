import { type Kysely, sql } from 'kysely';

/**
 * Decision dossiers go with the retention period (db/retention.ts): a dossier may be deleted once
 * its case's stream holds a `CaseDataErased` event, and by nothing else. The application role has
 * no DELETE on `dossiers`; it calls `erase_dossiers`, which runs as the owner and deletes only the
 * dossiers of an erased case. An erasure event is an append to the hash-chained history, so no
 * dossier can go without a trace.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION dossiers_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND EXISTS (SELECT FROM events WHERE stream_id = 'accreditation-' || OLD.accreditation_id
                                        AND event_type = 'CaseDataErased') THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'dossiers are kept as frozen: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$`.execute(db);
  await sql`
    CREATE FUNCTION erase_dossiers(accreditation text) RETURNS bigint
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
      WITH deleted AS (
        DELETE FROM dossiers WHERE accreditation_id = accreditation
          AND EXISTS (SELECT FROM events WHERE stream_id = 'accreditation-' || accreditation
                        AND event_type = 'CaseDataErased')
        RETURNING 1)
      SELECT count(*) FROM deleted
    $$`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS erase_dossiers(text)`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION dossiers_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'dossiers are kept as frozen: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$`.execute(db);
}
