/**
 * A complainant's data (DSGVO Art. 15 and 17), for an administrator acting on their request: the
 * contact record and the complaints they lodged; erasure replaces name and address, the complaint's
 * events (which carry only the id) and their hash chain stay as they are.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { complainantData, eraseComplainant } from '../../db/complainants';
import { IdSchema } from '../../domain/text-limits';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { NoContent, problemResponses, sendNoContent } from '../openapi';
import { ProblemError, problem } from '../problems';

const when = z.iso.datetime({ offset: true });
const ComplainantDataSchema = z
  .object({
    contact: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      language: z.string(),
      createdAt: when,
      erasedAt: when.nullable(),
    }),
    complaints: z.array(
      z.object({
        id: z.string(),
        status: z.string(),
        organisationName: z.string().nullable(),
        text: z.string(),
        receivedAt: when,
      }),
    ),
  })
  .describe('Everything held about a complainant (Auskunft nach Art. 15 DSGVO)');

const notFound = () => new ProblemError(problem('notFound', 'No such complainant.'));

export const complainantRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  app.get(
    '/complainants/:id/personal-data',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'exportComplainantData',
        summary: 'Everything held about a complainant (Auskunft nach Art. 15 DSGVO)',
        tags: ['complaints'],
        params: z.object({ id: IdSchema }),
        response: { 200: ComplainantDataSchema, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const held = await complainantData(db, request.params.id);
      if (!held) throw notFound();
      request.log.info(
        { complainantId: request.params.id, by: currentUser(request).user_id },
        'complainant data exported',
      );
      reply.header('cache-control', 'no-store');
      const { contact, complaints } = held;
      return {
        contact: {
          id: contact.complainant_id,
          name: contact.name,
          email: contact.email,
          language: contact.language,
          createdAt: contact.created_at.toISOString(),
          erasedAt: contact.erased_at ? contact.erased_at.toISOString() : null,
        },
        complaints: complaints.map((complaint) => ({
          id: complaint.complaint_id,
          status: complaint.status,
          organisationName: complaint.organisation_name,
          text: complaint.text,
          receivedAt: complaint.received_at.toISOString(),
        })),
      };
    },
  );

  app.delete(
    '/complainants/:id/personal-data',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'eraseComplainantData',
        summary: 'Erase a complainant’s name and address (Löschung nach Art. 17 DSGVO)',
        description: 'No mail reaches them afterwards; the complaints stay, naming nobody.',
        tags: ['complaints'],
        params: z.object({ id: IdSchema }),
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      if (!(await eraseComplainant(db, request.params.id, new Date()))) throw notFound();
      request.log.info(
        { complainantId: request.params.id, by: currentUser(request).user_id },
        'complainant data erased',
      );
      return sendNoContent(reply, 204);
    },
  );
};
