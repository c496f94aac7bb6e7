import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database';
import {
  accreditationStatus,
  findAccreditation,
  maySeeAccreditationWithId,
  seesEveryCase,
} from '../../db/read-model';
import type { StepCommand } from '../../domain/commands';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { IdempotencyHeaders, withIdempotencyKey } from '../idempotency';
import { problemResponses } from '../openapi';
import { AccreditationResponse, presentAccreditation } from '../presenters';
import { ProblemError, problem } from '../problems';
import { prepareStep } from '../step-preconditions';
import { stepRoutes } from '../step-routes';
import { executeCommand } from '../workflow-client';
import { accreditationSeenBy } from './case-file';
import { freezeDecisionDossier } from './decision-dossier';

/** A step's operation id: its command type in lower camel case. */
export const operationId = (type: string) => `${type.charAt(0).toLowerCase()}${type.slice(1)}`;

/**
 * One route per human command, generated from the step table: authenticate and authorise (role
 * from the domain's permits), check the case is visible to the caller, send the update, answer
 * with the case as the read model shows it afterwards.
 */
export const stepRoutesPlugin: FastifyPluginAsyncZod<ApiDependencies> = async (
  app,
  { db, temporal, stepTimeoutMs, idempotencyKeyHours },
) => {
  for (const step of stepRoutes) {
    app.post(
      `/accreditations/:id/${step.path}`,
      {
        config: { access: step.roles },
        schema: {
          operationId: operationId(step.type),
          summary: step.summary,
          description: `${step.summaryDe} — command \`${step.type}\`. Answers when the step is recorded, with the case as it is now.`,
          tags: ['steps'],
          params: z.object({ id: z.uuid() }),
          headers: IdempotencyHeaders,
          body: step.body,
          response: {
            200: AccreditationResponse,
            ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422, 429, 503),
          },
        },
      },
      async (request) => {
        const user = currentUser(request);
        const { id } = request.params;
        // For DIM's own roles there is nothing to check but existence, which the workflow answers (404).
        if (!seesEveryCase(user) && !(await maySeeAccreditationWithId(db, user, id))) {
          throw new ProblemError(problem('notFound', 'No such accreditation.'));
        }
        const outcome = await withIdempotencyKey(
          { db, idempotencyKeyHours },
          request,
          user,
          async (key, retryKey) => {
            // Checks that need the database (a real auditor, a free certificate number): 4xx, nothing sent.
            const prepared = await prepareStep(db, step.type, {
              accreditationId: id,
              actorId: user.user_id,
              data: request.body as Record<string, unknown>,
            });
            // A decision is taken on a dossier: the case file as the decision maker sees it, frozen.
            const decision = step.type === 'Grant' || step.type === 'Refuse';
            const data = decision
              ? { ...prepared, dossier: await freezeDecisionDossier(db, user, id) }
              : prepared;
            return executeCommand(
              temporal,
              id,
              {
                // Parsed once, by the route's body schema: the command's own data schema.
                command: { type: step.type, data } as StepCommand,
                actor: {
                  id: user.user_id,
                  role: user.role,
                  ...(user.organisation_id ? { organisationId: user.organisation_id } : {}),
                },
              },
              // Scoped to the user, so nobody can attach to someone else's update by guessing a key.
              { updateId: `${user.user_id}:${key}`, retryKey, timeoutMs: stepTimeoutMs },
            );
          },
        ).catch(async (error: unknown) => {
          throw await endedCaseConflict(db, id, error);
        });
        request.log.info(
          { accreditationId: id, command: step.type, version: outcome.version },
          'step recorded',
        );
        const detail = await findAccreditation(db, id);
        if (!detail) throw new Error(`Accreditation ${id} vanished from the read model`);
        return presentAccreditation(await accreditationSeenBy(db, user, detail));
      },
    );
  }
};

/**
 * The workflow of a case that has ended (refused, withdrawn, expired) is gone, so Temporal answers
 * "not found"; but the case exists — a step that lost the race against the decision that ended it,
 * say — and the caller is told so: 409 `case_ended`, not 404.
 */
async function endedCaseConflict(db: Kysely<Database>, id: string, error: unknown): Promise<unknown> {
  if (!(error instanceof ProblemError) || error.problem.status !== 404) return error;
  const status = await accreditationStatus(db, id);
  if (!status) return error;
  return new ProblemError(
    problem('conflict', `This accreditation has ended (${status}); no further step is possible.`, {
      code: 'case_ended',
    }),
  );
}
