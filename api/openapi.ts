import type { FastifyReply } from 'fastify';
import { z } from 'zod';

export const ProblemSchema = z
  .object({
    type: z.string().describe('Stable URI reference naming the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z
      .string()
      .optional()
      .describe('A stable code of the refusal, where the type alone does not say it'),
    errors: z
      .array(
        z
          .object({
            field: z.string().describe('Where: body.organisation.name, querystring.limit, …'),
            message: z.string().describe('In English'),
            code: z.string().optional().describe('The issue: too_big, too_small, invalid_type, custom, …'),
            limit: z.number().optional().describe('too_big, too_small: the bound'),
            origin: z
              .string()
              .optional()
              .describe('What the bound counts: string (characters), array (entries)'),
            format: z
              .string()
              .optional()
              .describe('invalid_format: which format (email, regex, date, datetime, uuid, …)'),
          })
          .loose(),
      )
      .optional()
      .describe('400 validation: each invalid value'),
  })
  .loose()
  .describe('RFC 9457 problem details');

const problemResponse = {
  description: 'Problem details (RFC 9457)',
  content: { 'application/problem+json': { schema: ProblemSchema } },
};

/** A response without a body (documented as such: no content). */
export const NoContent = z.null().describe('No content');

/** Answers a route whose success response is `NoContent`: the status and an empty body. */
export const sendNoContent = (reply: FastifyReply, status: 202 | 204): FastifyReply =>
  reply.status(status).send();

/** The problem+json responses a route documents, by status. */
export function problemResponses(...statuses: number[]): Record<number, typeof problemResponse> {
  return Object.fromEntries(statuses.map((status) => [status, problemResponse]));
}

type Operation = { requestBody?: { content?: Record<string, unknown> } };

/**
 * Touches up what the zod transform cannot express: raw uploads are documented per media type
 * (binary for files, the base64 JSON form for application/json).
 */
export function finishDocument<T extends object>(
  document: T,
  uploads: { path: string; mediaTypes: string[]; jsonSchema: unknown }[],
): T {
  const paths = (document as { paths?: Record<string, Record<string, Operation | undefined>> }).paths;
  for (const { path, mediaTypes, jsonSchema } of uploads) {
    const operation = paths?.[path]?.post;
    if (!operation) continue;
    operation.requestBody = {
      ...operation.requestBody,
      content: {
        ...Object.fromEntries(
          mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
        ),
        'application/json': { schema: jsonSchema },
      },
    };
  }
  return document;
}
