import { type Kysely, sql } from 'kysely';

/**
 * Subject keys wrapped with the deployment's key-encryption key (db/subject-key-wrapping.ts):
 * `kek_id` names the key that wrapped a row (60 bytes: iv, ciphertext, tag); rows from before keep
 * it null and their 32 bytes in clear until the worker wraps them at start (the migration has no
 * key-encryption key).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE subject_keys ADD COLUMN kek_id text`.execute(db);
  await sql`ALTER TABLE subject_keys DROP CONSTRAINT subject_keys_key_check`.execute(db);
  await sql`ALTER TABLE subject_keys ADD CONSTRAINT subject_keys_key_check CHECK (
    (kek_id IS NULL AND octet_length(key) = 32) OR (kek_id IS NOT NULL AND octet_length(key) = 60))`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM subject_keys WHERE kek_id IS NOT NULL`.execute(db);
  await sql`ALTER TABLE subject_keys DROP CONSTRAINT subject_keys_key_check`.execute(db);
  await sql`ALTER TABLE subject_keys DROP COLUMN kek_id`.execute(db);
  await sql`ALTER TABLE subject_keys ADD CONSTRAINT subject_keys_key_check CHECK (octet_length(key) = 32)`.execute(
    db,
  );
}
