import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createCalendarFeed,
  listCalendarFeeds,
  type PersonalDeadline,
  personalDeadlines,
  revokeCalendarFeed,
  userForCalendarSecret,
} from '../../db/calendar-feeds';
import { readCaseState } from '../../db/case-file';
import type { UserRow } from '../../db/database';
import { maySeeAccreditationWithId, seesEveryCase } from '../../db/read-model';
import { calendarFor, caseCalendar, deadlineLabels } from '../../domain/calendar';
import { renderCalendar } from '../../notifications/ical';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { ProblemError, problem } from '../problems';

const DateTime = z.iso.datetime({ offset: true });
const everyRole = ['admin', 'staff', 'decision_maker', 'auditor', 'organisation'] as const;

const CalendarItemSchema = z.object({
  id: z.string().describe('Unique within the case'),
  category: z
    .enum(['deadline', 'timer'])
    .describe('deadline: someone must act by then; timer: the workflow acts then'),
  kind: z
    .string()
    .describe('A task kind (deadline) or timer kind, e.g. submit_self_assessment, renewal_window'),
  at: DateTime,
  subjectId: z
    .string()
    .describe('The request, finding, self-assessment, certificate, suspension or complaint'),
  assigneeRole: z.string().nullable(),
  assigneeId: z
    .string()
    .nullable()
    .describe('The user or organisation; null when anyone with the role may act'),
  overdue: z.boolean(),
});

const FeedSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  createdAt: DateTime,
  revokedAt: DateTime.nullable(),
});

const CreatedFeedSchema = FeedSchema.extend({
  url: z.string().describe('The feed over HTTP(S); the secret is part of it — shown only now'),
  webcalUrl: z.string().describe('The same feed for calendar applications (webcal://)'),
});

const iso = (value: Date | null) => (value ? value.toISOString() : null);
const presentFeed = (feed: { feedId: string; label: string; createdAt: Date; revokedAt: Date | null }) => ({
  id: feed.feedId,
  label: feed.label,
  createdAt: feed.createdAt.toISOString(),
  revokedAt: iso(feed.revokedAt),
});

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** The person's deadlines as iCalendar, in their language. */
function feedText(user: UserRow, deadlines: PersonalDeadline[], base: string): string {
  const de = user.language !== 'en';
  return renderCalendar({
    accreditationId: `feed-${user.user_id}`,
    name: de ? 'DIM-Akkreditierung: meine Fristen' : 'DIM accreditation: my deadlines',
    stamp: new Date().toISOString(),
    sequence: 0,
    entries: deadlines.map((deadline) => {
      const label = deadlineLabels[deadline.kind] ?? { de: deadline.kind, en: deadline.kind };
      return {
        accreditationId: deadline.accreditationId,
        subject: deadline.id,
        summary: `${de ? 'Frist' : 'Due'}: ${de ? label.de : label.en} – ${deadline.organisationName}`,
        description: `${deadline.organisationName}: ${de ? label.de : label.en} (${deadline.subjectId})`,
        start: { dateTime: deadline.dueAt },
        url: `${base}/accreditations/${deadline.accreditationId}`,
      };
    }),
  });
}

export const calendarRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  app.get(
    '/accreditations/:id/calendar',
    {
      config: { access: everyRole },
      schema: {
        operationId: 'getCaseCalendar',
        summary: 'Every upcoming deadline and timer of a case (Fristen)',
        description:
          'Deadlines (open tasks with a due date; the self-assessments of the whole validity) and the ' +
          'timers the workflow waits on (reminders, escalations, renewal window, expiry), earliest first. ' +
          'Organisations and auditors see what concerns them.',
        tags: ['accreditations', 'calendar'],
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({ accreditationId: z.uuid(), items: z.array(CalendarItemSchema) }),
          ...problemResponses(400, 401, 403, 404, 429),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const notFound = new ProblemError(problem('notFound', 'No such accreditation.'));
      if (!seesEveryCase(user) && !(await maySeeAccreditationWithId(db, user, id))) throw notFound;
      const state = await readCaseState(db, id);
      if (!state || state.status === 'none') throw notFound;
      const now = Date.now();
      const items = calendarFor(caseCalendar(state), user.role).map((item) => ({
        ...item,
        overdue: item.category === 'deadline' && Date.parse(item.at) < now,
      }));
      return { accreditationId: id, items };
    },
  );

  app.post(
    '/calendar-feeds',
    {
      config: { access: everyRole },
      schema: {
        operationId: 'createCalendarFeed',
        summary: 'A personal iCalendar feed of my deadlines',
        description:
          'The deadlines of everything the caller must act on, as a subscribable calendar. Its URL ' +
          'carries a secret of its own (not the caller’s token), shown only in this answer; revoke it ' +
          'with DELETE /calendar-feeds/{feedId}.',
        tags: ['calendar'],
        body: z.object({ label: z.string().trim().min(1).max(100).default('Kalender') }).strict(),
        response: { 201: CreatedFeedSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const feed = await createCalendarFeed(db, user.user_id, request.body.label);
      const path = `/calendar/${feed.secret}.ics`;
      return reply.status(201).send({
        ...presentFeed(feed),
        url: `${origin(request)}${path}`,
        webcalUrl: `webcal://${request.host}${path}`,
      });
    },
  );

  app.get(
    '/calendar-feeds',
    {
      config: { access: everyRole },
      schema: {
        operationId: 'listCalendarFeeds',
        summary: 'My calendar feeds (without their secrets)',
        tags: ['calendar'],
        response: { 200: z.object({ items: z.array(FeedSchema) }), ...problemResponses(401, 403, 429) },
      },
    },
    async (request) => ({
      items: (await listCalendarFeeds(db, currentUser(request).user_id)).map(presentFeed),
    }),
  );

  app.delete(
    '/calendar-feeds/:feedId',
    {
      config: { access: everyRole },
      schema: {
        operationId: 'revokeCalendarFeed',
        summary: 'Revoke one of my calendar feeds: its URL stops working',
        tags: ['calendar'],
        params: z.object({ feedId: z.uuid() }),
        response: { 200: FeedSchema, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const revoked = await revokeCalendarFeed(db, currentUser(request).user_id, request.params.feedId);
      if (!revoked) throw new ProblemError(problem('notFound', 'No such calendar feed.'));
      return presentFeed(revoked);
    },
  );

  app.get(
    '/calendar/:secret.ics',
    {
      // Authenticated by the secret in the URL, which calendar applications can keep.
      config: { access: 'public' },
      schema: {
        operationId: 'getCalendarFeed',
        summary: 'A personal calendar feed (iCalendar), by its secret URL',
        tags: ['calendar'],
        params: z.object({ secret: z.string().regex(/^[\w-]{20,100}$/) }),
        response: {
          200: { description: 'The feed', content: { 'text/calendar': { schema: z.string() } } },
          ...problemResponses(400, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const user = await userForCalendarSecret(db, request.params.secret);
      if (!user) throw new ProblemError(problem('notFound', 'No such calendar feed.'));
      const deadlines = await personalDeadlines(db, user);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(feedText(user, deadlines, origin(request)));
    },
  );
};
