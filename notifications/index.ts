/** The notification dispatcher as the worker process runs it, configured from the environment. */
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Env } from '../config/env';
import type { Logger } from '../config/logger';
import type { Database } from '../db/database';
import { createAccountMailDispatcher } from './account-mail';
import { createDispatcher } from './dispatcher';
import { createFileMailer, createSmtpMailer, type Mailer } from './mailer';

export function mailerFromEnv(env: Env, dataDir: string): Mailer {
  return env.SMTP_URL ? createSmtpMailer(env.SMTP_URL) : createFileMailer(join(dataDir, 'mail'));
}

/** Starts the dispatcher loop; `stop` lets the current delivery finish, then closes the mailer. */
export function startNotificationDispatcher(options: {
  db: Kysely<Database>;
  env: Env;
  dataDir: string;
  logger: Logger;
  intervalMs?: number;
}): { stop(): Promise<void>; mailer: Mailer } {
  const { env, logger } = options;
  const mailer = mailerFromEnv(env, options.dataDir);
  const dispatcher = createDispatcher({
    db: options.db,
    mailer,
    from: env.MAIL_FROM,
    webUrl: env.PUBLIC_WEB_URL,
    digestHour: env.NOTIFICATION_DIGEST_HOUR,
    log: (message, details) => logger.info(details ?? {}, message),
  });
  const controller = new AbortController();
  const running = Promise.all([
    dispatcher.run(controller.signal, options.intervalMs),
    // Invitations and password resets (db/account-tokens.ts), through the same mailer.
    createAccountMailDispatcher({
      db: options.db,
      mailer,
      from: env.MAIL_FROM,
      webUrl: env.PUBLIC_WEB_URL,
      log: (message, details) => logger.info(details ?? {}, message),
    }).run(controller.signal, options.intervalMs),
  ]);
  logger.info({ mail: mailer.description }, 'notification dispatcher running');
  return {
    mailer,
    async stop() {
      controller.abort();
      await running;
      mailer.close();
    },
  };
}
