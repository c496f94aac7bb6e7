/**
 * The subject keys wrapped (issue 22): `subject_keys` holds each key encrypted with a
 * key-encryption key (AES-256-GCM, bound to the subject and key id) from the deployment's
 * configuration (SUBJECT_KEY_ENCRYPTION_KEY[_FILE], config/keys.ts), never in the database, so a
 * copy of the database (a backup) opens no sealed field. `kek_id` names the key that wrapped a row;
 * rows from before (`kek_id` null) hold the key in clear and are read as they are until
 * `wrapLegacySubjectKeys` (the worker runs it at start) wraps them. A key that does not unwrap (a
 * wrong or missing key-encryption key) stops the read: it must not read as erased.
 *
 * The ring is the process's: read from the environment on first use (every process that reads or
 * writes events would otherwise have to pass it down to the event store), or set by
 * `useSubjectKeyEncryptionKeys` (tests).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Generated, Kysely } from 'kysely';
import { loadSubjectKeyEncryptionKeys } from '../config/keys';
import type { PayloadKeyRing } from '../config/payload-encryption';
import type { Database } from './database';

export type SubjectKeyTables = {
  subject_keys: {
    subject_id: string;
    key_id: string;
    /** Wrapped (iv, ciphertext, tag: 60 bytes), or 32 bytes in clear where `kek_id` is null. */
    key: Buffer;
    kek_id: string | null;
    created_at: Generated<Date>;
  };
};

export const subjectKeyTable = (db: Kysely<Database>) => db.withTables<SubjectKeyTables>();

const cipher = 'aes-256-gcm';
const ivLength = 12;
const tagLength = 16;

let configured: PayloadKeyRing | undefined;

/** The key-encryption keys of this process from now on (tests; otherwise read from the environment). */
export function useSubjectKeyEncryptionKeys(ring: PayloadKeyRing | undefined): void {
  configured = ring;
}

function ring(): PayloadKeyRing {
  configured ??= loadSubjectKeyEncryptionKeys({
    DATA_DIR: process.env.DATA_DIR,
    SUBJECT_KEY_ENCRYPTION_KEY: process.env.SUBJECT_KEY_ENCRYPTION_KEY,
    SUBJECT_KEY_ENCRYPTION_KEY_FILE: process.env.SUBJECT_KEY_ENCRYPTION_KEY_FILE,
  });
  return configured;
}

export class SubjectKeyUnwrapError extends Error {}

/** Binds a wrapped key to its row: it cannot be moved to another subject or key id. */
const associatedData = (subjectId: string, keyId: string) => Buffer.from(`${subjectId}/${keyId}`);

/** The key as stored: wrapped with the current key-encryption key. */
export function wrapSubjectKey(
  subjectId: string,
  keyId: string,
  key: Buffer,
): { key: Buffer; kek_id: string } {
  const { current } = ring();
  const iv = randomBytes(ivLength);
  const encipher = createCipheriv(cipher, current.key, iv).setAAD(associatedData(subjectId, keyId));
  const wrapped = Buffer.concat([iv, encipher.update(key), encipher.final(), encipher.getAuthTag()]);
  return { key: wrapped, kek_id: current.id };
}

/** The key of a stored row; throws when its key-encryption key is missing or wrong. */
export function unwrapSubjectKey(row: {
  subject_id: string;
  key_id: string;
  key: Buffer;
  kek_id: string | null;
}): Buffer {
  if (row.kek_id === null) return row.key;
  const { current, previous } = ring();
  const kek = [current, ...previous].find((candidate) => candidate.id === row.kek_id);
  if (!kek) {
    throw new SubjectKeyUnwrapError(
      `subject key ${row.key_id} is wrapped with key-encryption key ${row.kek_id}, which is not configured`,
    );
  }
  try {
    const decipher = createDecipheriv(cipher, kek.key, row.key.subarray(0, ivLength)).setAAD(
      associatedData(row.subject_id, row.key_id),
    );
    decipher.setAuthTag(row.key.subarray(row.key.length - tagLength));
    return Buffer.concat([
      decipher.update(row.key.subarray(ivLength, row.key.length - tagLength)),
      decipher.final(),
    ]);
  } catch {
    throw new SubjectKeyUnwrapError(
      `subject key ${row.key_id} does not unwrap with key-encryption key ${row.kek_id}: wrong key?`,
    );
  }
}

/**
 * Wraps the keys stored in clear (from before wrapping) with the current key-encryption key; the
 * application may not change a row, so each is deleted and inserted again, wrapped, in one
 * transaction. Answers how many it wrapped; idempotent.
 */
export async function wrapLegacySubjectKeys(db: Kysely<Database>): Promise<number> {
  const rows = await subjectKeyTable(db)
    .selectFrom('subject_keys')
    .select(['subject_id', 'key_id', 'key', 'created_at'])
    .where('kek_id', 'is', null)
    .execute();
  let wrapped = 0;
  for (const row of rows) {
    await subjectKeyTable(db)
      .transaction()
      .execute(async (trx) => {
        const deleted = await trx
          .deleteFrom('subject_keys')
          .where('subject_id', '=', row.subject_id)
          .where('kek_id', 'is', null)
          .executeTakeFirst();
        if (deleted.numDeletedRows === 0n) return; // shredded or wrapped meanwhile
        await trx
          .insertInto('subject_keys')
          .values({
            subject_id: row.subject_id,
            key_id: row.key_id,
            created_at: row.created_at,
            ...wrapSubjectKey(row.subject_id, row.key_id, row.key),
          })
          .execute();
        wrapped++;
      });
  }
  return wrapped;
}
