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

/** C0 and C1 controls and the bidirectional embeddings, overrides and isolates ("Trojan Source"). */
const unsafeInNames = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** In free text line breaks and tabs are fine; other controls are not. */
const unsafeInText = /(?![\t\n\r])\p{Cc}/u;

export const IdSchema = z.string().min(1).max(maxLength.id);

/** Free text of a step: any line breaks, no other control characters. */
export const FreeTextSchema = z
  .string()
  .min(1)
  .max(maxLength.text)
  .refine(
    (value) => !unsafeInText.test(value),
    'Control characters other than line breaks and tabs are not accepted',
  );

/**
 * One line that ends up in the register, on certificates, in e-mail headers and calendar files:
 * no control characters (a CR/LF would start a new line there) and no bidirectional overrides
 * (which make a name read differently from what it is).
 */
export function singleLine(max: number = maxLength.name) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(
      (value) => !unsafeInNames.test(value),
      'Control characters and bidirectional formatting characters are not accepted',
    );
}

export const NameSchema = singleLine();

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
