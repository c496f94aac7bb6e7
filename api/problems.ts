import type { FastifyReply } from 'fastify';

/**
 * Errors as problem+json (RFC 9457). `type` is stable: clients branch on it, never on `title`
 * or `detail`.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

export const problemTypes = {
  validation: { slug: 'validation-failed', title: 'The request is not valid', status: 400 },
  unauthorised: { slug: 'unauthorised', title: 'Authentication required', status: 401 },
  forbidden: { slug: 'forbidden', title: 'Not allowed', status: 403 },
  notFound: { slug: 'not-found', title: 'Not found', status: 404 },
  methodNotAllowed: { slug: 'method-not-allowed', title: 'The path does not take this method', status: 405 },
  conflict: { slug: 'conflict', title: 'The step is not possible in the current state', status: 409 },
  payloadTooLarge: { slug: 'payload-too-large', title: 'The request body is too large', status: 413 },
  uriTooLong: { slug: 'uri-too-long', title: 'The URL is too long', status: 414 },
  unsupportedMediaType: {
    slug: 'unsupported-media-type',
    title: 'The media type is not accepted',
    status: 415,
  },
  idempotencyKeyReused: {
    slug: 'idempotency-key-reused',
    title: 'The Idempotency-Key was used for another request',
    status: 422,
  },
  termsRefused: {
    slug: 'terms-refused',
    title: 'The terms are outside what the standard allows',
    status: 422,
  },
  rateLimited: { slug: 'rate-limited', title: 'Too many requests', status: 429 },
  unavailable: { slug: 'temporarily-unavailable', title: 'Try again', status: 503 },
  internal: { slug: 'internal-error', title: 'Internal error', status: 500 },
} as const;

export type ProblemKind = keyof typeof problemTypes;

export function problem(
  kind: ProblemKind,
  detail?: string,
  extensions: Record<string, unknown> = {},
): Problem {
  const { slug, title, status } = problemTypes[kind];
  return { type: `/problems/${slug}`, title, status, ...(detail ? { detail } : {}), ...extensions };
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.status(body.status).type('application/problem+json').send(body);
}
