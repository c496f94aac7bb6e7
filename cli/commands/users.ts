import { type Command, Option } from 'commander';
import { createUser, findUserByEmail, issueToken, revokeTokens } from '../../db/identity';
import { userRoles } from '../../domain/roles';
import { type CliContext, positiveInteger, UsageError } from '../context';

const roles = [...userRoles];

/** Users (bootstrap on the database, or through the API) and API tokens (on the database). */
export function userCommands(program: Command, cli: CliContext): void {
  const users = program.command('users').description('users and their roles');
  withNewUserOptions(
    users
      .command('add')
      .description('create a user and print a first token — directly in the database (bootstrap)'),
  ).action(async (options) => {
    await cli.withDb(async (db) => {
      const user = await createUser(db, {
        email: options.email,
        name: options.name,
        role: options.role,
        organisationId: options.organisation,
        language: options.language,
      });
      const { token, expiresAt } = await issueToken(db, user.user_id, {
        label: 'cli',
        validForDays: options.days,
      });
      cli.print(
        { userId: user.user_id, role: user.role, token, expiresAt: expiresAt.toISOString() },
        () =>
          `Created ${user.role} ${user.email} (${user.user_id}).\nToken (shown once, valid until ${expiresAt.toISOString()}):\n${token}`,
      );
    });
  });
  withNewUserOptions(
    users
      .command('create')
      .description(
        'create a user through the API (admin: any role; staff: organisation users) and print its token',
      ),
  ).action(async (options) => {
    const created = await cli.client().request<{
      user: { id: string; email: string; role: string };
      token: { token: string; expiresAt: string };
    }>('POST', '/users', {
      body: {
        email: options.email,
        name: options.name,
        role: options.role,
        ...(options.organisation ? { organisationId: options.organisation } : {}),
        language: options.language,
        validForDays: options.days,
      },
    });
    cli.print(
      created,
      () =>
        `Created ${created.user.role} ${created.user.email} (${created.user.id}).\n` +
        `Token (shown once, valid until ${created.token.expiresAt}):\n${created.token.token}`,
    );
  });
  users
    .command('invite <userId>')
    .description('send the user a new invitation e-mail (through the API); earlier invitations stop working')
    .action(async (userId: string) => {
      await cli.client().request('POST', `/users/${encodeURIComponent(userId)}/invitation`);
      cli.print({ userId, invited: true }, () => `Invitation sent to ${userId}.`);
    });
  users
    .command('list')
    .description('list users (through the API)')
    .addOption(new Option('--role <role>').choices(roles))
    .option('--organisation <id>')
    .action(async (options) => {
      const query = new URLSearchParams();
      if (options.role) query.set('role', options.role);
      if (options.organisation) query.set('organisation', options.organisation);
      const { items } = await cli.client().request<{
        items: { id: string; email: string; name: string; role: string; organisationId: string | null }[];
      }>('GET', `/users?${query}`);
      cli.print({ items }, () =>
        items
          .map(
            (user) =>
              `${user.id}  ${user.role.padEnd(14)} ${user.email}  ${user.name}${user.organisationId ? `  (${user.organisationId})` : ''}`,
          )
          .join('\n'),
      );
    });

  const tokens = program.command('tokens').description('API tokens (directly in the database)');
  tokens
    .command('issue')
    .description('issue a new token for a user')
    .requiredOption('--email <email>')
    .option('--days <days>', 'validity in days', positiveInteger, 90)
    .action(async (options) => {
      await cli.withDb(async (db) => {
        const user = await findUserByEmail(db, options.email);
        if (!user) throw new UsageError(`No user with e-mail ${options.email}`);
        const { token, expiresAt } = await issueToken(db, user.user_id, {
          label: 'cli',
          validForDays: options.days,
        });
        cli.print({ userId: user.user_id, token, expiresAt: expiresAt.toISOString() }, () => token);
      });
    });
  tokens
    .command('revoke')
    .description("revoke all of a user's tokens")
    .requiredOption('--email <email>')
    .action(async (options) => {
      await cli.withDb(async (db) => {
        const user = await findUserByEmail(db, options.email);
        if (!user) throw new UsageError(`No user with e-mail ${options.email}`);
        const revoked = await revokeTokens(db, user.user_id);
        cli.print({ userId: user.user_id, revoked }, () => `Revoked ${revoked} token(s).`);
      });
    });
}

/** The options of a new user and its first token (`users add`, `users create`). */
function withNewUserOptions(command: Command): Command {
  return command
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .addOption(new Option('--role <role>').choices(roles).makeOptionMandatory())
    .option('--organisation <id>', 'organisation id (role organisation only)')
    .addOption(new Option('--language <language>').choices(['de', 'en']).default('de'))
    .option('--days <days>', 'token validity in days', positiveInteger, 90);
}
