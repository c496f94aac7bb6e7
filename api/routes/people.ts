import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UserRow } from '../../db/database';
import { findUser } from '../../db/identity';
import { asUser } from '../../db/identity-events';
import { erasePerson, openTasksHeldBy, type PersonalData, personalData } from '../../db/personal-data';
import { userRoles } from '../../domain/roles';
import { IdSchema } from '../../domain/text-limits';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { NoContent, problemResponses, sendNoContent } from '../openapi';
import { ProblemError, problem } from '../problems';

const when = z.iso.datetime({ offset: true });
/** An event as the export shows it. */
const RecordedSchema = z.object({
  stream: z.string(),
  version: z.number().int(),
  type: z.string(),
  at: when.nullable(),
  data: z.unknown(),
});
const PersonalDataSchema = z
  .object({
    account: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.string(),
      organisationId: z.string().nullable(),
      language: z.string(),
      notificationDigest: z.boolean(),
      createdAt: when,
      passwordChangedAt: when.nullable(),
    }),
    sessions: z.array(
      z.object({ createdAt: when.nullable(), lastSeenAt: when.nullable(), expiresAt: when.nullable() }),
    ),
    apiTokens: z.array(
      z.object({
        label: z.string(),
        createdAt: when.nullable(),
        expiresAt: when.nullable(),
        revokedAt: when.nullable(),
      }),
    ),
    calendarFeeds: z.array(
      z.object({ label: z.string(), createdAt: when.nullable(), revokedAt: when.nullable() }),
    ),
    auditorCompetences: z.array(z.string()),
    documentsUploaded: z.array(
      z.object({
        sha256: z.string(),
        filename: z.string().nullable(),
        mediaType: z.string(),
        size: z.number().int(),
        organisationId: z.string().nullable(),
        uploadedAt: when.nullable(),
      }),
    ),
    accountMails: z.array(
      z.object({ kind: z.string(), status: z.string(), createdAt: when.nullable(), sentAt: when.nullable() }),
    ),
    notifications: z.array(
      z.object({
        kind: z.string(),
        status: z.string(),
        accreditationId: z.string().nullable(),
        createdAt: when.nullable(),
        sentAt: when.nullable(),
      }),
    ),
    steps: z
      .array(RecordedSchema)
      .describe('Every step the person took: the events that name them as actor, with what they recorded'),
    identity: z
      .array(RecordedSchema.extend({ byThemselves: z.boolean() }))
      .describe('What changed who they are and what they may do (created, tokens, sessions, passwords)'),
  })
  .describe('Everything held about the person (DSGVO Art. 15); secrets appear only as what they are for');

const exportResponse = { 200: PersonalDataSchema, ...problemResponses(400, 401, 403, 404, 429) };

/** The export as a download named after the person's id. */
const asDownload = (user: UserRow) => ({
  'content-disposition': `attachment; filename="personal-data-${user.user_id}.json"`,
  'cache-control': 'no-store',
});

/** Data protection (DSGVO Art. 15 and 17): a person's data exported, an account erased. */
export const peopleRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  const person = async (id: string) => {
    const user = await findUser(db, id);
    if (!user) throw new ProblemError(problem('notFound', 'No such user.'));
    return user;
  };

  app.get(
    '/me/personal-data',
    {
      config: { access: userRoles },
      schema: {
        operationId: 'exportMyPersonalData',
        summary: 'Everything held about you, as a download (Auskunft nach Art. 15 DSGVO)',
        tags: ['users'],
        response: exportResponse,
      },
    },
    async (request, reply): Promise<PersonalData> => {
      const user = currentUser(request);
      reply.headers(asDownload(user));
      return personalData(db, user);
    },
  );

  app.get(
    '/users/:id/personal-data',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'exportPersonalData',
        summary: 'Everything held about a person, for their request (Auskunft nach Art. 15 DSGVO)',
        tags: ['users'],
        params: z.object({ id: IdSchema }),
        response: exportResponse,
      },
    },
    async (request, reply): Promise<PersonalData> => {
      const user = await person(request.params.id);
      request.log.info(
        { subjectId: user.user_id, by: currentUser(request).user_id },
        'personal data exported',
      );
      reply.headers(asDownload(user));
      return personalData(db, user);
    },
  );

  app.delete(
    '/users/:id/personal-data',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'erasePersonalData',
        summary: 'Erase a person’s account: name, address and sign-in (Löschung nach Art. 17 DSGVO)',
        description:
          'Name and e-mail address are replaced, password, sessions, tokens, calendar feeds and sign-in ' +
          'links deleted. The steps they took stay recorded under their account id, which names nobody ' +
          'any longer. Refused while they hold open tasks (give them to someone else first) and for ' +
          'one’s own account.',
        tags: ['users'],
        params: z.object({ id: IdSchema }),
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const actor = currentUser(request);
      const user = await person(request.params.id);
      if (user.user_id === actor.user_id) {
        throw new ProblemError(
          problem('conflict', 'Your own account is erased by another administrator.', { code: 'erase_self' }),
        );
      }
      const held = await openTasksHeldBy(db, user.user_id);
      if (held > 0) {
        throw new ProblemError(
          problem('conflict', `The person holds ${held} open task(s); give them to someone else first.`, {
            code: 'person_has_open_tasks',
          }),
        );
      }
      await erasePerson(db, user.user_id, asUser(actor));
      request.log.info({ subjectId: user.user_id, by: actor.user_id }, 'personal data erased');
      return sendNoContent(reply, 204);
    },
  );
};
