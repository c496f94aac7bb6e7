import { pino } from 'pino';
import type { Env } from './env';

export function createLogger(env: Pick<Env, 'LOG_LEVEL'>, name: string) {
  return pino({
    name,
    level: env.LOG_LEVEL,
    redact: { paths: ['req.headers.authorization', '*.token', '*.password'], censor: '[redacted]' },
  });
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
