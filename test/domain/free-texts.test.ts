/**
 * The free texts sealed with their stream's key (domain/events/free-texts.ts) are every free text
 * of the case events' schemas, but for the few that state what is certified: a `Text` field added
 * to an event is sealed, or this test names it.
 */

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AccreditationEventSchema } from '../../domain/events';
import { freeTexts } from '../../domain/events/free-texts';
import { personalFields } from '../../domain/events/personal-fields';
import { FreeTextSchema } from '../../domain/text-limits';

/** What the register and the certificate state, and a refusal's rule: not what people wrote. */
const notFreeTexts = [
  'AccreditationOpened:organisationName', // sealed with the organisation's own key
  'AccreditationOpened:scope',
  'AccreditationOpened:edition',
  'ApplicationRejected:rule',
  'AccreditationRefused:rule',
  'ScopeChangeApplied:scope',
  'ScopeChangeApplied:previousScope',
  'ScopeChangeDecided:scope',
  'ScopeChangeDecided:previousScope',
];

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The dotted paths (`*` for each element) of every `Text` in `schema`. */
function textPaths(schema: z.ZodType, at: string[] = []): string[] {
  if (schema === FreeTextSchema) return [at.join('.')];
  const def = defOf(schema);
  if (def.type === 'object' && def.shape)
    return Object.entries(def.shape).flatMap(([key, field]) => textPaths(field, [...at, key]));
  if (def.type === 'array' && def.element) return textPaths(def.element, [...at, '*']);
  if (def.innerType) return textPaths(def.innerType, at);
  if (def.options) return [...new Set(def.options.flatMap((option) => textPaths(option, at)))];
  return [];
}

const schemaTexts = AccreditationEventSchema.options.flatMap((option) => {
  const type = option.shape.type.value;
  return textPaths(option.shape.data).map((path) => `${type}:${path}`);
});

describe('free texts', () => {
  it('are every Text field of the case events but what is certified', () => {
    expect(schemaTexts.length).toBeGreaterThan(40);
    const listed = Object.entries(freeTexts).flatMap(([type, paths]) =>
      paths.map((path) => `${type}:${path}`),
    );
    expect(schemaTexts.filter((text) => !notFreeTexts.includes(text)).sort()).toEqual(
      listed.filter((text) => schemaTexts.includes(text)).sort(),
    );
    // The rest of the list are the complaints of their own, whose events have no zod schema.
    expect(listed.filter((text) => !schemaTexts.includes(text)).sort()).toEqual([
      'ComplaintFollowUpRecorded:detail',
      'ComplaintLodged:subject.organisationName',
      'ComplaintLodged:text',
      'ComplaintResolved:reasons',
    ]);
  });

  it('are sealed with their stream’s key, after any organisation’s key for the same field', () => {
    const lodged = personalFields.filter((field) => field.eventType === 'ComplaintLodged');
    expect(lodged.map((field) => [field.path.join('.'), field.subject.kind])).toEqual([
      ['subject.organisationName', 'organisation'],
      ['text', 'stream'],
      ['subject.organisationName', 'stream'],
    ]);
  });
});
