import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type CaseForCompliance, caseForCompliance, casesForCompliance } from '../../db/compliance';
import { maySeeAccreditation } from '../../db/read-model';
import { complianceOf, complianceRules, complianceStatuses, overallStatus } from '../../domain/compliance';
import { caseStatuses } from '../../domain/state';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { ProblemError, problem } from '../problems';

const DateTime = z.iso.datetime({ offset: true });
const Status = z.enum(complianceStatuses);

const EvidenceSchema = z
  .object({
    version: z.number().int().describe('The event’s place in the case’s stream'),
    globalPosition: z.number().int().describe('The event’s place in the store'),
    type: z.string(),
    at: DateTime,
  })
  .describe('An event that shows the judgement');

const RuleResultSchema = z.object({
  rule: z.enum(complianceRules),
  source: z.string().describe('Where the rule comes from: DIM 1002:2024 or ISO/IEC 17021-1 practice'),
  status: Status.describe('violated if any instance is; pending if any is, or none exists yet; else held'),
  instances: z.array(
    z.object({
      subjectId: z.string().describe('The certificate, self-assessment, decision, suspension or complaint'),
      status: Status,
      detail: z.string().describe('Why, as a stable word: submitted_late, decided_by_auditor, …'),
      dueAt: DateTime.nullable().describe('The deadline or bound the instance is judged against'),
      evidence: z.array(EvidenceSchema),
    }),
  ),
});

const CaseComplianceResponse = z.object({
  accreditationId: z.uuid(),
  organisationName: z.string(),
  status: z.enum(caseStatuses),
  asOf: DateTime.describe('The instant pending and violated are judged at'),
  overall: Status,
  rules: z.array(RuleResultSchema),
});

const RegisterComplianceResponse = z.object({
  asOf: DateTime,
  items: z.array(
    z.object({
      accreditationId: z.uuid(),
      organisationName: z.string(),
      status: z.enum(caseStatuses),
      overall: Status,
      rules: z.record(z.enum(complianceRules), Status),
    }),
  ),
  totals: z
    .record(z.enum(complianceRules), z.record(Status, z.number().int()))
    .describe('Cases of this page per rule and status'),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
});

/** Judged at the later of now and the case's last event (a case on a test clock runs ahead). */
function judge({ events, complaints }: CaseForCompliance, now: Date) {
  const last = events.at(-1)?.at;
  const asOf = last && last > now.toISOString() ? last : now.toISOString();
  const rules = complianceOf(events, asOf, complaints);
  return { asOf, rules, overall: overallStatus(rules) };
}

const status = (value: string) => value as (typeof caseStatuses)[number];

/** `GET /accreditations/{id}/compliance` and the register-wide `GET /compliance`. */
export const complianceRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  app.get(
    '/accreditations/:id/compliance',
    {
      config: { access: ['admin', 'staff', 'decision_maker', 'organisation'] },
      schema: {
        operationId: 'getAccreditationCompliance',
        summary: 'The timing rules and whether the case kept them (Einhaltung der Fristen)',
        description:
          'Each timing rule of DIM 1002:2024 (validity, yearly self-assessment, renewal before expiry) and ' +
          'of ISO/IEC 17021-1 practice (decision after the audit by someone uninvolved, suspension at most ' +
          'six months, complaints acknowledged in time): held, violated or pending, with the events that ' +
          'show it. An organisation sees its own cases; the complaints rule is shown to staff only.',
        tags: ['accreditations'],
        params: z.object({ id: z.uuid() }),
        response: { 200: CaseComplianceResponse, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const found = await caseForCompliance(db, request.params.id);
      const opened = found?.events[0];
      const organisationId = opened?.type === 'AccreditationOpened' ? opened.data.organisationId : '';
      if (!found || !maySeeAccreditation(user, { organisation_id: organisationId, auditor_ids: [] }, [])) {
        throw new ProblemError(problem('notFound', 'No such accreditation.'));
      }
      // Complaints are DIM's business: the organisation's (and a decision maker's) case file leaves them out.
      const { asOf, rules: all } = judge(found, new Date());
      const seesComplaints = user.role === 'admin' || user.role === 'staff';
      const rules = all.filter(
        (result) => seesComplaints || result.rule !== 'complaint_acknowledged_in_time',
      );
      const overall = overallStatus(rules);
      return {
        accreditationId: found.accreditationId,
        organisationName: found.organisationName,
        status: status(found.status),
        asOf,
        overall,
        rules,
      };
    },
  );

  app.get(
    '/compliance',
    {
      config: { access: ['admin', 'staff'] },
      schema: {
        operationId: 'registerCompliance',
        summary: 'The timing rules across the register (Fristeneinhaltung aller Akkreditierungen)',
        description:
          'Every case with each rule’s status, by accreditation id, keyset-paginated; the totals count the ' +
          'page’s cases per rule and status. The events behind a case: GET /accreditations/{id}/compliance.',
        tags: ['accreditations'],
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(100).default(50),
            cursor: z.uuid().optional().describe('nextCursor of the previous page'),
          })
          .strict(),
        response: { 200: RegisterComplianceResponse, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const now = new Date();
      const cases = await casesForCompliance(db, { limit: limit + 1, after: cursor });
      const page = cases.slice(0, limit);
      const totals = Object.fromEntries(
        complianceRules.map((rule) => [rule, { held: 0, violated: 0, pending: 0 }]),
      ) as Record<(typeof complianceRules)[number], Record<(typeof complianceStatuses)[number], number>>;
      const items = page.map((found) => {
        const { rules, overall } = judge(found, now);
        for (const result of rules) totals[result.rule][result.status] += 1;
        return {
          accreditationId: found.accreditationId,
          organisationName: found.organisationName,
          status: status(found.status),
          overall,
          rules: Object.fromEntries(rules.map((result) => [result.rule, result.status])) as Record<
            (typeof complianceRules)[number],
            (typeof complianceStatuses)[number]
          >,
        };
      });
      const last = page.at(-1);
      return {
        asOf: now.toISOString(),
        items,
        totals,
        nextCursor: cases.length > limit && last ? last.accreditationId : null,
      };
    },
  );
};
