import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CertificateRow } from '../../db/database';
import { searchRegister } from '../../db/read-model';
import { IdSchema, maxLength } from '../../domain/text-limits';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { ProblemError, problem } from '../problems';
import { publicRateLimit } from '../rate-limits';

export const RegisterEntry = z
  .object({
    certificateNumber: z.string(),
    organisationName: z.string(),
    status: z.enum(['valid', 'suspended', 'withdrawn', 'expired']),
    validFrom: z.iso.datetime({ offset: true }),
    validUntil: z.iso.datetime({ offset: true }),
    scope: z
      .string()
      .describe('The services and sites the certificate covers, as a granted scope change left them'),
  })
  .describe('A certificate in the public register (no personal data)');

export const presentRegisterEntry = (row: CertificateRow): z.infer<typeof RegisterEntry> => ({
  certificateNumber: row.certificate_number,
  organisationName: row.organisation_name,
  status: row.status,
  validFrom: row.valid_from.toISOString(),
  validUntil: row.valid_until.toISOString(),
  scope: row.scope,
});

/** The public register (DIM 1002:2024 §7): anyone may check whether a certificate is valid. */
export const registerRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (
  app,
  { db, publicRateLimits },
) => {
  app.get(
    '/register',
    {
      config: { access: 'public', rateLimit: publicRateLimit(publicRateLimits, 'register') },
      schema: {
        operationId: 'searchRegister',
        summary: 'Search the public register (Öffentliches Register durchsuchen)',
        description:
          'By certificate number or part of the organisation name; without either, every certificate.',
        tags: ['register'],
        querystring: z
          .object({
            certificateNumber: IdSchema.optional(),
            organisation: z
              .string()
              .min(1)
              .max(maxLength.name)
              .optional()
              .describe('Part of the organisation name'),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(RegisterEntry) }), ...problemResponses(400, 429) },
      },
    },
    async (request) => {
      const rows = await searchRegister(db, request.query);
      return { items: rows.map(presentRegisterEntry) };
    },
  );

  app.get(
    '/register/:certificateNumber',
    {
      config: { access: 'public', rateLimit: publicRateLimit(publicRateLimits, 'register') },
      schema: {
        operationId: 'verifyCertificate',
        summary: 'Verify one certificate (Zertifikat prüfen)',
        tags: ['register'],
        params: z.object({ certificateNumber: IdSchema }),
        response: { 200: RegisterEntry, ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const [row] = await searchRegister(db, {
        certificateNumber: request.params.certificateNumber,
        limit: 1,
      });
      if (!row) throw new ProblemError(problem('notFound', 'No certificate with this number.'));
      return presentRegisterEntry(row);
    },
  );
};
