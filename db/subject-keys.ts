/**
 * Crypto-shredding (issue 22 item 6): one AES-256-GCM data key per subject (an organisation; a
 * stream, for its free texts) in the mutable table `subject_keys`, wrapped with the deployment's
 * key-encryption key (db/subject-key-wrapping.ts). The event store seals the personal fields of
 * domain/events/personal-fields.ts with the subject's key before an append, so the hash chain is
 * computed over the ciphertext, and opens them on every read. Deleting the key (`shredSubject`)
 * leaves the events and their hashes as they are; the fields then read as the placeholder, in a
 * projection rebuild too. Events appended before this existed hold their fields in clear and read
 * as they are.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type FieldPath,
  isSealed,
  locationsOf,
  type PersonalField,
  type PersonalText,
  personalFieldsOf,
  type SealedField,
  type SubjectKind,
  shreddedPlaceholder,
  subjectId,
  valueAt,
  withValueAt,
} from '../domain/events/personal-fields';
import type { Database } from './database';
import { subjectKeyTable, unwrapSubjectKey, wrapSubjectKey } from './subject-key-wrapping';

const keyTable = subjectKeyTable;

const cipher = 'aes-256-gcm';
const ivLength = 12;
const tagLength = 16;

interface SubjectKey {
  id: string;
  key: Buffer;
}

/** The subject's key, made on its first use (stored wrapped, db/subject-key-wrapping.ts). */
async function keyOf(db: Kysely<Database>, subject: string): Promise<SubjectKey> {
  const read = () =>
    keyTable(db)
      .selectFrom('subject_keys')
      .select(['subject_id', 'key_id', 'key', 'kek_id'])
      .where('subject_id', '=', subject);
  const made = () => {
    const id = randomBytes(12).toString('base64url');
    return { subject_id: subject, key_id: id, ...wrapSubjectKey(subject, id, randomBytes(32)) };
  };
  // No UPDATE for the application (a key is made or deleted, never changed): read, else insert,
  // else (another append made it meanwhile) read again.
  const row =
    (await read().executeTakeFirst()) ??
    (await keyTable(db)
      .insertInto('subject_keys')
      .values(made())
      .onConflict((conflict) => conflict.column('subject_id').doNothing())
      .returning(['subject_id', 'key_id', 'key', 'kek_id'])
      .executeTakeFirst()) ??
    (await read().executeTakeFirstOrThrow());
  return { id: row.key_id, key: unwrapSubjectKey(row) };
}

/**
 * Streams' keys this process used lately, so that an append with a free text costs no extra query
 * (`npm run bench -- append`: sealing took 41 % of such an append's rate without, 6 % with). Only
 * streams' keys: a stream's key is deleted once nothing is appended to it any more (its case or
 * complaint ended and erased), while an organisation may be named again after its erasure.
 * `shredSubject` forgets a deleted key here; another process (or handle) keeping it would only
 * seal an append nobody makes. Only keys read or made outside a transaction are kept: one a
 * transaction made may be rolled back. Kept per database handle: a test may run two databases
 * whose streams have the same ids.
 */
const streamKeysOf = new WeakMap<Kysely<Database>, Map<string, SubjectKey>>();
const maxStreamKeys = 10_000;

async function streamKeyOf(db: Kysely<Database>, subject: string): Promise<SubjectKey> {
  const streamKeys = streamKeysOf.get(db) ?? new Map<string, SubjectKey>();
  const cached = streamKeys.get(subject);
  if (cached) {
    streamKeys.delete(subject);
    streamKeys.set(subject, cached);
    return cached;
  }
  const key = await keyOf(db, subject);
  if (db.isTransaction) return key;
  streamKeysOf.set(db, streamKeys);
  streamKeys.set(subject, key);
  if (streamKeys.size > maxStreamKeys) streamKeys.delete(streamKeys.keys().next().value as string);
  return key;
}

/** Binds a ciphertext to its event type and field, so it cannot be moved to another. */
const associatedData = (field: PersonalField) => Buffer.from(`${field.eventType}/${field.path.join('.')}`);

function seal(value: unknown, key: SubjectKey, field: PersonalField): SealedField {
  const iv = randomBytes(ivLength);
  const encipher = createCipheriv(cipher, key.key, iv).setAAD(associatedData(field));
  const sealed = Buffer.concat([encipher.update(JSON.stringify(value), 'utf8'), encipher.final()]);
  return { $enc: `${key.id}:${Buffer.concat([iv, sealed, encipher.getAuthTag()]).toString('base64')}` };
}

function open(sealed: SealedField, keys: ReadonlyMap<string, Buffer>, field: PersonalField): unknown {
  const [keyId, text] = sealed.$enc.split(':');
  const key = keys.get(keyId ?? '');
  if (!key || !text) return shreddedPlaceholder;
  const bytes = Buffer.from(text, 'base64');
  const decipher = createDecipheriv(cipher, key, bytes.subarray(0, ivLength)).setAAD(associatedData(field));
  decipher.setAuthTag(bytes.subarray(bytes.length - tagLength));
  const plain = Buffer.concat([
    decipher.update(bytes.subarray(ivLength, bytes.length - tagLength)),
    decipher.final(),
  ]);
  return JSON.parse(plain.toString('utf8'));
}

/** The subject whose key seals `field` in `data`, or none (the field then stays in clear). */
function subjectOf(field: PersonalField, data: unknown, streamId: string | undefined): string | undefined {
  if (field.subject.kind === 'stream') return streamId && subjectId('stream', streamId);
  const id = valueAt(data, field.subject.idAt);
  return typeof id === 'string' && id !== '' ? subjectId('organisation', id) : undefined;
}

/**
 * The data of each event as the store keeps it: its personal fields sealed with their subjects'
 * keys (made when missing, in `db`'s transaction when it is one). Free texts are sealed only where
 * the stream is known. Events without any come back as they are, the very same objects.
 */
export async function sealPersonalFields(
  db: Kysely<Database>,
  events: readonly { type: string; data?: unknown }[],
  streamId?: string,
): Promise<unknown[]> {
  const sealed: unknown[] = [];
  const keys = new Map<string, SubjectKey>();
  for (const event of events) {
    let data: unknown = event.data ?? null;
    for (const field of personalFieldsOf(event.type)) {
      for (const location of locationsOf(data, field.path)) {
        const value = valueAt(data, location);
        if (value === null || isSealed(value)) continue;
        const subject = subjectOf(field, data, streamId);
        if (subject === undefined) continue;
        const key =
          keys.get(subject) ??
          (await (field.subject.kind === 'stream' ? streamKeyOf(db, subject) : keyOf(db, subject)));
        keys.set(subject, key);
        data = withValueAt(data, location, seal(value, key, field));
      }
    }
    sealed.push(data);
  }
  return sealed;
}

/**
 * The value at `path` of an event yet to be decided, sealed as the store would seal it (in clear
 * when it names no subject). The API seals a step's personal fields before the step leaves for its
 * workflow, so Temporal histories hold them only under the subject's key; the store keeps a field
 * that arrives sealed as it is.
 */
export async function sealedAhead(
  db: Kysely<Database>,
  event: { type: string; data: unknown },
  path: FieldPath,
): Promise<PersonalText> {
  const [sealed] = await sealPersonalFields(db, [event]);
  return valueAt(sealed, path) as PersonalText;
}

/** Where an event's data holds a sealed field, with the field (one per path). */
function sealedLocations(type: string, data: unknown): { field: PersonalField; location: FieldPath }[] {
  const paths = new Set<string>();
  return personalFieldsOf(type).flatMap((field) => {
    const path = field.path.join('.');
    if (paths.has(path)) return [];
    paths.add(path);
    return locationsOf(data, field.path)
      .filter((location) => isSealed(valueAt(data, location)))
      .map((location) => ({ field, location }));
  });
}

/**
 * The items with their events' sealed fields opened: one query for the keys of all of them; a
 * field whose key is deleted reads as the placeholder. Items without sealed fields come back as
 * they are. With `only`, the fields sealed with another kind of subject's key stay sealed.
 */
export async function openPersonalFields<T extends { data: unknown }>(
  db: Kysely<Database>,
  items: readonly T[],
  typeOf: (item: T) => string,
  options: { only?: SubjectKind } = {},
): Promise<T[]> {
  const found = items.map((item) => sealedLocations(typeOf(item), item.data));
  const keyIds = new Set<string>();
  found.forEach((locations, index) => {
    for (const { location } of locations) {
      const sealed = valueAt(items[index]?.data, location) as SealedField;
      keyIds.add(sealed.$enc.split(':')[0] ?? '');
    }
  });
  if (keyIds.size === 0) return [...items];
  let query = keyTable(db)
    .selectFrom('subject_keys')
    .select(['subject_id', 'key_id', 'key', 'kek_id'])
    .where('key_id', 'in', [...keyIds]);
  if (options.only) query = query.where('subject_id', 'like', `${options.only}:%`);
  const keys = new Map((await query.execute()).map((row) => [row.key_id, unwrapSubjectKey(row)]));
  const kept = (sealed: SealedField) =>
    options.only !== undefined && !keys.has(sealed.$enc.split(':')[0] ?? '');
  return items.map((item, index) => {
    const locations = found[index] ?? [];
    if (locations.length === 0) return item;
    let data = item.data;
    for (const { field, location } of locations) {
      const sealed = valueAt(data, location) as SealedField;
      if (!kept(sealed)) data = withValueAt(data, location, open(sealed, keys, field));
    }
    return { ...item, data };
  });
}

/**
 * Deletes the subject's key: every field sealed with it reads as the placeholder from now on,
 * wherever it is read. True when there was a key.
 */
export async function shredSubject(db: Kysely<Database>, kind: SubjectKind, id: string): Promise<boolean> {
  streamKeysOf.get(db)?.delete(subjectId(kind, id));
  const deleted = await keyTable(db)
    .deleteFrom('subject_keys')
    .where('subject_id', '=', subjectId(kind, id))
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}
