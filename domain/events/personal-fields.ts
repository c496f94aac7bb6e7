import { freeTexts } from './free-texts';

/**
 * Which event fields hold personal data of a subject (issue 22 item 6, crypto-shredding): the
 * store encrypts each with its subject's key before the append and decrypts it on every read; once
 * the key is deleted the field reads as `shreddedPlaceholder`. One list for the whole store.
 *
 * Only ever add entries: a field sealed under an entry that is gone would no longer be opened.
 * An organisation's name is sealed with the organisation's key; the free texts
 * (domain/events/free-texts.ts) with the key of the event's stream, the case or the complaint.
 * A complaint about an organisation the engine does not know has the name sealed with the
 * complaint's key, as no organisation's erasure could shred it.
 */

/** Keys of a field's path; `*` stands for each element of a list. */
export type FieldPath = readonly string[];
export type SubjectKind = 'organisation' | 'stream';

export interface PersonalField {
  eventType: string;
  /** Where the personal value stands in the event's data. */
  path: FieldPath;
  /**
   * Whose it is: an organisation, its id where `idAt` leads in the same event's data; or the
   * stream the event is appended to.
   */
  subject: { kind: 'organisation'; idAt: FieldPath } | { kind: 'stream' };
}

export const personalFields: readonly PersonalField[] = [
  {
    eventType: 'AccreditationOpened',
    path: ['organisationName'],
    subject: { kind: 'organisation', idAt: ['organisationId'] },
  },
  {
    eventType: 'ComplaintLodged',
    path: ['subject', 'organisationName'],
    subject: { kind: 'organisation', idAt: ['subject', 'organisationId'] },
  },
  ...Object.entries(freeTexts).flatMap(([eventType, paths]) =>
    paths.map((path) => ({ eventType, path: path.split('.'), subject: { kind: 'stream' as const } })),
  ),
];

/** What a field reads as once its subject's key is deleted. */
export const shreddedPlaceholder = '[gelöscht]';

/**
 * A sealed field as stored, and as it travels through Temporal (the API seals it before a step
 * leaves for the workflow): `{"$enc": "<key id>:<base64 of iv, ciphertext, tag>"}`.
 */
export interface SealedField {
  $enc: string;
}

export const isSealed = (value: unknown): value is SealedField =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { $enc?: unknown }).$enc === 'string' &&
  Object.keys(value).length === 1;

/** A personal value: sealed, or in clear (opened by the store, or from a history recorded before). */
export type PersonalText = string | SealedField;

/** What a sealed value reads as where nothing opens it: in the workflows, which hold no keys. */
export const sealedPlaceholder = '[verschlüsselt]';

/** The value in clear, or the placeholder when it is sealed. */
export const inClear = (value: PersonalText): string => (isSealed(value) ? sealedPlaceholder : value);

/** The key table's id of a subject. */
export const subjectId = (kind: SubjectKind, id: string) => `${kind}:${id}`;

const byEventType = new Map<string, PersonalField[]>();
for (const field of personalFields) {
  byEventType.set(field.eventType, [...(byEventType.get(field.eventType) ?? []), field]);
}

/** The personal fields of an event type (none for most). */
export const personalFieldsOf = (eventType: string): readonly PersonalField[] =>
  byEventType.get(eventType) ?? [];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const child = (value: unknown, key: string): unknown =>
  Array.isArray(value) ? value[Number(key)] : isRecord(value) ? value[key] : undefined;

/** The value at a path without `*` (undefined where the path leads nowhere). */
export function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const key of path) value = child(value, key);
  return value;
}

/** A copy of `data` with `value` at a path without `*`, which must lead to an existing field. */
export function withValueAt(data: unknown, path: FieldPath, value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (Array.isArray(data)) {
    const copy = [...data];
    copy[Number(key)] = withValueAt(data[Number(key)], rest, value);
    return copy;
  }
  if (!isRecord(data)) return data;
  return { ...data, [key]: withValueAt(data[key], rest, value) };
}

/** The paths without `*` that `path` stands for in `data`, each leading to a value. */
export function locationsOf(data: unknown, path: FieldPath, at: FieldPath = []): FieldPath[] {
  const [key, ...rest] = path;
  if (key === undefined) return data === undefined ? [] : [at];
  if (key === '*') {
    if (!Array.isArray(data)) return [];
    return data.flatMap((element, index) => locationsOf(element, rest, [...at, String(index)]));
  }
  return locationsOf(child(data, key), rest, [...at, key]);
}
