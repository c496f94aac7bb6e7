import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allCatalogues, currentEdition, findCatalogue } from '../../domain/catalogue';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { ProblemError, problem } from '../problems';

const Text = z.object({ de: z.string().describe('The published wording'), en: z.string() });
const Entry = z.object({ id: z.string().describe('Stable id'), section: z.string(), text: Text });

const CatalogueResponse = z
  .object({
    edition: z.string(),
    current: z.boolean().describe('The edition new cases are opened under'),
    sections: z.array(z.object({ number: z.string(), title: Text, leadIn: Text.optional() })),
    requirements: z.array(Entry).describe('§4.1–4.4 and §6: what document review and audit assess'),
    applicationItems: z.array(Entry).describe('§5.1: what an application consists of'),
    auditElements: z
      .array(Entry.extend({ phase: z.enum(['document_review', 'audit']) }))
      .describe('§5.2: the elements of the assessment'),
    notes: z.array(z.object({ id: z.string(), section: z.string(), text: z.string() })),
  })
  .describe('A requirement catalogue edition, in German and English');

const present = (edition: string) => {
  const catalogue = findCatalogue(edition);
  if (!catalogue) throw new ProblemError(problem('notFound', `No catalogue edition ${edition}.`));
  return { ...catalogue, current: catalogue.edition === currentEdition };
};

/** The requirement catalogue: public, since organisations must know what they will be assessed on. */
export const catalogueRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app) => {
  app.get(
    '/catalogue',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listCatalogues',
        summary: 'The requirement catalogue, every edition (Anforderungskatalog)',
        tags: ['catalogue'],
        response: {
          200: z.object({ currentEdition: z.string(), editions: z.array(CatalogueResponse) }),
          ...problemResponses(429),
        },
      },
    },
    () => ({
      currentEdition,
      editions: allCatalogues().map((catalogue) => present(catalogue.edition)),
    }),
  );

  app.get(
    '/catalogue/:edition',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getCatalogue',
        summary: 'One edition of the requirement catalogue',
        description: 'The edition as a case names it, URL-encoded: `/catalogue/DIM%201002%3A2024`.',
        tags: ['catalogue'],
        params: z.object({ edition: z.string().min(1).max(100) }),
        response: { 200: CatalogueResponse, ...problemResponses(400, 404, 429) },
      },
    },
    (request) => present(request.params.edition),
  );
};
