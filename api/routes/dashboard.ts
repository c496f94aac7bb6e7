import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  expiringCertificates,
  stageMonths,
  type Waiting,
  waitingTasks,
  waitsEndingNext,
} from '../../db/dashboard';
import { caseStatuses } from '../../domain/accreditation';
import { type WaitingReason, waitingReasons } from '../../domain/waiting';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { presentTask, TaskSchema } from '../presenters';

const Status = z.enum(caseStatuses);
const StageCounts = z.record(Status, z.number().int());

const WaitingSchema = z.object({
  count: z.number().int(),
  first: z.array(TaskSchema).describe('The longest waiting first, at most `limit`'),
});

const DashboardResponse = z.object({
  asOf: z.iso.datetime({ offset: true }),
  pipeline: StageCounts.describe('Cases in each status now'),
  months: z
    .array(z.object({ month: z.string().describe('YYYY-MM (Europe/Berlin)'), cases: StageCounts }))
    .describe('Cases in each status at the end of each of the last 12 months, oldest first; the last is now'),
  overdueTasks: WaitingSchema.describe('Open tasks past their due date'),
  escalations: WaitingSchema.describe('Self-assessments escalated and still not submitted'),
  suspensionProposals: WaitingSchema.describe('Suspension proposals to confirm or reject'),
  waitsEndingNext: z
    .array(
      z.object({
        accreditationId: z.string(),
        organisationName: z.string(),
        status: Status,
        reason: z.enum(waitingReasons),
        until: z.iso.datetime({ offset: true }),
        subjectId: z.string(),
      }),
    )
    .describe(
      'Cases waiting for time (objection window, audit date, renewal window, …) whose wait ends next, at most `limit`',
    ),
  expiringCertificates: z.object({
    count: z.number().int().describe('Certificates (valid or suspended) ending within the days'),
    withinDays: z.number().int(),
  }),
});

const counts = (cases: Record<string, number>) =>
  Object.fromEntries(caseStatuses.map((status) => [status, cases[status] ?? 0])) as Record<
    (typeof caseStatuses)[number],
    number
  >;

/** The staff dashboard's numbers in one read: the pipeline, its last year and what is waiting. */
export const dashboardRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  app.get(
    '/dashboard',
    {
      config: { access: ['admin', 'staff', 'decision_maker'] },
      schema: {
        operationId: 'staffDashboard',
        summary: 'The pipeline and what is waiting (Übersicht für die Fallbetreuung)',
        description:
          'Cases per status now and at the end of each of the last 12 months; overdue tasks, escalated ' +
          'self-assessments and suspension proposals (counts and the longest waiting); the waits for time ending ' +
          'next; certificates ending soon.',
        tags: ['accreditations'],
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(50).default(10).describe('Tasks listed per kind'),
            expiringWithinDays: z.coerce.number().int().min(1).max(3650).default(90),
          })
          .strict(),
        response: { 200: DashboardResponse, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const now = new Date();
      const { limit, expiringWithinDays } = request.query;
      const [months, lists, expiring, waits] = await Promise.all([
        stageMonths(db, now),
        waitingTasks(db, now, limit),
        expiringCertificates(db, now, expiringWithinDays),
        waitsEndingNext(db, now, limit),
      ]);
      const present = ({ count, first }: Waiting) => ({
        count,
        first: first.map((row) => presentTask(row, now)),
      });
      return {
        asOf: now.toISOString(),
        pipeline: counts(months[months.length - 1]?.cases ?? {}),
        months: months.map(({ month, cases }) => ({ month, cases: counts(cases) })),
        overdueTasks: present(lists.overdue),
        escalations: present(lists.escalations),
        suspensionProposals: present(lists.suspensionProposals),
        waitsEndingNext: waits.map((row) => ({
          accreditationId: row.accreditation_id,
          organisationName: row.organisation_name,
          status: row.status as (typeof caseStatuses)[number],
          reason: row.waiting_reason as WaitingReason,
          until: (row.waiting_until as Date).toISOString(),
          subjectId: row.waiting_subject_id ?? '',
        })),
        expiringCertificates: { count: expiring, withinDays: expiringWithinDays },
      };
    },
  );
};
