/**
 * Complaints as their own life cycle (issue 20 item 5): anyone lodges one through the public form
 * (staff record one received by letter or phone), staff acknowledge it, appoint an uninvolved
 * investigator, who decides it; staff answer the complainant and close it. Every step goes to the
 * complaint's workflow (workflows/complaint.ts); the read table is `complaints`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findComplainant } from '../../db/complainants';
import type { ComplaintRow } from '../../db/complaint-tables';
import {
  caseFollowUp,
  complaintSubject,
  findComplaint,
  listComplaints,
  peopleInvolved,
  recordComplainant,
} from '../../db/complaints';
import type { UserRow } from '../../db/database';
import { findUser } from '../../db/identity';
import { sealedAhead } from '../../db/subject-keys';
import { CaseFollowUpSchema } from '../../domain/case-file/complaint-follow-up';
import {
  type ComplaintActor,
  type ComplaintCommandOf,
  complaintFollowUps,
  complaintOutcomes,
  complaintStatuses,
  type HumanComplaintCommandType,
} from '../../domain/complaint';
import { FreeTextSchema, IdSchema, maxLength, NameSchema } from '../../domain/text-limits';
import { currentUser } from '../auth';
import { executeComplaintStep, lodgeComplaint } from '../complaint-client';
import type { ApiDependencies } from '../dependencies';
import { IdempotencyHeaders, withIdempotencyKey } from '../idempotency';
import { problemResponses } from '../openapi';
import { ProblemError, problem } from '../problems';
import { publicRateLimit } from '../rate-limits';
import { operationId } from './steps';

const when = z.iso.datetime({ offset: true });
const ComplaintResponse = z
  .object({
    id: z.string(),
    status: z.enum(complaintStatuses),
    channel: z.string(),
    organisationName: z.string().nullable(),
    organisationId: z.string().nullable(),
    accreditationId: z.string().nullable(),
    certificateNumber: z.string().nullable(),
    text: z.string(),
    complainantId: z.string(),
    receivedAt: when,
    acknowledgeBy: when,
    acknowledgedAt: when.nullable(),
    acknowledgementMissed: z.boolean(),
    investigatorId: z.string().nullable(),
    outcome: z.enum(complaintOutcomes).nullable(),
    reasons: z.string().nullable(),
    followUp: z.enum(complaintFollowUps).nullable(),
    followUpStatus: z.string().nullable(),
    decidedAt: when.nullable(),
    answeredAt: when.nullable(),
    closedAt: when.nullable(),
  })
  .describe('A complaint as the list shows it (the complainant only by the id of their record)');

const ComplaintDetailResponse = ComplaintResponse.extend({
  complainant: z
    .object({
      name: z.string().describe('After the erasure (Art. 17 DSGVO): Gelöschte Person'),
      email: z.string().nullable().describe('null once erased'),
      language: z.string(),
      erasedAt: when.nullable(),
    })
    .nullable()
    .describe('Staff only (the investigator is staff): null for administrators'),
  caseFollowUp: CaseFollowUpSchema.nullable().describe(
    'What became of a special audit or suspension on the case; null without one, or when it never reached the case',
  ),
}).describe('One complaint as staff see it, with the complainant’s contact and the follow-up’s outcome');

const iso = (at: Date | null) => (at ? at.toISOString() : null);
const presentComplaint = (row: ComplaintRow): z.infer<typeof ComplaintResponse> => ({
  id: row.complaint_id,
  status: row.status as z.infer<typeof ComplaintResponse>['status'],
  channel: row.channel,
  organisationName: row.organisation_name,
  organisationId: row.organisation_id,
  accreditationId: row.accreditation_id,
  certificateNumber: row.certificate_number,
  text: row.text,
  complainantId: row.complainant_id,
  receivedAt: row.received_at.toISOString(),
  acknowledgeBy: row.acknowledge_by.toISOString(),
  acknowledgedAt: iso(row.acknowledged_at),
  acknowledgementMissed: row.acknowledgement_missed,
  investigatorId: row.investigator_id,
  outcome: row.outcome as z.infer<typeof ComplaintResponse>['outcome'],
  reasons: row.reasons,
  followUp: row.follow_up as z.infer<typeof ComplaintResponse>['followUp'],
  followUpStatus: row.follow_up_status,
  decidedAt: iso(row.decided_at),
  answeredAt: iso(row.answered_at),
  closedAt: iso(row.closed_at),
});

/** The contact is shown to staff only: they handle the complaint; administrators answer Art. 15 requests elsewhere. */
async function presentComplaintDetail(
  db: ApiDependencies['db'],
  row: ComplaintRow,
  viewer: UserRow,
): Promise<z.infer<typeof ComplaintDetailResponse>> {
  const [contact, followUp] = await Promise.all([
    viewer.role === 'staff' ? findComplainant(db, row.complainant_id) : undefined,
    caseFollowUp(db, row),
  ]);
  return {
    ...presentComplaint(row),
    complainant: contact
      ? {
          name: contact.name,
          email: contact.erased_at ? null : contact.email,
          language: contact.language,
          erasedAt: iso(contact.erased_at),
        }
      : null,
    caseFollowUp: followUp,
  };
}

const LodgeBody = z
  .object({
    name: NameSchema,
    email: z.email().max(maxLength.name),
    language: z.enum(['de', 'en']).default('de'),
    text: FreeTextSchema,
    certificateNumber: IdSchema.optional(),
    organisationName: NameSchema.optional(),
  })
  .strict();

/** The steps on a complaint after its lodging: each a route, the roles from the domain's permits. */
const steps: Record<
  Exclude<HumanComplaintCommandType, 'LodgeComplaint'>,
  { path: string; summary: string; body: z.ZodType }
> = {
  AcknowledgeComplaint: {
    path: 'acknowledgement',
    summary: 'Acknowledge the complaint to the complainant (Eingang bestätigen)',
    body: z.object({}).strict(),
  },
  AppointComplaintInvestigator: {
    path: 'investigator',
    summary: 'Appoint a staff member not involved with the organisation as investigator',
    body: z.object({ investigatorId: IdSchema }).strict(),
  },
  ResolveComplaint: {
    path: 'decision',
    summary: 'Decide the complaint: upheld or not, the reasons, the follow-up (by the investigator)',
    body: z
      .object({
        outcome: z.enum(complaintOutcomes),
        reasons: FreeTextSchema,
        followUp: z.enum(complaintFollowUps).default('none'),
      })
      .strict(),
  },
  AnswerComplainant: {
    path: 'answer',
    summary: 'Answer the complainant with the outcome and its reasons',
    body: z.object({}).strict(),
  },
  ConcludeComplaint: { path: 'close', summary: 'Close the complaint', body: z.object({}).strict() },
};

/** Investigators are staff (who else decides on DIM's behalf); the investigator's step is staff's too. */
const stepAccess = ['staff'] as const;

const actorOf = (user: UserRow): ComplaintActor => ({ id: user.user_id, role: user.role });

export const complaintRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (
  app,
  { db, temporal, taskQueue, stepTimeoutMs, publicRateLimits, idempotencyKeyHours },
) => {
  app.post(
    '/complaints',
    {
      config: { access: 'public', rateLimit: publicRateLimit(publicRateLimits, 'complaints') },
      schema: {
        operationId: 'lodgeComplaint',
        summary: 'Lodge a complaint about an organisation (Beschwerde einreichen)',
        description:
          'Anyone, without signing in; staff record one received by letter or phone. The answer names ' +
          'only the complaint’s reference; the complainant is told by e-mail when it is acknowledged and answered.',
        tags: ['complaints'],
        body: LodgeBody,
        response: {
          202: z.object({ reference: z.string() }),
          ...problemResponses(400, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { name, email, language, text, certificateNumber, organisationName } = request.body;
      const staff = request.user?.role === 'staff' ? request.user : null;
      const complaintId = randomUUID();
      const complainantId = randomUUID();
      const found = await complaintSubject(db, {
        ...(certificateNumber ? { certificateNumber } : {}),
        ...(organisationName ? { organisationName } : {}),
      });
      const { acknowledgementDeadline } = found;
      // A known organisation's name enters Temporal sealed with its key, as in the opening of a case.
      const subject = {
        ...found.subject,
        organisationName:
          found.subject.organisationName === null
            ? null
            : await sealedAhead(db, { type: 'ComplaintLodged', data: found }, [
                'subject',
                'organisationName',
              ]),
      };
      await recordComplainant(db, { complainantId, name, email, language });
      const channel = staff ? 'staff' : 'public';
      await lodgeComplaint(
        temporal,
        taskQueue,
        complaintId,
        {
          command: {
            type: 'LodgeComplaint',
            data: { complaintId, complainantId, text, subject, channel, acknowledgementDeadline },
          },
          actor: staff ? actorOf(staff) : { id: 'public', role: 'public' },
        },
        { timeoutMs: stepTimeoutMs },
      );
      request.log.info({ complaintId, channel }, 'complaint lodged');
      return reply.status(202).send({ reference: complaintId });
    },
  );

  app.get(
    '/complaints',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'listComplaints',
        summary: 'Complaints, the newest first (Beschwerden)',
        tags: ['complaints'],
        querystring: z
          .object({
            status: z.enum(complaintStatuses).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: {
          200: z.object({ items: z.array(ComplaintResponse) }),
          ...problemResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => ({ items: (await listComplaints(db, request.query)).map(presentComplaint) }),
  );

  const complaintOr404 = async (id: string) => {
    const row = await findComplaint(db, id);
    if (!row) throw new ProblemError(problem('notFound', 'No such complaint.'));
    return row;
  };

  app.get(
    '/complaints/:id',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'getComplaint',
        summary: 'One complaint',
        tags: ['complaints'],
        params: z.object({ id: IdSchema }),
        response: { 200: ComplaintDetailResponse, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) =>
      presentComplaintDetail(db, await complaintOr404(request.params.id), currentUser(request)),
  );

  for (const [type, step] of Object.entries(steps) as [
    keyof typeof steps,
    (typeof steps)[keyof typeof steps],
  ][]) {
    app.post(
      `/complaints/:id/${step.path}`,
      {
        config: { access: stepAccess },
        schema: {
          operationId: operationId(type),
          summary: step.summary,
          tags: ['complaints'],
          params: z.object({ id: IdSchema }),
          headers: IdempotencyHeaders,
          body: step.body,
          response: {
            200: ComplaintDetailResponse,
            ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422, 429, 503),
          },
        },
      },
      async (request) => {
        const user = currentUser(request);
        const complaint = await complaintOr404(request.params.id);
        const data = await stepData(type, request.body as Record<string, unknown>, complaint);
        await withIdempotencyKey({ db, idempotencyKeyHours }, request, user, (key, retryKey) =>
          executeComplaintStep(
            temporal,
            complaint.complaint_id,
            { command: { type, data } as ComplaintCommandOf<typeof type>, actor: actorOf(user) },
            { updateId: `${user.user_id}:${key}`, retryKey, timeoutMs: stepTimeoutMs },
          ),
        );
        return presentComplaintDetail(db, await complaintOr404(complaint.complaint_id), user);
      },
    );
  }

  /** The appointment names a staff member, and the API adds who may not investigate. */
  async function stepData(type: keyof typeof steps, body: Record<string, unknown>, complaint: ComplaintRow) {
    if (type !== 'AppointComplaintInvestigator') return body;
    const investigator = await findUser(db, String(body.investigatorId));
    if (investigator?.role !== 'staff') {
      throw new ProblemError(
        problem('validation', 'The investigator must be a member of DIM’s staff.', {
          code: 'unknown_investigator',
        }),
      );
    }
    const involvedPeople = await peopleInvolved(db, {
      organisationId: complaint.organisation_id,
      accreditationId: complaint.accreditation_id,
    });
    return { ...body, involvedPeople };
  }
};
