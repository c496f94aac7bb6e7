import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { competencesOf, replaceCompetences } from '../../db/auditors';
import { findUser } from '../../db/identity';
import { technicalAreaIds } from '../../domain/catalogue';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { ProblemError, problem } from '../problems';

const Competences = z
  .object({
    userId: z.string(),
    technicalAreas: z.array(z.enum(technicalAreaIds)),
  })
  .describe('The technical areas (fields of application, §2) an auditor is competent in');

const params = z.object({ id: z.string().min(1).max(100) });

/**
 * Auditors' competences, kept by staff: a policy with `requireAuditorCompetence` assigns only
 * auditors competent in every technical area of the case.
 */
export const competenceRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  const auditor = async (userId: string) => {
    const user = await findUser(db, userId);
    if (!user) throw new ProblemError(problem('notFound', 'No such user.'));
    if (user.role !== 'auditor') {
      throw new ProblemError(
        problem('conflict', `${user.name} is not an auditor (role ${user.role}).`, {
          code: 'not_an_auditor',
        }),
      );
    }
    return user;
  };

  app.get(
    '/users/:id/competences',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'auditorCompetences',
        summary: 'An auditor’s competences (Kompetenzen eines Auditors)',
        tags: ['users'],
        params,
        response: { 200: Competences, ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const user = await auditor(request.params.id);
      return { userId: user.user_id, technicalAreas: await competencesOf(db, user.user_id) };
    },
  );

  app.put(
    '/users/:id/competences',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'setAuditorCompetences',
        summary: 'Record an auditor’s competences (Kompetenzen eines Auditors festhalten)',
        description: 'Replaces the list; an empty list records none.',
        tags: ['users'],
        params,
        body: z
          .object({ technicalAreas: z.array(z.enum(technicalAreaIds)).max(technicalAreaIds.length) })
          .strict(),
        response: { 200: Competences, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 429) },
      },
    },
    async (request) => {
      const user = await auditor(request.params.id);
      await replaceCompetences(db, user.user_id, request.body.technicalAreas);
      request.log.info(
        { auditorId: user.user_id, technicalAreas: request.body.technicalAreas },
        'competences recorded',
      );
      return { userId: user.user_id, technicalAreas: await competencesOf(db, user.user_id) };
    },
  );
};
