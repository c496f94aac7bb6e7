import { type Kysely, sql } from 'kysely';

/**
 * Sign-in for people: a password per user (argon2id, in a table of its own so that no query of
 * `users` ever carries it), browser sessions, one-time tokens for invitations and password resets,
 * the outbox of the e-mails that carry those tokens, and the failed-sign-in counters.
 *
 * Session ids and one-time tokens are stored only as their SHA-256. The one exception is
 * `account_mails.token`: the clear token of a mail that is still to be delivered, cleared (by the
 * check constraint, not only by the code) as soon as the mail is sent, fails or is superseded.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('passwords')
    .addColumn('user_id', 'text', (col) => col.primaryKey().references('users.user_id').onDelete('cascade'))
    .addColumn('hash', 'text', (col) => col.notNull())
    .addColumn('changed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('session_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.user_id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('account_tokens')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.user_id').onDelete('cascade'))
    .addColumn('purpose', 'text', (col) =>
      col.notNull().check(sql`purpose in ('invitation', 'password_reset')`),
    )
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('account_tokens_user')
    .on('account_tokens')
    .columns(['user_id', 'purpose'])
    .execute();

  await db.schema
    .createTable('account_mails')
    .addColumn('mail_id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.user_id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('invitation', 'password_reset')`))
    .addColumn('token', 'text')
    .addColumn('link_expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'failed', 'superseded')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addCheckConstraint('account_mails_token_only_pending', sql`status = 'pending' or token is null`)
    .execute();
  await sql`CREATE INDEX account_mails_pending ON account_mails (created_at) WHERE status = 'pending'`.execute(
    db,
  );
  await db.schema.createIndex('account_mails_user').on('account_mails').column('user_id').execute();

  await db.schema
    .createTable('sign_in_failures')
    .addColumn('limit_key', 'text', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .addColumn('window_ends_at', 'timestamptz', (col) => col.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sign_in_failures', 'account_mails', 'account_tokens', 'sessions', 'passwords']) {
    await db.schema.dropTable(table).execute();
  }
}
