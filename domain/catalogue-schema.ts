import { z } from 'zod';
import type { Catalogue } from './catalogue';
import { DurationSchema } from './time-schemas';

const TextSchema = z.object({ de: z.string().min(1), en: z.string().min(1) });

const SectionSchema = z.object({
  number: z.string().min(1),
  title: TextSchema,
  leadIn: TextSchema.optional(),
});

const CatalogueEntrySchema = z.object({
  id: z.string().min(1),
  section: z.string().min(1),
  text: TextSchema,
});

const AuditElementSchema = CatalogueEntrySchema.extend({
  phase: z.enum(['document_review', 'audit']),
});

const PolicyLimitSchema = z.object({
  field: z.enum([
    'certificateValidity',
    'selfAssessmentInterval',
    'maximumSuspension',
    'appealWindow',
    'appealDecisionDeadline',
  ]),
  atMost: DurationSchema,
  section: z.string().min(1),
});

const NoteSchema = z.object({ id: z.string().min(1), section: z.string().min(1), text: z.string().min(1) });

/** The rules a catalogue edition must keep; checked for every edition by the tests. */
export const CatalogueSchema = z
  .object({
    edition: z.string().min(1),
    sections: z.array(SectionSchema),
    requirements: z.array(CatalogueEntrySchema).min(1),
    applicationItems: z.array(CatalogueEntrySchema).min(1),
    auditElements: z.array(AuditElementSchema).min(1),
    technicalAreas: z.array(CatalogueEntrySchema),
    policyLimits: z.array(PolicyLimitSchema),
    notes: z.array(NoteSchema),
  })
  .superRefine((catalogue, context) => {
    const ids = [
      ...catalogue.requirements,
      ...catalogue.applicationItems,
      ...catalogue.auditElements,
      ...catalogue.technicalAreas,
      ...catalogue.notes,
    ].map((entry) => entry.id);
    for (const id of new Set(ids.filter((id, index) => ids.indexOf(id) !== index))) {
      context.addIssue({ code: 'custom', message: `Duplicate catalogue id ${id}` });
    }
    const sectionNumbers = new Set(catalogue.sections.map((section) => section.number));
    for (const entry of [
      ...catalogue.requirements,
      ...catalogue.applicationItems,
      ...catalogue.auditElements,
      ...catalogue.technicalAreas,
    ]) {
      if (!sectionNumbers.has(entry.section)) {
        context.addIssue({
          code: 'custom',
          message: `${entry.id} refers to unknown section ${entry.section}`,
        });
      }
    }
    const limited = catalogue.policyLimits.map((limit) => limit.field);
    for (const field of new Set(limited.filter((field, index) => limited.indexOf(field) !== index))) {
      context.addIssue({ code: 'custom', message: `Two policy limits for ${field}` });
    }
    if (!catalogue.auditElements.some((element) => element.phase === 'audit')) {
      context.addIssue({
        code: 'custom',
        message: 'A catalogue needs at least one audit element of the audit phase',
      });
    }
  }) satisfies z.ZodType<Catalogue>;
