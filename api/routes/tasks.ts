import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tasksForUser } from '../../db/read-model';
import { userRoles } from '../../domain/roles';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { presentTask, TaskSchema } from '../presenters';

export const taskRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  app.get(
    '/tasks',
    {
      config: { access: userRoles },
      schema: {
        operationId: 'listMyTasks',
        summary: 'My task inbox (Meine Aufgaben)',
        description:
          'Open tasks assigned to the caller (for organisations: to their organisation) and those any holder ' +
          'of the caller’s role may take, earliest due first. Decision makers never see decisions on cases ' +
          'they audited. `all=true` shows staff and administrators every open task.',
        tags: ['tasks'],
        querystring: z
          .object({
            all: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(200),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(TaskSchema) }), ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const now = new Date();
      const rows = await tasksForUser(db, currentUser(request), {
        all: request.query.all === 'true',
        limit: request.query.limit,
      });
      return { items: rows.map((row) => presentTask(row, now)) };
    },
  );
};
