import { type DestinationStream, pino } from 'pino';
import type { Env } from './env';

/**
 * The process's logger (stdout unless a destination is given). Secrets stay out: requests are
 * logged without their headers (bearer token, session cookie, CSRF token), the one-time token in
 * the query of an invitation or reset link is replaced, and fields named token or password too.
 */
export function createLogger(env: Pick<Env, 'LOG_LEVEL'>, name: string, destination?: DestinationStream) {
  return pino(
    {
      name,
      level: env.LOG_LEVEL,
      redact: { paths: ['req.headers.authorization', '*.token', '*.password'], censor: '[redacted]' },
      serializers: {
        req: (req: { method?: string; url?: string; host?: string; ip?: string }) => ({
          method: req.method,
          url: req.url?.replace(/([?&]token=)[^&#]*/g, '$1[redacted]'),
          host: req.host,
          remoteAddress: req.ip,
        }),
      },
    },
    destination,
  );
}

export type Logger = ReturnType<typeof createLogger>;

/**
 * Temporal's runtime logger interface on top of pino, so worker logs share one format. The SDK's
 * INFO lines (worker state changes, Nexus not polled) go to DEBUG: the worker logs its own
 * start-up steps, one line each.
 */
export function temporalLogger(logger: Logger) {
  const at =
    (level: 'trace' | 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, meta?: Record<string, unknown>) =>
      logger[level === 'info' ? 'debug' : level](meta ?? {}, message);
  return {
    log: (level: string, message: string, meta?: Record<string, unknown>) =>
      at(level.toLowerCase() as 'info')(message, meta),
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}
