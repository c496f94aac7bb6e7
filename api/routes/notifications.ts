import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { failedNotifications, notificationCounts, setNotificationDigest } from '../../db/notifications';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';

const statuses = ['pending', 'sent', 'failed', 'held', 'digested', 'expanded'] as const;

const OutboxHealth = z.object({
  counts: z.record(z.enum(statuses), z.number().int()),
  failed: z.array(
    z.object({
      notificationId: z.string(),
      accreditationId: z.string().nullable(),
      organisationName: z.string().nullable(),
      kind: z.string(),
      recipientRole: z.string(),
      recipientId: z.string().nullable(),
      error: z.string().nullable(),
      attempts: z.number().int(),
      createdAt: z.iso.datetime({ offset: true }),
    }),
  ),
});

/** The notification outbox as the staff dashboard shows it, and each person's digest setting. */
export const notificationRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  app.get(
    '/notifications/health',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'notificationHealth',
        summary: 'Outbox counts and undeliverable notifications (Benachrichtigungen: Zustellstatus)',
        tags: ['notifications'],
        querystring: z
          .object({
            accreditationId: z.uuid().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          })
          .strict(),
        response: { 200: OutboxHealth, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const [counts, failed] = await Promise.all([
        notificationCounts(db),
        failedNotifications(db, request.query),
      ]);
      return { counts, failed: failed.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })) };
    },
  );

  app.put(
    '/me/notification-digest',
    {
      config: { access: ['admin', 'staff', 'decision_maker', 'auditor'] },
      schema: {
        operationId: 'setNotificationDigest',
        summary: 'One daily summary instead of one mail per item (Tägliche Zusammenfassung)',
        tags: ['notifications'],
        body: z.object({ enabled: z.boolean() }).strict(),
        response: { 200: z.object({ enabled: z.boolean() }), ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      await setNotificationDigest(db, currentUser(request).user_id, request.body.enabled);
      return { enabled: request.body.enabled };
    },
  );
};
