import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { issueAccountLink, sendInvitation } from '../../db/account-tokens';
import type { UserRow } from '../../db/database';
import {
  createUser,
  EmailTaken,
  findOrganisation,
  findUser,
  findUserByEmail,
  issueToken,
  type ListedUser,
  listUsers,
  managesOrganisation,
  revokeTokens,
} from '../../db/identity';
import { asUser, recordIdentityEvent } from '../../db/identity-events';
import { rolesManagedBy, type UserRole, userRoles } from '../../domain/roles';
import { EmailSchema, IdSchema, NameSchema, singleLine } from '../../domain/text-limits';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { NoContent, problemResponses, sendNoContent } from '../openapi';
import { presentUser, UserSchema } from '../presenters';
import { ProblemError, problem } from '../problems';

const TokenSchema = z.object({
  token: z.string().describe('Shown once; only its SHA-256 is stored'),
  expiresAt: z.iso.datetime({ offset: true }),
});

const ListedUserSchema = UserSchema.extend({
  organisationName: z.string().nullable(),
  signIn: z
    .enum(['active', 'invited', 'invitation_expired'])
    .describe('active: a password is set; invited: an invitation link is open; else the link expired'),
  invitationExpiresAt: z.iso.datetime({ offset: true }).nullable(),
});

function presentListedUser(user: ListedUser, now: Date): z.infer<typeof ListedUserSchema> {
  const expiresAt = user.invitation_expires_at;
  const invited = expiresAt !== null && expiresAt.getTime() > now.getTime();
  return {
    ...presentUser(user),
    organisationName: user.organisation_name,
    signIn: user.password_set ? 'active' : invited ? 'invited' : 'invitation_expired',
    invitationExpiresAt: expiresAt && !user.password_set ? expiresAt.toISOString() : null,
  };
}

const notFound = () => new ProblemError(problem('notFound', 'No such user.'));

/** Administrators manage every user; case managers (staff) the users of organisations (domain/roles). */
function mayManage(actor: UserRow, role: UserRole): boolean {
  return rolesManagedBy(actor.role).includes(role);
}

/**
 * Case managers give access (users, tokens, invitations) only to organisations whose cases they
 * manage (issue 22): not to every organisation's people.
 */
function mayManageOrganisation(db: ApiDependencies['db'], actor: UserRow, organisationId: string | null) {
  if (actor.role !== 'staff' || organisationId === null) return Promise.resolve(true);
  return managesOrganisation(db, actor.user_id, organisationId);
}

const TokenBody = z
  .object({
    validForDays: z.number().int().min(1).max(365).default(90),
    label: singleLine(100).default('api'),
  })
  .strict();

export const userRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  app.get(
    '/me',
    {
      config: { access: userRoles },
      schema: {
        operationId: 'whoAmI',
        summary: 'The authenticated user',
        tags: ['users'],
        response: { 200: UserSchema, ...problemResponses(401, 429) },
      },
    },
    async (request) => presentUser(currentUser(request)),
  );

  app.get(
    '/users',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'listUsers',
        summary: 'List users (Benutzer auflisten)',
        tags: ['users'],
        querystring: z
          .object({
            role: z.enum(userRoles).optional(),
            organisation: IdSchema.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          })
          .strict(),
        response: {
          200: z.object({ items: z.array(ListedUserSchema) }),
          ...problemResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const { role, organisation, limit } = request.query;
      const rows = await listUsers(db, { role, organisationId: organisation, limit });
      const now = new Date();
      return { items: rows.map((row) => presentListedUser(row, now)) };
    },
  );

  app.post(
    '/users',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'createUser',
        summary: 'Create a user with a first token and invite them by e-mail (Benutzer anlegen)',
        description:
          'Administrators create users of any role; case managers create the users of organisations. An ' +
          'organisation user is bound to the organisation id returned when its accreditation was opened. ' +
          'The user gets an invitation e-mail with a link to set their password (valid 7 days).',
        tags: ['users'],
        body: z
          .object({
            email: EmailSchema,
            name: NameSchema,
            role: z.enum(userRoles),
            organisationId: IdSchema.optional().describe('Required for role organisation only'),
            language: z.enum(['de', 'en']).default('de'),
            validForDays: z
              .number()
              .int()
              .min(1)
              .max(365)
              .default(90)
              .describe('Validity of the first token'),
          })
          .strict(),
        response: {
          201: z.object({ user: UserSchema, token: TokenSchema }),
          ...problemResponses(400, 401, 403, 409, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const actor = currentUser(request);
      const body = request.body;
      if (!mayManage(actor, body.role)) {
        throw new ProblemError(problem('forbidden', `A ${actor.role} may not create ${body.role} users.`));
      }
      if ((body.role === 'organisation') !== (body.organisationId !== undefined)) {
        throw new ProblemError(
          problem('validation', 'organisationId is required for organisation users and only for them.', {
            errors: [{ field: 'body.organisationId', message: 'required exactly for role organisation' }],
          }),
        );
      }
      if (body.organisationId && !(await findOrganisation(db, body.organisationId))) {
        throw new ProblemError(
          problem('validation', 'No such organisation.', {
            errors: [{ field: 'body.organisationId', message: 'unknown organisation' }],
          }),
        );
      }
      if (body.organisationId && !(await mayManageOrganisation(db, actor, body.organisationId))) {
        throw new ProblemError(
          problem('forbidden', 'You manage no case of this organisation.', { code: 'not_case_manager' }),
        );
      }
      const emailTaken = () =>
        new ProblemError(problem('conflict', 'A user with this e-mail exists.', { code: 'email_taken' }));
      if (await findUserByEmail(db, body.email)) throw emailTaken();
      // The user, the first token and the invitation e-mail together, or none of them.
      const { user, token, expiresAt } = await db
        .transaction()
        .execute(async (trx) => {
          const user = await createUser(trx, {
            email: body.email,
            name: body.name,
            role: body.role,
            organisationId: body.organisationId ?? null,
            language: body.language,
          });
          const issued = await issueToken(trx, user.user_id, {
            label: 'first',
            validForDays: body.validForDays,
          });
          await issueAccountLink(trx, user.user_id, 'invitation');
          const by = asUser(actor);
          const { role, organisation_id: organisationId } = user;
          await recordIdentityEvent(trx, by, user.user_id, {
            type: 'UserCreated',
            data: { role, organisationId },
          });
          const expiresAt = issued.expiresAt.toISOString();
          await recordIdentityEvent(trx, by, user.user_id, {
            type: 'TokenIssued',
            data: { label: 'first', expiresAt },
          });
          await recordIdentityEvent(trx, by, user.user_id, { type: 'InvitationSent', data: {} });
          return { user, ...issued };
        })
        // Created at the same moment by someone else: the same answer, not a 500.
        .catch((error: unknown) => {
          throw error instanceof EmailTaken ? emailTaken() : error;
        });
      request.log.info({ createdUserId: user.user_id, role: user.role }, 'user created');
      return reply
        .status(201)
        .send({ user: presentUser(user), token: { token, expiresAt: expiresAt.toISOString() } });
    },
  );

  const managedUser = async (actor: UserRow, userId: string) => {
    const user = await findUser(db, userId);
    // A user the caller may not manage is reported as missing, so ids cannot be probed.
    if (!user || !mayManage(actor, user.role)) throw notFound();
    if (!(await mayManageOrganisation(db, actor, user.organisation_id))) throw notFound();
    return user;
  };

  app.post(
    '/users/:id/tokens',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'issueToken',
        summary: 'Issue a token for a user (Token ausstellen)',
        tags: ['users'],
        params: z.object({ id: IdSchema }),
        body: TokenBody,
        response: { 201: TokenSchema, ...problemResponses(400, 401, 403, 404, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const actor = currentUser(request);
      const user = await managedUser(actor, request.params.id);
      const { label, validForDays } = request.body;
      const { token, expiresAt } = await db.transaction().execute(async (trx) => {
        const issued = await issueToken(trx, user.user_id, { label, validForDays });
        const data = { label, expiresAt: issued.expiresAt.toISOString() };
        await recordIdentityEvent(trx, asUser(actor), user.user_id, { type: 'TokenIssued', data });
        return issued;
      });
      request.log.info({ tokenUserId: user.user_id }, 'token issued');
      return reply.status(201).send({ token, expiresAt: expiresAt.toISOString() });
    },
  );

  app.delete(
    '/users/:id/tokens',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'revokeTokens',
        summary: 'Revoke every token of a user (Tokens widerrufen)',
        tags: ['users'],
        params: z.object({ id: IdSchema }),
        response: {
          200: z.object({ revoked: z.number().int() }),
          ...problemResponses(400, 401, 403, 404, 409, 429),
        },
      },
    },
    async (request) => {
      const actor = currentUser(request);
      const user = await managedUser(actor, request.params.id);
      // Locking oneself out through the API is refused; the CLI (on the database) can still do it.
      if (user.user_id === actor.user_id) {
        throw new ProblemError(
          problem('conflict', 'Revoke your own tokens with the CLI.', { code: 'own_tokens' }),
        );
      }
      const revoked = await db.transaction().execute(async (trx) => {
        const count = await revokeTokens(trx, user.user_id);
        const event = { type: 'TokensRevoked', data: { revoked: count } } as const;
        await recordIdentityEvent(trx, asUser(actor), user.user_id, event);
        return count;
      });
      request.log.info({ tokenUserId: user.user_id, revoked }, 'tokens revoked');
      return { revoked };
    },
  );

  app.post(
    '/users/:userId/invitation',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'inviteUser',
        summary: 'Send the user a new invitation e-mail (Einladung erneut senden)',
        description:
          'The new link works for 7 days; earlier invitations of the user stop working. Case managers ' +
          'invite the users of organisations only.',
        tags: ['users'],
        params: z.object({ userId: IdSchema }),
        response: {
          202: NoContent,
          ...problemResponses(400, 401, 403, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const actor = currentUser(request);
      const user = await managedUser(actor, request.params.userId);
      await sendInvitation(db, user.user_id, asUser(actor));
      request.log.info({ invitedUserId: user.user_id }, 'invitation sent');
      return sendNoContent(reply, 202);
    },
  );
};
