import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decisionQueue } from '../../db/decision-queue';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { presentTask, TaskSchema } from '../presenters';

const QueuedDecisionSchema = TaskSchema.extend({
  waitingSince: z.iso
    .datetime({ offset: true })
    .nullable()
    .describe('Since when it waits: when the event that opened it happened'),
  holderName: z.string().nullable().describe('The decision maker who took it or was given it'),
  mayTake: z
    .boolean()
    .describe('The caller, a decision maker, may take it: nobody holds it and they did not audit the case'),
});

/** The decision queue of rule set 3: what waits for a decision maker, taken or not. */
export const decisionQueueRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  app.get(
    '/decision-queue',
    {
      config: { access: ['admin', 'staff', 'decision_maker'] },
      schema: {
        operationId: 'decisionQueue',
        summary: 'The decisions waiting for decision makers (Entscheidungen)',
        description:
          'Every open task of the decision makers (the decision on an accreditation, a lapsed ' +
          'deadline’s proposal, a suspension proposal, a reinstatement), longest waiting first: who ' +
          'holds it (null: in the queue, any decision maker who did not audit the case may take it ' +
          'with TakeDecision, or staff give it with AssignDecisionMaker) and since when it waits.',
        tags: ['tasks'],
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }).strict(),
        response: {
          200: z.object({ items: z.array(QueuedDecisionSchema) }),
          ...problemResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const now = new Date();
      const queue = await decisionQueue(db, request.query.limit);
      return {
        items: queue.map(({ task, since, holderName }) => ({
          ...presentTask(task, now),
          waitingSince: since,
          holderName,
          mayTake:
            user.role === 'decision_maker' &&
            (task.assignee_id === null || task.assignee_id === user.user_id) &&
            !task.excluded_user_ids.includes(user.user_id),
        })),
      };
    },
  );
};
