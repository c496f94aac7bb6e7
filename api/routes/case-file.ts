import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { accreditationDetailAsOf, caseAsOf, caseFileOf, readStreamAsOf } from '../../db/as-of';
import { readCaseFile, referencedMasterData, streamOfAccreditation } from '../../db/case-file';
import { complaintsAboutCase } from '../../db/complaints';
import type { Database, UserRow } from '../../db/database';
import {
  type AccreditationDetail,
  maySeeAccreditation,
  maySeeAccreditationWithId,
  seesEveryCase,
} from '../../db/read-model';
import { documentReferences, peopleIn } from '../../domain/case-file/references';
import { type CaseFile, CaseFileSchema } from '../../domain/case-file/schema';
import { caseFileFor, seesWholeCase } from '../../domain/case-file/visibility';
import { caseStatuses } from '../../domain/state';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { detailSeenBy } from '../presenters';
import { ProblemError, problem } from '../problems';

const DateTime = z.iso.datetime({ offset: true });
const readers = ['admin', 'staff', 'decision_maker', 'auditor', 'organisation'] as const;

export const AsOfQuery = z
  .object({
    asOf: DateTime.optional().describe(
      'Answer as the case stood at this instant: its events folded up to the last one recorded at or ' +
        'before it (recorded time, so the answer equals what a read at that instant returned).',
    ),
  })
  .strict();

const DocumentInfoSchema = z
  .object({
    id: z.string().describe('The SHA-256 (GET /documents/{sha256}/content)'),
    name: z.string().nullable().describe('The file name given at upload'),
    mediaType: z.string().nullable().describe('null: no upload of this id is on record'),
    size: z.number().int().nullable(),
    uploadedBy: z.string().nullable(),
    uploadedAt: DateTime.nullable(),
    uses: z
      .array(
        z.object({
          kind: z.enum([
            'application_item',
            'request_answer',
            'corrective_action_evidence',
            'renewal_application',
            'self_assessment',
          ]),
          procedure: z.number().int().nullable(),
          subjectId: z.string().nullable().describe('The §5.1 item, request, finding or self-assessment'),
          at: z.string(),
          by: z.string().nullable(),
        }),
      )
      .describe('Where the case used it'),
  })
  .describe('A document of the case');

const CaseViewFields = {
  accreditationId: z.uuid(),
  status: z.enum(caseStatuses),
  cycle: z.number().int(),
  version: z.number().int().describe('Events of the case included'),
  asOf: DateTime.nullable().describe('The instant asked for; null for the current state'),
};

export const CaseFileResponse = z.object({
  ...CaseViewFields,
  file: CaseFileSchema,
  documents: z.array(DocumentInfoSchema),
  people: z
    .array(z.object({ userId: z.string(), name: z.string(), role: z.string() }))
    .describe('The users the file names, for display'),
});
export type CaseFileView = z.infer<typeof CaseFileResponse>;

const DocumentsResponse = z.object({ ...CaseViewFields, items: z.array(DocumentInfoSchema) });

const notFound = () => new ProblemError(problem('notFound', 'No such accreditation.'));

interface LoadedCase {
  status: (typeof caseStatuses)[number];
  cycle: number;
  version: number;
  file: CaseFile;
}

/** The events of the case up to an instant, if the user may see it (404 when not, or not yet opened). */
async function eventsAsOf(db: Kysely<Database>, user: UserRow, accreditationId: string, asOf: string) {
  if (!seesEveryCase(user) && !(await maySeeAccreditationWithId(db, user, accreditationId))) throw notFound();
  const streamId = await streamOfAccreditation(db, accreditationId);
  if (!streamId) throw notFound();
  const events = await readStreamAsOf(db, streamId, new Date(asOf));
  const past = caseAsOf(streamId, events);
  if (!past) throw new ProblemError(problem('notFound', `The accreditation did not exist at ${asOf}.`));
  return past;
}

/** The case file now, or as of an instant (404 when it did not exist yet or the user may not see it). */
export async function loadCase(
  db: Kysely<Database>,
  user: UserRow,
  accreditationId: string,
  asOf?: string,
): Promise<LoadedCase> {
  if (asOf !== undefined) {
    const { state, events } = await eventsAsOf(db, user, accreditationId, asOf);
    const file = caseFileOf(events);
    if (!file) throw notFound();
    return { status: state.status, cycle: state.cycle, version: events.length, file };
  }
  // Who may see the case is read with the file: one query.
  const stored = await readCaseFile(db, accreditationId, user.user_id);
  const ownTasks = stored?.visibility.readerTasks ? [{ assignee_id: user.user_id }] : [];
  if (!stored || !maySeeAccreditation(user, stored.visibility, ownTasks)) throw notFound();
  return stored as LoadedCase;
}

/** The documents the (viewer's) file refers to, with their metadata and uses, and the people it names. */
async function referencesOf(db: Kysely<Database>, file: CaseFile) {
  const references = documentReferences(file);
  const known = await referencedMasterData(db, references, peopleIn(file), file.organisationId);
  const documents = references.map(({ documentId, uses }) => {
    const document = known.documents.get(documentId);
    return {
      id: documentId,
      name: document?.name ?? null,
      mediaType: document?.mediaType ?? null,
      size: document?.size ?? null,
      uploadedBy: document?.uploadedBy ?? null,
      uploadedAt: document?.uploadedAt.toISOString() ?? null,
      uses,
    };
  });
  const people = known.people.map((person) => ({
    userId: person.user_id,
    name: person.name,
    role: person.role,
  }));
  return { documents, people };
}

const viewerOf = (user: UserRow) => ({ role: user.role, userId: user.user_id });

/** The case file as the user may see it, with its documents' metadata and the people it names. */
export async function presentCaseFile(
  db: Kysely<Database>,
  user: UserRow,
  accreditationId: string,
  loaded: LoadedCase,
  asOf: string | null,
): Promise<CaseFileView> {
  // The complaints with a life cycle of their own are read as they are now (not as of a past instant).
  const own = asOf === null ? await complaintsAboutCase(db, accreditationId) : [];
  const complaints = [...(loaded.file.complaints ?? []), ...own];
  const file = caseFileFor(
    { ...loaded.file, ...(complaints.length > 0 ? { complaints } : {}) },
    viewerOf(user),
  );
  const { documents, people } = await referencesOf(db, file);
  const { status, cycle, version } = loaded;
  return { accreditationId, status, cycle, version, asOf, file, documents, people };
}

const Params = z.object({ id: z.uuid() });

export const caseFileRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  const view = async (request: FastifyRequest, id: string, asOf: string | undefined) => {
    const user = currentUser(request);
    return presentCaseFile(db, user, id, await loadCase(db, user, id, asOf), asOf ?? null);
  };

  app.get(
    '/accreditations/:id/file',
    {
      config: { access: readers },
      schema: {
        operationId: 'getCaseFile',
        summary: 'The case file: everything established about the case (Akte)',
        description:
          'The application with its §5.1 items and documents, requests and answers, the ' +
          'Dokumentenprüfung per requirement, its gaps referred to the audit and how the audit settled ' +
          'each, audit planning, each audit element with its findings and ' +
          'corrective actions, decisions with reasons, certificates, self-assessments, renewals, ' +
          'suspensions, withdrawal and complaints — folded from the events. Organisations see their ' +
          'own case without DIM’s internal deliberations, auditors the cases assigned to them, staff ' +
          'and decision makers every case; complaints only staff and their investigator. Requirement ' +
          'texts: GET /catalogue/{edition}.',
        tags: ['accreditations'],
        params: Params,
        querystring: AsOfQuery,
        response: { 200: CaseFileResponse, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    (request) => view(request, request.params.id, request.query.asOf),
  );

  app.get(
    '/accreditations/:id/documents',
    {
      config: { access: readers },
      schema: {
        operationId: 'listCaseDocuments',
        summary: 'The documents of a case, with where each was used',
        description:
          'Every document the case file refers to, with its name, media type, size and upload, and ' +
          'each place it was used. Downloads: GET /documents/{sha256}/content (its own access rules).',
        tags: ['accreditations', 'documents'],
        params: Params,
        querystring: AsOfQuery,
        response: { 200: DocumentsResponse, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const { asOf } = request.query;
      const loaded = await loadCase(db, user, id, asOf);
      const { documents: items } = await referencesOf(db, caseFileFor(loaded.file, viewerOf(user)));
      const { status, cycle, version } = loaded;
      return { accreditationId: id, status, cycle, version, asOf: asOf ?? null, items };
    },
  );
};

/**
 * The accreditation as the user may see it now (`GET /accreditations/{id}`, a step's answer):
 * staff and administrators everything, the others by the case file's rule (`detailSeenBy`).
 */
export async function accreditationSeenBy(db: Kysely<Database>, user: UserRow, detail: AccreditationDetail) {
  if (seesWholeCase({ role: user.role, userId: user.user_id })) return detail;
  const stored = await readCaseFile(db, detail.row.accreditation_id);
  if (!stored) throw notFound();
  return detailSeenBy(detail, user, stored.file);
}

/** The accreditation as `GET /accreditations/{id}` answered at an instant. */
export async function accreditationAsOf(db: Kysely<Database>, user: UserRow, id: string, asOf: string) {
  const past = await eventsAsOf(db, user, id, asOf);
  const file = caseFileOf(past.events);
  if (!file) throw notFound();
  return detailSeenBy(accreditationDetailAsOf(past), user, file);
}
