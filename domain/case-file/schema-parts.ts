import { z } from 'zod';

/** Building blocks of the case file's schemas (`schema.ts`, `procedure-schema.ts`). */
export const At = z.string().describe('ISO 8601 instant');
export const By = z.string().nullable().describe('User id of whoever did it; null when the clock did it');
export const DocumentIds = z
  .array(z.string())
  .describe('Documents by SHA-256; their names and sizes are in the response’s `documents`');
export const Text = z.string();

/** Visible to DIM's staff, decision makers and the case's auditors; absent for the organisation. */
export const forDim = (description: string) => `${description} Absent for organisations.`;
/** Visible to DIM's staff and decision makers only. */
export const internal = (description: string) => `${description} Internal: staff and decision makers only.`;

export const DeadlineExtensionSchema = z.object({
  previousDueAt: At,
  newDueAt: At,
  reason: Text,
  at: At,
  by: By,
});

export type DeadlineExtension = z.infer<typeof DeadlineExtensionSchema>;
