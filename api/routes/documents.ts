import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DocumentQuotaExceeded,
  type DocumentRow,
  documentTypes,
  findReadableDocument,
  readDocumentContent,
  saveDocument,
} from '../../db/documents';
import { type DocumentMediaType, maxDocumentBytes, mediaTypes } from '../../domain/media-types';
import { userRoles } from '../../domain/roles';
import { FileNameSchema } from '../../domain/text-limits';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { ProblemError, problem } from '../problems';

/** What one party (an organisation, or a user without one) may store in all (default). */
export const defaultDocumentQuotaBytes = 500 * 1024 * 1024;

const DocumentSchema = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('The SHA-256 of the content; commands reference documents by it'),
  mediaType: z.string(),
  size: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
});

const UploadResponse = DocumentSchema.extend({
  duplicate: z.boolean().describe('True when the same content had been stored before'),
});

export const Base64Upload = z
  .object({
    mediaType: z.enum(mediaTypes),
    filename: FileNameSchema.optional(),
    contentBase64: z
      .string()
      .min(1)
      .regex(
        /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/,
        'Not base64 of at least one byte (padded with = to a multiple of four characters)',
      )
      .describe('The file, base64-encoded'),
  })
  .strict();

const UploadQuery = z.object({ filename: FileNameSchema.optional() }).strict();
const Sha256Params = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });

const present = (row: DocumentRow) => ({
  id: row.sha256,
  mediaType: row.media_type,
  size: row.size_bytes,
  createdAt: (row.created_at ?? new Date()).toISOString(),
});

const unsupported = (detail: string) =>
  new ProblemError(problem('unsupportedMediaType', detail, { accepted: mediaTypes }));

function invalidUpload(detail: string): ProblemError {
  return new ProblemError(problem('validation', detail, { errors: [{ field: 'body', message: detail }] }));
}

/** The upload as bytes, whether it came raw or as base64 JSON, checked against its declared type. */
function readUpload(request: FastifyRequest): {
  content: Buffer;
  mediaType: string;
  filename: string | null;
} {
  const declared = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const query = UploadQuery.safeParse(request.query);
  if (!query.success) throw invalidUpload('The only query parameter is filename (1–255 characters).');
  let upload: { content: Buffer; mediaType: string; filename: string | null };
  if (declared === 'application/json') {
    const parsed = Base64Upload.safeParse(request.body);
    if (!parsed.success)
      throw invalidUpload(
        parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      );
    upload = {
      content: Buffer.from(parsed.data.contentBase64, 'base64'),
      mediaType: parsed.data.mediaType,
      filename: parsed.data.filename ?? query.data.filename ?? null,
    };
  } else {
    if (!(declared in documentTypes)) throw unsupported(`${declared || 'No media type'} is not accepted.`);
    upload = { content: request.body as Buffer, mediaType: declared, filename: query.data.filename ?? null };
  }
  if (!Buffer.isBuffer(upload.content) || upload.content.length === 0)
    throw invalidUpload('The document is empty.');
  if (upload.content.length > maxDocumentBytes) {
    throw new ProblemError(problem('payloadTooLarge', `Documents are limited to ${maxDocumentBytes} bytes.`));
  }
  if (!documentTypes[upload.mediaType as DocumentMediaType]?.(upload.content)) {
    throw unsupported(`The content is not ${upload.mediaType}.`);
  }
  return upload;
}

const uploadRoute: FastifyPluginAsync<ApiDependencies> = async (
  app,
  { db, documents, documentQuotaBytes },
) => {
  // Raw bodies only here: every other route answers an evidence media type with 415.
  app.addContentTypeParser(
    mediaTypes,
    { parseAs: 'buffer', bodyLimit: maxDocumentBytes },
    (_request, body, done) => done(null, body),
  );
  app.post(
    '/documents',
    {
      bodyLimit: Math.ceil((maxDocumentBytes * 4) / 3) + 1024,
      config: {
        access: ['admin', 'staff', 'auditor', 'organisation'],
      },
      schema: {
        operationId: 'uploadDocument',
        summary: 'Upload evidence (Nachweis hochladen)',
        description:
          `The raw file with its Content-Type (${mediaTypes.join(', ')}), or JSON with base64 content; ` +
          `at most ${maxDocumentBytes / 1024 / 1024} MB. Stored once per SHA-256, which is the document id; duplicate: true when you ` +
          `stored the same bytes before (201 the first time). ` +
          `Your organisation's documents may take ${defaultDocumentQuotaBytes / 1024 / 1024} MB in all (413, code document_quota_exceeded).`,
        // Documented per media type in finishDocument (api/openapi.ts); validated by readUpload.
        body: Base64Upload,
        tags: ['documents'],
        querystring: UploadQuery,
        response: {
          201: UploadResponse,
          200: UploadResponse,
          ...problemResponses(400, 401, 403, 413, 415, 429),
        },
      },
      // The zod validator does not apply to raw bytes; readUpload validates.
      validatorCompiler: () => (data) => ({ value: data }),
    },
    async (request, reply) => {
      const user = currentUser(request);
      const upload = readUpload(request);
      const stored = await saveDocument(
        db,
        documents,
        { ...upload, uploadedBy: user },
        documentQuotaBytes ?? defaultDocumentQuotaBytes,
      ).catch((error: unknown) => {
        if (!(error instanceof DocumentQuotaExceeded)) throw error;
        throw new ProblemError(
          problem(
            'payloadTooLarge',
            `Your documents may take ${error.quotaBytes} bytes in all; ${error.usedBytes} are used.`,
            {
              code: 'document_quota_exceeded',
            },
          ),
        );
      });
      request.log.info(
        { sha256: stored.sha256, size: stored.size_bytes, duplicate: !stored.created },
        'document stored',
      );
      return reply
        .status(stored.created ? 201 : 200)
        .header('location', `/documents/${stored.sha256}`)
        .send({ ...present(stored), duplicate: !stored.created });
    },
  );
};

export const documentRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, deps) => {
  const { db, documents } = deps;
  await app.register(uploadRoute, deps);

  const readable = async (request: FastifyRequest, sha256: string) => {
    const document = await findReadableDocument(db, currentUser(request), sha256);
    if (!document) throw new ProblemError(problem('notFound', 'No such document.'));
    return document;
  };

  app.get(
    '/documents/:sha256',
    {
      config: { access: userRoles },
      schema: {
        operationId: 'getDocument',
        summary: 'Metadata of a document',
        description:
          'Visible to DIM staff, to whoever uploaded it, to its organisation and to the auditors of its cases.',
        tags: ['documents'],
        params: Sha256Params,
        response: { 200: DocumentSchema, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => present(await readable(request, request.params.sha256)),
  );

  app.get(
    '/documents/:sha256/content',
    {
      config: { access: userRoles },
      schema: {
        operationId: 'downloadDocument',
        summary: 'The content of a document',
        tags: ['documents'],
        params: Sha256Params,
        response: {
          200: {
            description: 'The file, with its media type',
            content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: z.string() }])),
          },
          ...problemResponses(400, 401, 403, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const document = await readable(request, request.params.sha256);
      const content = await readDocumentContent(db, documents, document);
      return reply
        .type(document.media_type)
        .header('content-disposition', 'attachment')
        .header('x-content-type-options', 'nosniff')
        .send(content as unknown as string);
    },
  );
};
