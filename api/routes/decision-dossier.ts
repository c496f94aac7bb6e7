import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, UserRow } from '../../db/database';
import { dossierHash, findDossier, freezeDossier } from '../../db/dossiers';
import type { DossierReference } from '../../domain/events';
import { currentUser } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { problemResponses } from '../openapi';
import { ProblemError, problem } from '../problems';
import { CaseFileResponse, loadCase, presentCaseFile } from './case-file';

/**
 * Before a grant or refusal: the case file exactly as the decision maker sees it now — the very
 * text `GET /accreditations/{id}/file` answers them — kept under its SHA-256. The reference goes
 * with the command into the decision's event; the workflow refuses it (`dossier_outdated`) if the
 * case has moved on since. A refused attempt leaves its dossier behind, referenced by no decision.
 */
export async function freezeDecisionDossier(
  db: Kysely<Database>,
  user: UserRow,
  accreditationId: string,
): Promise<DossierReference> {
  const loaded = await loadCase(db, user, accreditationId);
  const view = await presentCaseFile(db, user, accreditationId, loaded, null);
  // As the response serializer writes it: the schema's parse, then JSON.
  const content = JSON.stringify(CaseFileResponse.parse(view));
  const sha256 = await freezeDossier(db, {
    accreditationId,
    version: loaded.version,
    content,
    frozenBy: user.user_id,
  });
  return { sha256, version: loaded.version };
}

const DateTime = z.iso.datetime({ offset: true });

const DossierResponse = z.object({
  accreditationId: z.uuid(),
  decision: z.object({
    number: z.number().int(),
    outcome: z.enum(['granted', 'refused']),
    at: z.string(),
    by: z.string().nullable(),
  }),
  sha256: z.string().describe('As the decision’s event records it'),
  version: z.number().int().describe('The case version the dossier shows'),
  verified: z
    .boolean()
    .describe('Whether the SHA-256 of `content` is the one the event records (false: the text was altered)'),
  frozenAt: DateTime,
  frozenBy: z.string(),
  content: z.string().describe('The frozen text, byte for byte: hash it to check `sha256`'),
  dossier: CaseFileResponse.describe('`content`, parsed: the case file as the decision maker saw it'),
});

export const decisionDossierRoutes: FastifyPluginAsyncZod<ApiDependencies> = async (app, { db }) => {
  app.get(
    '/accreditations/:id/decisions/:number/dossier',
    {
      config: { access: ['admin', 'staff', 'decision_maker'] },
      schema: {
        operationId: 'getDecisionDossier',
        summary: 'The dossier of a decision: the case file as the decision maker saw it (Entscheidungsakte)',
        description:
          'Frozen when the decision maker granted or refused; its SHA-256 is in the decision’s event, ' +
          'which the stream’s hash chain protects. Decisions are numbered 1, 2, … across the case ' +
          '(the case file’s `procedures[].decision.number`). 404 for a decision taken before dossiers existed.',
        tags: ['accreditations'],
        params: z.object({ id: z.uuid(), number: z.coerce.number().int().min(1).max(10_000) }),
        response: { 200: DossierResponse, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const { id, number } = request.params;
      const { file } = await loadCase(db, currentUser(request), id);
      const decision = file.procedures
        .flatMap((p) => (p.decision ? [p.decision] : []))
        .find((d) => d.number === number);
      if (!decision) throw new ProblemError(problem('notFound', `The case has no decision ${number}.`));
      const row = decision.dossier ? await findDossier(db, decision.dossier.sha256) : undefined;
      if (!decision.dossier || !row) {
        throw new ProblemError(
          problem('notFound', `Decision ${number} was taken before dossiers were kept.`),
        );
      }
      return {
        accreditationId: id,
        decision: { number, outcome: decision.outcome, at: decision.at, by: decision.by },
        sha256: decision.dossier.sha256,
        version: decision.dossier.version,
        verified: dossierHash(row.content) === decision.dossier.sha256,
        frozenAt: row.frozen_at.toISOString(),
        frozenBy: row.frozen_by,
        content: row.content,
        dossier: JSON.parse(row.content),
      };
    },
  );
};
