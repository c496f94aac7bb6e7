/**
 * An organisation's data erased on its request (Art. 17 DSGVO), by an administrator acting on it
 * (db/erasure-on-request.ts): refused while one of its cases still runs.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eraseOrganisationOnRequest } from '../../db/erasure-on-request';
import { asUser } from '../../db/identity-events';
import { IdSchema } from '../../domain/text-limits';
import { accreditationWorkflowId } from '../../workflows/messages';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { ProblemError, problem } from '../problems';
import { deleteClosedHistories } from '../workflow-histories';

const ErasureSchema = z
  .object({
    cases: z.array(z.string()).describe('The cases whose organisation name was erased'),
    documents: z.number().int().describe('Documents deleted'),
    accounts: z.number().int().describe('Accounts of the organisation’s people erased'),
  })
  .describe('What the erasure removed');

export const organisationRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (
  app,
  { db, documents, temporal },
) => {
  app.post(
    '/organisations/:id/erasure',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'eraseOrganisation',
        summary: 'Erase an organisation’s data on its request (Löschung nach Art. 17 DSGVO)',
        description:
          'Its name is erased from its cases, the register, the case files and every event naming it ' +
          '(its key is deleted), the free texts of its cases (their keys are deleted), its cases’ workflow ' +
          'histories, its documents and its people’s accounts are deleted, its master data ' +
          'anonymised; who erased it and when is recorded. Refused (409 organisation_has_running_cases) ' +
          'while a case of it still runs: a running certification needs its data.',
        tags: ['users'],
        params: z.object({ id: IdSchema }),
        response: { 200: ErasureSchema, ...problemResponses(400, 401, 403, 404, 409, 429, 503) },
      },
    },
    async (request) => {
      const actor = currentUser(request);
      const erasure = await eraseOrganisationOnRequest(db, request.params.id, {
        actor: asUser(actor),
        now: new Date(),
        storage: documents,
        deleteElsewhere: async (accreditationIds) => {
          const workflowIds = accreditationIds.map(accreditationWorkflowId);
          const { running } = await deleteClosedHistories(temporal, workflowIds).catch((error: unknown) => {
            request.log.warn({ error: String(error) }, 'workflow histories not deleted');
            throw new ProblemError(
              problem(
                'unavailable',
                'The workflow service did not answer; nothing was erased. Repeat the request.',
              ),
            );
          });
          return accreditationIds.filter((id) => running.includes(accreditationWorkflowId(id)));
        },
      });
      switch (erasure.outcome) {
        case 'not_found':
          throw new ProblemError(problem('notFound', 'No such organisation.'));
        case 'already_erased':
          throw new ProblemError(
            problem('conflict', 'The organisation’s data is erased already.', {
              code: 'organisation_already_erased',
            }),
          );
        case 'running_cases':
          throw new ProblemError(
            problem(
              'conflict',
              `${erasure.cases.length} case(s) of the organisation still run; a running certification needs its data.`,
              { code: 'organisation_has_running_cases', cases: erasure.cases },
            ),
          );
        case 'erased': {
          const { cases, documents: deleted, accounts } = erasure;
          request.log.info(
            { organisationId: request.params.id, by: actor.user_id, cases: cases.length },
            'organisation data erased',
          );
          return { cases, documents: deleted, accounts };
        }
      }
    },
  );
};
