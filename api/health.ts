/**
 * Probes for a load balancer or orchestrator, public like any probe: `/health/live` says the
 * process answers; `/health/ready` checks what the API needs (see telemetry/readiness.ts) and
 * answers 503 problem+json naming what is down.
 */
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database';
import { checkReadiness, components, describeDown, type Readiness } from '../telemetry/readiness';
import { problemResponses } from './openapi';
import { ProblemError, problem } from './problems';

export interface HealthOptions {
  db: Kysely<Database>;
  temporal: Client;
  taskQueue: string;
  maxOutboxAgeSeconds?: number;
}

const ComponentCheck = z.object({ up: z.boolean(), detail: z.string() });
const Components = z.object(Object.fromEntries(components.map((name) => [name, ComponentCheck])));

const ReadinessSchema = z
  .object({
    status: z.enum(['ready']),
    components: Components,
    pollers: z.number().int().nullable(),
    outbox: z.object({ due: z.number().int(), oldestAgeSeconds: z.number() }).nullable(),
  })
  .describe('Every component up');

const present = (readiness: Readiness) => ({
  components: readiness.components,
  pollers: readiness.pollers,
  outbox: readiness.outbox,
});

export const healthRoutes: FastifyPluginAsyncZod<HealthOptions> = async (app, options) => {
  app.get(
    '/health/live',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'live',
        summary: 'The process answers',
        tags: ['operations'],
        response: { 200: z.object({ status: z.enum(['live']) }) },
      },
    },
    () => ({ status: 'live' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'ready',
        summary: 'PostgreSQL and Temporal answer, a worker polls, the outbox is being delivered',
        description:
          'Answers 503 (problem+json, type temporarily-unavailable) naming each component that is ' +
          'down in `detail` and `components`.',
        tags: ['operations'],
        response: { 200: ReadinessSchema, ...problemResponses(503) },
      },
    },
    async () => {
      const readiness = await checkReadiness({
        db: options.db,
        temporal: options.temporal.connection,
        namespace: options.temporal.options.namespace,
        taskQueue: options.taskQueue,
        maxOutboxAgeSeconds: options.maxOutboxAgeSeconds,
      });
      if (!readiness.ready) {
        throw new ProblemError(
          problem('unavailable', `Not ready: ${describeDown(readiness)}`, present(readiness)),
        );
      }
      return { status: 'ready' as const, ...present(readiness) };
    },
  );
};
