import { type Kysely, sql } from 'kysely';

/**
 * One data key per subject for crypto-shredding (db/subject-keys.ts). A mutable table: a key is
 * made on the subject's first sealed field and deleted when the subject is erased; the
 * application may read, insert and delete (db/roles.ts), never change a key.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE subject_keys (
      subject_id text PRIMARY KEY,
      key_id text NOT NULL UNIQUE,
      key bytea NOT NULL CHECK (octet_length(key) = 32),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS subject_keys`.execute(db);
}
