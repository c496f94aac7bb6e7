import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redeemAccountLink, sendPasswordReset } from '../../db/account-tokens';
import type { AccountTokenPurpose } from '../../db/database';
import { asUser, recordIdentityEvent } from '../../db/identity-events';
import { checkPassword } from '../../db/passwords';
import { endSession } from '../../db/sessions';
import { countSignInAttempt, forgiveAccountFailures, signInSucceeded } from '../../db/sign-in-limits';
import { userRoles } from '../../domain/roles';
import { EmailSchema } from '../../domain/text-limits';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { NoContent, problemResponses, sendNoContent } from '../openapi';
import { presentSessionUser, SessionUserSchema } from '../presenters';
import { ProblemError, problem } from '../problems';
import { publicRateLimit } from '../rate-limits';
import { clearSessionCookie, csrfTokenFor, startSession } from '../session';

const SignedIn = z
  .object({
    user: SessionUserSchema,
    csrfToken: z.string().describe('Send as x-csrf-token with every write of this session'),
  })
  .describe('Signed in; the session cookie dim_session is set');

const NewPassword = z.string().min(12).max(256).describe('At least 12 characters');
const LinkToken = z.string().min(20).max(200).describe('The token of the link in the e-mail');
const LinkBody = z.object({ token: LinkToken, password: NewPassword }).strict();

export const authRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (
  app,
  { db, sessions, signInLimits, publicRateLimits },
) => {
  app.post(
    '/auth/sign-in',
    {
      config: { access: 'public', rateLimit: publicRateLimit(publicRateLimits, 'signIn') },
      schema: {
        operationId: 'signIn',
        summary: 'Sign in with e-mail and password (Anmelden)',
        description:
          'Starts a session (cookie dim_session, HttpOnly, SameSite=Lax) and answers with its CSRF token. ' +
          'An unknown e-mail and a wrong password get the same 401 (code invalid_credentials). Failed ' +
          'attempts are limited per account at an address, per account and per address: 429 ' +
          '(code sign_in_rate_limited) with Retry-After.',
        tags: ['sign-in'],
        body: z.object({ email: EmailSchema, password: z.string().min(1).max(256) }).strict(),
        response: { 200: SignedIn, ...problemResponses(400, 401, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const retryAfter = await countSignInAttempt(db, signInLimits, email, request.ip);
      if (retryAfter > 0) {
        reply.header('retry-after', String(retryAfter));
        throw new ProblemError(
          problem('rateLimited', 'Too many failed sign-ins; try again later or reset the password.', {
            code: 'sign_in_rate_limited',
          }),
        );
      }
      const user = await checkPassword(db, email, password);
      if (!user) {
        request.log.warn({ ip: request.ip }, 'sign-in failed');
        throw new ProblemError(
          problem('unauthorised', 'The e-mail address or the password is wrong.', {
            code: 'invalid_credentials',
          }),
        );
      }
      await signInSucceeded(db, signInLimits, email, request.ip);
      request.log.info({ userId: user.user_id }, 'signed in');
      return startSession(db, sessions, request, reply, user);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: userRoles },
      schema: {
        operationId: 'getSession',
        summary: 'Who is signed in, and the CSRF token of the session (Sitzung)',
        tags: ['sign-in'],
        response: {
          200: z.object({
            user: SessionUserSchema,
            csrfToken: z.string().nullable().describe('null for a bearer token, which needs none'),
          }),
          ...problemResponses(401, 429),
        },
      },
    },
    async (request) => ({
      user: presentSessionUser(currentUser(request)),
      csrfToken: request.sessionId ? csrfTokenFor(request.sessionId) : null,
    }),
  );

  app.post(
    '/auth/sign-out',
    {
      config: { access: userRoles },
      schema: {
        operationId: 'signOut',
        summary: 'Sign out: the session ends (Abmelden)',
        description: 'Ends the session of the cookie and clears the cookie. A bearer token is not affected.',
        tags: ['sign-in'],
        response: { 204: NoContent, ...problemResponses(401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { sessionId } = request;
      if (sessionId) {
        const user = currentUser(request);
        await db.transaction().execute(async (trx) => {
          await endSession(trx, sessionId);
          await recordIdentityEvent(trx, asUser(user), user.user_id, { type: 'SessionEnded', data: {} });
        });
      }
      clearSessionCookie(reply, sessions);
      return sendNoContent(reply, 204);
    },
  );

  /** A link route: sets the password from an e-mailed token and signs in; 400 `code` when the link is dead. */
  const linkRoute = (
    path: string,
    purpose: AccountTokenPurpose,
    code: string,
    doc: { operationId: string; summary: string; description: string },
  ) =>
    app.post(
      path,
      {
        config: { access: 'public', rateLimit: publicRateLimit(publicRateLimits, 'accountLinks') },
        schema: {
          ...doc,
          tags: ['sign-in'],
          body: LinkBody,
          response: { 200: SignedIn, ...problemResponses(400, 413, 415, 429) },
        },
      },
      async (request, reply) => {
        const user = await redeemAccountLink(db, purpose, request.body.token, request.body.password);
        if (!user) {
          throw new ProblemError(
            problem('validation', 'The link is unknown, used or expired; ask for a new one.', { code }),
          );
        }
        await forgiveAccountFailures(db, user.email);
        const via = purpose === 'invitation' ? 'invitation' : 'password_reset';
        await recordIdentityEvent(db, asUser(user), user.user_id, { type: 'PasswordSet', data: { via } });
        request.log.info({ userId: user.user_id, purpose }, 'password set from link');
        return startSession(db, sessions, request, reply, user);
      },
    );

  linkRoute('/auth/invitations/accept', 'invitation', 'invitation_invalid', {
    operationId: 'acceptInvitation',
    summary: 'Accept an invitation: set the password and sign in (Einladung annehmen)',
    description:
      'The token of the invitation e-mail (valid 7 days, once). 400 with code invitation_invalid ' +
      'when it is unknown, used or expired; 400 validation when the password is too short. Every ' +
      'other session of the user ends.',
  });

  linkRoute('/auth/password-reset/confirm', 'password_reset', 'reset_token_invalid', {
    operationId: 'confirmPasswordReset',
    summary: 'Set a new password from the reset e-mail and sign in (Neues Passwort festlegen)',
    description:
      'The token of the reset e-mail (valid 1 hour, once). 400 with code reset_token_invalid when it ' +
      'is unknown, used or expired. Every other session of the user ends.',
  });

  app.post(
    '/auth/password-reset',
    {
      config: { access: 'public', rateLimit: publicRateLimit(publicRateLimits, 'passwordReset') },
      schema: {
        operationId: 'requestPasswordReset',
        summary: 'Ask for a password-reset e-mail (Passwort zurücksetzen)',
        description:
          'Always 202, whether an account has this address or not. If one has, it gets an e-mail with ' +
          'a link valid for one hour (at most 3 an hour).',
        tags: ['sign-in'],
        body: z.object({ email: EmailSchema }).strict(),
        response: { 202: NoContent, ...problemResponses(400, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const queued = await sendPasswordReset(db, request.body.email);
      request.log.info({ queued }, 'password reset requested');
      return sendNoContent(reply, 202);
    },
  );
};
