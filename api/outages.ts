/** Node's codes for a connection that could not be made or was lost. */
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * PostgreSQL's SQLSTATEs for a server that is not there for now: class 08 (connection exception),
 * 57P01–57P03 (shut down by an administrator, crashed, not yet accepting connections).
 */
const unavailableServerStates = /^(08\d{3}|57P0[123])$/;

/** gRPC's UNAVAILABLE: the Temporal frontend cannot be reached. */
const grpcUnavailable = 14;

/**
 * Whether the error says that PostgreSQL or Temporal cannot be reached just now — an outage, not a
 * fault of the request: the API answers 503 and the client tries again later.
 */
export function isOutage(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth += 1) {
    const { code } = cause as { code?: unknown };
    if (typeof code === 'string' && (connectionCodes.has(code) || unavailableServerStates.test(code)))
      return true;
    if (code === grpcUnavailable && 'metadata' in cause) return true;
    if (/^Connection terminated/.test(cause.message)) return true;
    if (cause instanceof AggregateError && cause.errors.some(isOutage)) return true;
    cause = cause.cause;
  }
  return false;
}

/** Seconds a client should wait before it tries again after an outage. */
export const outageRetryAfterSeconds = 5;
