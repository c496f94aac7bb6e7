import { type Kysely, sql } from 'kysely';

/**
 * The event store: one append-only `events` table.
 *
 * - Optimistic concurrency: the primary key `(stream_id, stream_version)` is the arbiter. An append
 *   for expected version n inserts n+1, n+2, …; a concurrent append of the same version waits for
 *   the first and then fails with a unique violation (reported as a VersionConflict). No stream
 *   row is locked or updated, so an append writes the event rows only.
 * - `idempotency_key` is unique: the same key again fails the insert and is answered with the
 *   original result.
 * - `transaction_id` (xid8, `pg_current_xact_id()`) lets a reader follow the log in commit order
 *   without skipping late-committing transactions: read only `transaction_id <
 *   pg_snapshot_xmin(pg_current_snapshot())`, ordered by `(transaction_id, global_position)`.
 * - `hash = event_hash(hash of the previous event of the stream, canonical event)`; the canonical
 *   form is defined once, in SQL (`event_hash`), used by `append_events` and by verification.
 * - UPDATE, DELETE and TRUNCATE of events are refused by triggers.
 * - `append_events` appends a batch to one stream in a single statement (one round trip).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('global_position', 'bigint', (col) => col.notNull().generatedAlwaysAsIdentity())
    .addColumn('transaction_id', sql`xid8`, (col) => col.notNull().defaultTo(sql`pg_current_xact_id()`))
    .addColumn('stream_id', 'text', (col) => col.notNull())
    .addColumn('stream_version', 'bigint', (col) => col.notNull())
    .addColumn('event_type', 'text', (col) => col.notNull())
    .addColumn('data', 'jsonb', (col) => col.notNull())
    .addColumn('metadata', 'jsonb', (col) => col.notNull())
    .addColumn('business_time', 'timestamptz', (col) => col.notNull())
    .addColumn('recorded_time', 'timestamptz', (col) => col.notNull())
    .addColumn('idempotency_key', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('events_pkey', ['stream_id', 'stream_version'])
    .addUniqueConstraint('events_idempotency_key_key', ['idempotency_key'])
    .addCheckConstraint('events_stream_version_positive', sql`stream_version > 0`)
    .execute();

  await db.schema
    .createIndex('events_transaction_order')
    .on('events')
    .columns(['transaction_id', 'global_position'])
    .execute();

  await sql`
    CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$`.execute(db);
  await sql`
    CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()`.execute(db);

  // The canonical event: a jsonb array whose text form is deterministic (jsonb normalises key
  // order and spacing); times as integer microseconds since the epoch, independent of TimeZone
  // and DateStyle. The chain starts from 64 zeros. STABLE (not IMMUTABLE, as jsonb_build_array and
  // extract are STABLE) so the planner inlines it.
  await sql`
    CREATE FUNCTION event_hash(
      previous_hash text, stream_id text, stream_version bigint, event_type text, data jsonb,
      metadata jsonb, business_time timestamptz, recorded_time timestamptz, idempotency_key text
    ) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT encode(sha256(convert_to(previous_hash || jsonb_build_array(
        stream_id, stream_version, event_type, data, metadata,
        (extract(epoch FROM business_time) * 1000000)::bigint,
        (extract(epoch FROM recorded_time) * 1000000)::bigint,
        idempotency_key
      )::text, 'UTF8')), 'hex')
    $$`.execute(db);

  // outcome 'appended', or 'behind' when the stream has not reached p_expected_version (then
  // stream_version is the actual version). A stream already past the expected version, or an
  // idempotency key used before, fails the insert with a unique violation (23505) that the caller
  // resolves. p_expected_version NULL = append after the current last event. p_data and
  // p_metadata are JSON arrays with one element per event.
  await sql`
    CREATE FUNCTION append_events(
      p_stream_id text, p_expected_version bigint, p_types text[], p_data jsonb, p_metadata jsonb,
      p_business_times timestamptz[], p_keys text[],
      OUT outcome text, OUT stream_version bigint, OUT global_positions bigint[], OUT transaction_id xid8,
      OUT recorded_time timestamptz
    ) LANGUAGE plpgsql AS $$
    DECLARE
      v_count int := cardinality(p_types);
      v_current bigint;
      v_hash text;
      v_hashes text[] := '{}';
      v_recorded timestamptz := now();
      v_position bigint;
    BEGIN
      IF v_count IS NULL OR v_count = 0 OR jsonb_array_length(p_data) <> v_count
         OR jsonb_array_length(p_metadata) <> v_count OR cardinality(p_business_times) <> v_count
         OR cardinality(p_keys) <> v_count THEN
        RAISE EXCEPTION 'append_events: one type, data, metadata, business time and key per event';
      END IF;

      IF p_expected_version = 0 THEN
        v_current := 0;
        v_hash := repeat('0', 64);
      ELSIF p_expected_version IS NOT NULL THEN
        v_current := p_expected_version;
        SELECT e.hash INTO v_hash FROM events e
         WHERE e.stream_id = p_stream_id AND e.stream_version = p_expected_version;
        IF NOT FOUND THEN
          outcome := 'behind';
          SELECT coalesce(max(e.stream_version), 0) INTO stream_version FROM events e WHERE e.stream_id = p_stream_id;
          RETURN;
        END IF;
      ELSE
        SELECT e.stream_version, e.hash INTO v_current, v_hash FROM events e
         WHERE e.stream_id = p_stream_id ORDER BY e.stream_version DESC LIMIT 1;
        IF NOT FOUND THEN
          v_current := 0;
          v_hash := repeat('0', 64);
        END IF;
      END IF;

      FOR i IN 1 .. v_count LOOP
        v_hash := event_hash(v_hash, p_stream_id, v_current + i, p_types[i], p_data -> (i - 1),
          p_metadata -> (i - 1), p_business_times[i], v_recorded, p_keys[i]);
        v_hashes := v_hashes || v_hash;
      END LOOP;

      IF v_count = 1 THEN
        INSERT INTO events AS e (stream_id, stream_version, event_type, data, metadata, business_time,
                                 recorded_time, idempotency_key, hash)
        VALUES (p_stream_id, v_current + 1, p_types[1], p_data -> 0, p_metadata -> 0, p_business_times[1],
                v_recorded, p_keys[1], v_hash)
        RETURNING e.global_position INTO v_position;
        global_positions := ARRAY[v_position];
      ELSE
        WITH inserted AS (
          INSERT INTO events (stream_id, stream_version, event_type, data, metadata, business_time,
                              recorded_time, idempotency_key, hash)
          SELECT p_stream_id, v_current + n.i, p_types[n.i], p_data -> (n.i::int - 1),
                 p_metadata -> (n.i::int - 1), p_business_times[n.i], v_recorded, p_keys[n.i], n.hash
            FROM unnest(v_hashes) WITH ORDINALITY AS n(hash, i)
           ORDER BY n.i
          RETURNING events.global_position
        )
        SELECT array_agg(inserted.global_position ORDER BY inserted.global_position) INTO global_positions
          FROM inserted;
      END IF;

      outcome := 'appended';
      stream_version := v_current + v_count;
      transaction_id := pg_current_xact_id();
      recorded_time := v_recorded;
    END;
    $$`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS append_events(text, bigint, text[], jsonb, jsonb, timestamptz[], text[])`.execute(
    db,
  );
  await db.schema.dropTable('events').ifExists().execute();
  await sql`DROP FUNCTION IF EXISTS event_hash(text, text, bigint, text, jsonb, jsonb, timestamptz, timestamptz, text)`.execute(
    db,
  );
  await sql`DROP FUNCTION IF EXISTS events_append_only()`.execute(db);
}
