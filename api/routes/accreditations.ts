import { createHash, randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteOrganisation, insertOrganisationOnce } from '../../db/identity';
import { findAccreditation, listAccreditations, maySeeAccreditation } from '../../db/read-model';
import { PolicySchema } from '../../domain/policy-schema';
import { caseStatuses } from '../../domain/state';
import type { ApiDependencies } from '../app';
import { currentUser } from '../auth';
import { problemResponses } from '../openapi';
import { ProblemError, problem } from '../problems';
import { openAccreditation } from '../steps';
import {
  AccreditationResponse,
  AccreditationSummarySchema,
  presentAccreditation,
  presentSummary,
} from '../view';
import { AsOfQuery, accreditationAsOf } from './case-file';
import { IdempotencyHeaders } from './steps';

const OpenAccreditationBody = z
  .object({
    organisation: z
      .object({
        name: z.string().trim().min(1).max(200),
        address: z
          .object({
            street: z.string().trim().min(1).max(200),
            postalCode: z.string().trim().min(1).max(20),
            city: z.string().trim().min(1).max(100),
            country: z
              .string()
              .regex(/^[A-Z]{2}$/)
              .describe('ISO 3166-1 alpha-2, e.g. DE'),
          })
          .strict(),
        contactEmail: z.email().max(254),
        language: z
          .enum(['de', 'en'])
          .default('de')
          .describe('Language of notifications to the organisation'),
      })
      .strict(),
    scope: z.string().trim().min(1).max(2000).describe('The services and sites the accreditation covers'),
    policy: PolicySchema.optional().describe(
      'Durations of the life cycle; omitted: the defaults of DIM 1002:2024',
    ),
  })
  .strict();

const statusList = new RegExp(`^(${caseStatuses.join('|')})(,(${caseStatuses.join('|')}))*$`);

const ListQuery = z
  .object({
    status: z
      .string()
      .regex(statusList)
      .optional()
      .describe(`Comma-separated statuses: ${caseStatuses.join(', ')}`),
    organisation: z.string().min(1).max(100).optional().describe('Organisation id'),
    organisationName: z.string().min(1).max(200).optional().describe('Part of the organisation name'),
    auditor: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('User id of an auditor involved in the current cycle'),
    overdue: z.enum(['true', 'false']).optional().describe('Only cases with an open task past its due date'),
    expiringWithinDays: z.coerce
      .number()
      .int()
      .min(0)
      .max(3650)
      .optional()
      .describe('Only certificates that end within this many days'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  })
  .strict();

const ListResponse = z.object({
  items: z.array(AccreditationSummarySchema),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
});

/**
 * The case's and the organisation's ids, derived from who opens it and the request's idempotency
 * key: a repeated request names the same case, so it opens nothing twice. UUIDs of version 8.
 */
function openingIds(userId: string, key: string) {
  const uuid = (purpose: string) => {
    const hex = createHash('sha256').update(`${userId}\n${key}\n${purpose}`).digest('hex');
    const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  return { accreditationId: uuid('accreditation'), organisationId: uuid('organisation') };
}

const encodeCursor = (updatedAt: Date, id: string) =>
  Buffer.from(`${updatedAt.toISOString()}|${id}`).toString('base64url');

function decodeCursor(cursor: string): { updatedAt: Date; accreditationId: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const updatedAt = new Date(at ?? '');
  if (!id || Number.isNaN(updatedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new ProblemError(
      problem('validation', 'The cursor is not valid.', {
        errors: [{ field: 'querystring.cursor', message: 'invalid cursor' }],
      }),
    );
  }
  return { updatedAt, accreditationId: id };
}

export const accreditationRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (
  app,
  { db, temporal, taskQueue, stepTimeoutMs },
) => {
  app.post(
    '/accreditations',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'openAccreditation',
        summary: 'Open an accreditation (Akkreditierung eröffnen)',
        description:
          'Registers the organisation and starts the accreditation; the caller becomes its case manager. ' +
          'The answer carries the organisation id, for creating the organisation’s users. ' +
          'Repeated with the same Idempotency-Key (e.g. after 503), it opens nothing twice and answers with the same case.',
        tags: ['accreditations'],
        headers: IdempotencyHeaders,
        body: OpenAccreditationBody,
        response: { 201: AccreditationResponse, ...problemResponses(400, 401, 403, 409, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { organisation, scope, policy } = request.body;
      const key = request.headers['idempotency-key'] ?? randomUUID();
      const { accreditationId, organisationId } = openingIds(user.user_id, key);
      if (!(await findAccreditation(db, accreditationId))) {
        // The organisation first, committed: a case must never name an organisation that is not there.
        const inserted = await insertOrganisationOnce(db, organisationId, {
          name: organisation.name,
          street: organisation.address.street,
          postal_code: organisation.address.postalCode,
          city: organisation.address.city,
          country: organisation.address.country,
          contact_email: organisation.contactEmail,
          language: organisation.language,
        });
        try {
          await openAccreditation(
            temporal,
            taskQueue,
            accreditationId,
            {
              command: {
                type: 'OpenAccreditation',
                data: {
                  accreditationId,
                  organisationId,
                  organisationName: organisation.name,
                  caseManagerId: user.user_id,
                  scope,
                  ...(policy ? { policy } : {}),
                },
              },
              actor: { id: user.user_id, role: user.role },
            },
            { timeoutMs: stepTimeoutMs, updateId: `${user.user_id}:${key}`, retryKey: key },
          );
        } catch (error) {
          // Refused: nothing is left behind. Outcome unknown (503): the organisation stays for the retry.
          const refused = error instanceof ProblemError && error.problem.status !== 503;
          if (inserted && refused) await deleteOrganisation(db, organisationId);
          throw error;
        }
      }
      const detail = await findAccreditation(db, accreditationId);
      if (!detail)
        throw new Error(`Accreditation ${accreditationId} was opened but is not in the read model`);
      return reply
        .status(201)
        .header('location', `/accreditations/${accreditationId}`)
        .send(presentAccreditation(detail));
    },
  );

  app.get(
    '/accreditations',
    {
      config: { access: ['admin', 'staff', 'decision_maker', 'auditor', 'organisation'] },
      schema: {
        operationId: 'listAccreditations',
        summary: 'List accreditations (Akkreditierungen auflisten)',
        description:
          'Most recently changed first, keyset-paginated. Auditors see the cases they are involved in, ' +
          'organisations their own.',
        tags: ['accreditations'],
        querystring: ListQuery,
        response: { 200: ListResponse, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const query = request.query;
      const rows = await listAccreditations(db, user, {
        status: query.status?.split(','),
        organisationId: query.organisation,
        organisationName: query.organisationName,
        auditorId: query.auditor,
        overdue: query.overdue === 'true',
        expiringWithinDays: query.expiringWithinDays,
        limit: query.limit + 1,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(presentSummary),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor(last.updated_at, last.accreditation_id) : null,
      };
    },
  );

  app.get(
    '/accreditations/:id',
    {
      config: { access: ['admin', 'staff', 'decision_maker', 'auditor', 'organisation'] },
      schema: {
        operationId: 'getAccreditation',
        summary: 'One accreditation with its open tasks and timeline (Akkreditierung anzeigen)',
        tags: ['accreditations'],
        params: z.object({ id: z.uuid() }),
        querystring: AsOfQuery,
        response: { 200: AccreditationResponse, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const { asOf } = request.query;
      if (asOf !== undefined) {
        const past = await accreditationAsOf(db, currentUser(request), request.params.id, asOf);
        return presentAccreditation(past, new Date(asOf));
      }
      const detail = await findAccreditation(db, request.params.id);
      // Not visible and not existing look the same, so existence does not leak.
      if (!detail || !maySeeAccreditation(currentUser(request), detail.row, detail.tasks)) {
        throw new ProblemError(problem('notFound', 'No such accreditation.'));
      }
      return presentAccreditation(detail);
    },
  );
};
