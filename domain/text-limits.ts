import { z } from 'zod';

/**
 * The one place for the maximum sizes of what people type and of identifiers. Every boundary
 * schema (the API's bodies, queries and parameters; the commands and events) takes its strings
 * from here: each step's text stays in the case's history for years.
 */
export const maxLength = {
  /** Ids of cases, users, requirements, findings, documents … (UUIDs are 36). */
  id: 100,
  /** Names of organisations and people, labels, street, city. */
  name: 200,
  /** Descriptions, comments, reasons, answers, statements. */
  text: 10_000,
  /** A file name as uploaded. */
  filename: 255,
  /** A scope as the certificate states it. */
  scope: 2000,
  /** Entries of any list in one step (findings, results, reasons, document ids …). */
  listItems: 200,
} as const;

/**
 * What may not be typed, as regular expressions (not refinements) so that the OpenAPI document
 * states them as `pattern`: C0 and C1 controls; in names also the bidirectional embeddings,
 * overrides and isolates ("Trojan Source"). In free text line breaks and tabs are fine.
 */
const nameCharacter = '[^\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]';
/** What `trim()` takes off around a name: the space, the line breaks and tabs, Unicode's spaces. */
const blank = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
/** A name's character that is not blank: a name needs one, or it is empty once trimmed. */
const solid =
  '[^\\u0000-\\u0020\\u007f-\\u00a0\\u061c\\u1680\\u2000-\\u200a\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202f\\u205f\\u2066-\\u2069\\u3000\\ufeff]';
/**
 * Blanks, a name from its first to its last solid character, blanks. `blank` and `solid` share no
 * character, so a refused string costs one pass, not a backtracking search (an earlier pattern
 * whose parts overlapped took a second for a thousand spaces).
 */
const safeName = new RegExp(`^${blank}*${solid}(?:${nameCharacter}*${solid})?${blank}*$`);
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const safeText = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character refused
const noNul = /^[^\u0000]*$/;

/** No NUL (PostgreSQL text cannot hold it; the API refuses it in every field). */
export const IdSchema = z.string().min(1).max(maxLength.id).regex(noNul, 'NUL characters are not accepted');

/** Free text of a step: any line breaks, no other control characters. */
export const FreeTextSchema = z
  .string()
  .min(1)
  .max(maxLength.text)
  .regex(safeText, 'Control characters other than line breaks and tabs are not accepted');

/**
 * One line that ends up in the register, on certificates, in e-mail headers and calendar files:
 * no control characters (a CR/LF would start a new line there) and no bidirectional overrides
 * (which make a name read differently from what it is).
 */
export function singleLine(max: number = maxLength.name) {
  return z
    .string()
    .regex(
      safeName,
      'Something to read, in one line: no control characters, no bidirectional formatting characters',
    )
    .max(max)
    .trim()
    .min(1)
    .max(max);
}

export const NameSchema = singleLine();

/**
 * A personal field the API sealed with its subject's key before the step left for the workflow
 * (domain/events/personal-fields.ts): opaque to everything but the event store.
 */
export const SealedFieldSchema = z.strictObject({ $enc: z.string().max(4 * maxLength.text) });

/** An organisation's name as a command or event carries it: sealed, or in clear (recorded before). */
export const PersonalNameSchema = NameSchema.or(SealedFieldSchema);

/**
 * A file's name as uploaded: one line, and a name, not a path (no `/` or `\`, not `.` or `..`),
 * since it comes back in Content-Disposition headers and in the entries of downloaded archives.
 */
export const FileNameSchema = singleLine(maxLength.filename).refine(
  (value) => !/[/\\]/.test(value) && value !== '.' && value !== '..',
  'A file name, not a path: no / or \\, not . or ..',
);

/** A list in one step, at most `maxLength.listItems` long. */
export const boundedList = <Item extends z.ZodType>(item: Item) => z.array(item).max(maxLength.listItems);

/** The scope of an accreditation, as its certificate states it (line breaks allowed). */
export const ScopeSchema = FreeTextSchema.trim().max(maxLength.scope);

/** An e-mail address: at most 254 characters, the part before the @ at most 64 (RFC 5321). */
export const EmailSchema = z
  .email()
  .max(254)
  // Only where there is an @: an address without one is refused once, by `.email()`.
  .regex(/^(?:[^@]{1,64}@|[^@]*$)/, 'The part before the @ has at most 64 characters');
