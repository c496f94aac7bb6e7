import { type Kysely, sql } from 'kysely';

/**
 * Stream heads (issue 22, item 4): one row per stream with its version and the hash of its last
 * event, kept by a trigger in the transaction of every insert into `events`, so a signed
 * checkpoint of all heads (db/checkpoint.ts) needs no scan of the events, and a stream cut short or
 * rewritten with recomputed hashes after a checkpoint is caught by comparing with it.
 *
 * The trigger function runs as its owner (SECURITY DEFINER): the application may append events
 * without any right to write `streams` itself.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('streams')
    .addColumn('stream_id', 'text', (col) => col.primaryKey())
    .addColumn('version', 'bigint', (col) => col.notNull())
    .addColumn('head_hash', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull())
    .execute();

  await sql`
    INSERT INTO streams (stream_id, version, head_hash, updated_at)
    SELECT DISTINCT ON (stream_id) stream_id, stream_version, hash, recorded_time
      FROM events ORDER BY stream_id, stream_version DESC`.execute(db);

  // Rows of one append arrive in version order; a row never moves a head back.
  await sql`
    CREATE FUNCTION events_advance_stream_head() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
      INSERT INTO streams AS s (stream_id, version, head_hash, updated_at)
      VALUES (NEW.stream_id, NEW.stream_version, NEW.hash, NEW.recorded_time)
      ON CONFLICT (stream_id) DO UPDATE
        SET version = EXCLUDED.version, head_hash = EXCLUDED.head_hash, updated_at = EXCLUDED.updated_at
        WHERE s.version < EXCLUDED.version;
      RETURN NULL;
    END;
    $$`.execute(db);
  await sql`
    CREATE TRIGGER events_stream_head AFTER INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION events_advance_stream_head()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS events_stream_head ON events`.execute(db);
  await sql`DROP FUNCTION IF EXISTS events_advance_stream_head()`.execute(db);
  await db.schema.dropTable('streams').ifExists().execute();
}
