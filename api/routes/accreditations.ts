import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deadlinesOf, findAccreditation, listAccreditations, maySeeAccreditation } from '../../db/read-model';
import { caseStatuses } from '../../domain/accreditation';
import { seesWholeCase } from '../../domain/case-file/visibility';
import { userRoles } from '../../domain/roles';
import { IdSchema, maxLength } from '../../domain/text-limits';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { IdempotencyHeaders, withIdempotencyKey } from '../idempotency';
import { problemResponses } from '../openapi';
import { OpenAccreditationBody, openCase, refuseOpeningTerms } from '../opening';
import {
  AccreditationResponse,
  AccreditationSummarySchema,
  presentAccreditation,
  presentSummary,
  summarySeenBy,
} from '../presenters';
import { ProblemError, problem } from '../problems';
import { AsOfQuery, accreditationAsOf, accreditationSeenBy } from './case-file';

const statusList = new RegExp(`^(${caseStatuses.join('|')})(,(${caseStatuses.join('|')}))*$`);

const ListQuery = z
  .object({
    status: z
      .string()
      .regex(statusList)
      .optional()
      .describe(`Comma-separated statuses: ${caseStatuses.join(', ')}`),
    organisation: IdSchema.optional().describe('Organisation id'),
    organisationName: z
      .string()
      .min(1)
      .max(maxLength.name)
      .optional()
      .describe('Part of the organisation name'),
    auditor: IdSchema.optional().describe('User id of an auditor involved in the current cycle'),
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

export const accreditationRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, deps) => {
  const { db } = deps;
  app.post(
    '/accreditations',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'openAccreditation',
        summary: 'Open an accreditation (Akkreditierung eröffnen)',
        description:
          'Registers the organisation and starts the accreditation; the caller becomes its case manager. ' +
          'The answer carries the organisation id, for creating the organisation’s users. The contact ' +
          'e-mail address gets a user of role organisation and an invitation e-mail, unless it has a user. ' +
          'Repeated with the same Idempotency-Key (e.g. after 503), it opens nothing twice and answers with the same case. ' +
          'Terms beyond DIM 1002:2024 (a period longer than its limit, competence required without technical areas) ' +
          'are refused with 422 terms-refused, naming each field.',
        tags: ['accreditations'],
        headers: IdempotencyHeaders,
        body: OpenAccreditationBody,
        response: {
          201: AccreditationResponse,
          ...problemResponses(400, 401, 403, 409, 413, 415, 422, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      refuseOpeningTerms(request.body);
      const detail = await withIdempotencyKey(deps, request, user, (key, retryKey) =>
        openCase(deps, user, request.body, key, retryKey),
      );
      return reply
        .status(201)
        .header('location', `/accreditations/${detail.row.accreditation_id}`)
        .send(presentAccreditation(detail));
    },
  );

  app.get(
    '/accreditations',
    {
      config: { access: userRoles },
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
      const viewer = { role: user.role, userId: user.user_id };
      const deadlines = seesWholeCase(viewer)
        ? undefined
        : await deadlinesOf(
            db,
            page.map((row) => row.stream_id),
          );
      return {
        items: page.map((row) =>
          presentSummary(deadlines ? summarySeenBy(row, deadlines.get(row.stream_id) ?? [], viewer) : row),
        ),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor(last.updated_at, last.accreditation_id) : null,
      };
    },
  );

  app.get(
    '/accreditations/:id',
    {
      config: { access: userRoles },
      schema: {
        operationId: 'getAccreditation',
        summary: 'One accreditation with its open tasks and timeline (Akkreditierung anzeigen)',
        description:
          'Its open tasks and the timeline of its events as the caller may see them, by the rule of ' +
          'the case file (GET /accreditations/{id}/file): staff and administrators everything; ' +
          'decision makers all but complaints; auditors and organisations neither DIM’s internal ' +
          'deliberations (suspension proposals, escalations, the decision queue, lapse proposals) nor ' +
          'complaints; organisations not the reminders sent to auditors. A complaint’s investigator ' +
          'sees that complaint.',
        tags: ['accreditations'],
        params: z.object({ id: z.uuid() }),
        querystring: AsOfQuery,
        response: { 200: AccreditationResponse, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const { asOf } = request.query;
      if (asOf !== undefined) {
        return presentAccreditation(await accreditationAsOf(db, user, id, asOf), new Date(asOf));
      }
      const detail = await findAccreditation(db, id);
      // Not visible and not existing look the same, so existence does not leak.
      if (!detail || !maySeeAccreditation(user, detail.row, detail.tasks)) {
        throw new ProblemError(problem('notFound', 'No such accreditation.'));
      }
      return presentAccreditation(await accreditationSeenBy(db, user, detail));
    },
  );
};
