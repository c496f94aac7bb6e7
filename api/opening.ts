import { createHash } from 'node:crypto';
import { z } from 'zod';
import { inviteOrganisationContact } from '../db/account-tokens';
import type { UserRow } from '../db/database';
import { deleteOrganisation, insertOrganisationOnce } from '../db/identity';
import { type AccreditationDetail, findAccreditation } from '../db/read-model';
import { sealedAhead } from '../db/subject-keys';
import { currentEdition, technicalAreaIds } from '../domain/catalogue';
import { openingIssues } from '../domain/opening-checks';
import { PolicySchema } from '../domain/policy-schema';
import { EmailSchema, NameSchema, ScopeSchema, singleLine } from '../domain/text-limits';
import type { ApiDependencies } from './dependencies';
import { ProblemError, problem } from './problems';
import { openAccreditation } from './workflow-client';

export const OpenAccreditationBody = z
  .object({
    organisation: z
      .object({
        name: NameSchema,
        address: z
          .object({
            street: NameSchema,
            postalCode: singleLine(20),
            city: singleLine(100),
            country: z
              .string()
              .regex(/^[A-Z]{2}$/)
              .describe('ISO 3166-1 alpha-2, e.g. DE'),
          })
          .strict(),
        contactEmail: EmailSchema,
        language: z
          .enum(['de', 'en'])
          .default('de')
          .describe('Language of notifications to the organisation'),
      })
      .strict(),
    scope: ScopeSchema.describe('The services and sites the accreditation covers'),
    technicalAreas: z
      .array(z.enum(technicalAreaIds))
      .max(technicalAreaIds.length)
      .optional()
      .describe('The fields of application (§2) the case covers; auditors must be competent in them'),
    policy: PolicySchema.optional().describe(
      'Durations of the life cycle, within the limits of DIM 1002:2024 (validity at most 3 years, ' +
        'self-assessment at least yearly, suspension at most 6 months); omitted: the defaults',
    ),
  })
  .strict();

export type OpenAccreditationRequest = z.output<typeof OpenAccreditationBody>;

/**
 * Terms the body's schema allows but the standard does not (a period beyond its limit, a technical
 * area it does not list, competence required of auditors in no area): 422 naming each field, as
 * the OpenAPI document cannot state them (a duration's limit spans its units).
 */
export function refuseOpeningTerms(body: OpenAccreditationRequest): void {
  const issues = openingIssues({ edition: currentEdition, ...body });
  const [first] = issues;
  if (!first) return;
  const errors = issues.map((issue) => ({
    field: ['body', ...issue.path].join('.'),
    message: issue.message,
    code: issue.code,
  }));
  throw new ProblemError(
    problem('termsRefused', `Not within the standard: ${errors.map((error) => error.field).join(', ')}`, {
      code: first.code,
      errors,
    }),
  );
}

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

/**
 * Opens a case as a saga: the organisation is inserted (committed) before the workflow starts, and
 * deleted again when the workflow refuses the opening. Repeated with the same key, it opens nothing
 * twice and returns the same case.
 */
export async function openCase(
  { db, temporal, taskQueue, stepTimeoutMs }: ApiDependencies,
  user: UserRow,
  { organisation, scope, technicalAreas, policy }: OpenAccreditationRequest,
  key: string,
  retryKey = key,
): Promise<AccreditationDetail> {
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
    // Sealed with the organisation's key: its erasure reaches the name in the case's Temporal history.
    const organisationName = await sealedAhead(
      db,
      { type: 'AccreditationOpened', data: { organisationId, organisationName: organisation.name } },
      ['organisationName'],
    );
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
              organisationName,
              caseManagerId: user.user_id,
              scope,
              ...(technicalAreas ? { technicalAreas } : {}),
              ...(policy ? { policy } : {}),
            },
          },
          actor: { id: user.user_id, role: user.role },
        },
        { timeoutMs: stepTimeoutMs, updateId: `${user.user_id}:${key}`, retryKey },
      );
    } catch (error) {
      // Refused: nothing is left behind. Outcome unknown (503): the organisation stays for the retry.
      const refused = error instanceof ProblemError && error.problem.status !== 503;
      if (inserted && refused) await deleteOrganisation(db, organisationId);
      throw error;
    }
  }
  // Once per organisation, however often the opening is retried (see inviteOrganisationContact).
  await inviteOrganisationContact(db, { organisationId, ...organisation });
  const detail = await findAccreditation(db, accreditationId);
  if (!detail) throw new Error(`Accreditation ${accreditationId} was opened but is not in the read model`);
  return detail;
}
