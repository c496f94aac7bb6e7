import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { assignmentTerms, competencesOf } from '../db/auditors';
import { readCaseState } from '../db/case-file';
import type { Database } from '../db/database';
import { documentsOfCase } from '../db/documents';
import { findUser } from '../db/identity';
import { isCertificateNumberTaken } from '../db/read-model';
import { certificateNumberFrom } from '../domain/certificate-number';
import { ProblemError, problem } from './problems';
import type { StepType } from './step-routes';

interface StepRequest {
  accreditationId: string;
  actorId: string;
  data: Record<string, unknown>;
}

/**
 * What the API checks in the database before it sends a step, where the decider cannot know it:
 * that an auditor to assign is one (and competent, if the case's policy asks), a decision maker to
 * assign is one, a certificate number that is free, and that the documents a step names belong to
 * the case. Returns the step's data as it is to be sent, or throws a problem with a
 * stable `code`; nothing is written either way. The database's keys remain the last line.
 */
type Precondition = (db: Kysely<Database>, request: StepRequest) => Promise<Record<string, unknown>>;

/**
 * `auditorId` names a user with the auditor role (competent in the case's technical areas, if its
 * policy asks); `field` is where the body names them.
 */
async function checkAuditor(
  db: Kysely<Database>,
  accreditationId: string,
  auditorId: string,
  field: string,
): Promise<void> {
  const terms = await assignmentTerms(db, accreditationId);
  if (!terms) throw new ProblemError(problem('notFound', 'No such accreditation.'));
  const errors = { errors: [{ field, message: 'not an auditor' }] };
  const user = await findUser(db, auditorId);
  if (!user) {
    throw new ProblemError(
      problem('validation', `There is no user ${auditorId}.`, { code: 'unknown_auditor', ...errors }),
    );
  }
  // One role per user, and the users table binds organisations' people to role organisation: so
  // this also keeps out decision makers and the organisation's own staff.
  if (user.role !== 'auditor') {
    throw new ProblemError(
      problem('validation', `${user.name} is not an auditor (role ${user.role}).`, {
        code: 'not_an_auditor',
        ...errors,
      }),
    );
  }
  if (terms.requireAuditorCompetence) {
    const competences = await competencesOf(db, auditorId);
    const missing = terms.technicalAreas.filter((area) => !competences.includes(area));
    if (missing.length > 0) {
      throw new ProblemError(
        problem('conflict', `${user.name} is not recorded as competent in ${missing.join(', ')}.`, {
          code: 'auditor_not_competent',
          missing,
        }),
      );
    }
  }
}

const assignedAuditor: Precondition = async (db, { accreditationId, data }) => {
  await checkAuditor(db, accreditationId, String(data.auditorId), 'body.auditorId');
  return data;
};

/**
 * A scope change's documents are reviewed by a real auditor, as the case's own assignments are
 * (issue 20 items 8 and 9), and not by one the organisation has objected to.
 */
const scopeChangeReviewer: Precondition = async (db, { accreditationId, data }) => {
  const assessment = data.assessment as { method?: unknown; reviewerId?: unknown } | undefined;
  if (assessment?.method !== 'document_review') return data;
  const reviewerId = String(assessment.reviewerId);
  await checkAuditor(db, accreditationId, reviewerId, 'body.assessment.reviewerId');
  const state = await readCaseState(db, accreditationId);
  if (state && state.status !== 'none' && state.objectedAuditorIds.includes(reviewerId)) {
    throw new ProblemError(
      problem('conflict', `The organisation has objected to ${reviewerId}.`, { code: 'auditor_objected' }),
    );
  }
  return data;
};

/** A decision maker to give a decision to is a user with that role (the decider checks the four eyes). */
const assignedDecisionMaker: Precondition = async (db, { accreditationId, data }) => {
  if (!(await assignmentTerms(db, accreditationId))) {
    throw new ProblemError(problem('notFound', 'No such accreditation.'));
  }
  const decisionMakerId = String(data.decisionMakerId);
  const user = await findUser(db, decisionMakerId);
  const field = { errors: [{ field: 'body.decisionMakerId', message: 'not a decision maker' }] };
  if (!user) {
    throw new ProblemError(
      problem('validation', `There is no user ${decisionMakerId}.`, {
        code: 'unknown_decision_maker',
        ...field,
      }),
    );
  }
  if (user.role !== 'decision_maker') {
    throw new ProblemError(
      problem('validation', `${user.name} is not a decision maker (role ${user.role}).`, {
        code: 'not_a_decision_maker',
        ...field,
      }),
    );
  }
  return data;
};

/**
 * An appeal after its window (ISO/IEC 17021-1 §9.7) is refused here as the decider would refuse it:
 * once the window has closed, the run of a refused or withdrawn case may have ended.
 */
const appealWithinWindow: Precondition = async (db, { accreditationId, data }) => {
  const state = await readCaseState(db, accreditationId);
  if (!state || state.status === 'none')
    throw new ProblemError(problem('notFound', 'No such accreditation.'));
  const window = state.appealWindows?.find((candidate) => candidate.decisionId === data.decisionId);
  if (
    window &&
    window.status !== 'appealed' &&
    (window.status === 'closed' || Date.parse(window.until) <= Date.now())
  ) {
    throw new ProblemError(
      problem('conflict', `Decision ${window.decisionId} could be appealed until ${window.until}.`, {
        code: 'appeal_window_closed',
      }),
    );
  }
  return data;
};

/** Attempts at drawing a free number; forty random bits make a second one already rare. */
const certificateNumberDraws = 5;

/** A certificate number of the decision year that no grant has issued; the workflow checks its form. */
export async function drawCertificateNumber(
  db: Kysely<Database>,
  at: Date = new Date(),
  randomSource: () => string = randomUUID,
): Promise<string> {
  for (let draw = 1; ; draw++) {
    const candidate = certificateNumberFrom(at.toISOString(), randomSource());
    if (!(await isCertificateNumberTaken(db, candidate))) return candidate;
    if (draw === certificateNumberDraws) {
      throw new ProblemError(
        problem('unavailable', 'No free certificate number was drawn; grant again.', {
          code: 'certificate_number_taken',
        }),
      );
    }
  }
}

const preconditions: Partial<Record<StepType, Precondition>> = {
  AssignDocumentReviewer: assignedAuditor,
  AssignLeadAuditor: assignedAuditor,
  AssessScopeChange: scopeChangeReviewer,
  AssignDecisionMaker: assignedDecisionMaker,
  AssignAppealHandler: assignedDecisionMaker,
  LodgeAppeal: appealWithinWindow,
  Grant: async (db, { data }) => ({ ...data, certificateNumber: await drawCertificateNumber(db) }),
};

/** Every `documentIds` list in the step's data, with its path in the body. */
function documentReferences(value: unknown, path = 'body'): { path: string; id: string }[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => documentReferences(item, `${path}.${index}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === 'documentIds' && Array.isArray(child)
      ? child.map((id, index) => ({ path: `${path}.${key}.${index}`, id: String(id) }))
      : documentReferences(child, `${path}.${key}`),
  );
}

/** Each document a step names must be stored and belong to the case (db/documents.ts `documentsOfCase`). */
async function checkDocumentReferences(
  db: Kysely<Database>,
  { accreditationId, actorId, data }: StepRequest,
) {
  const references = documentReferences(data);
  if (references.length === 0) return;
  const found = await documentsOfCase(db, accreditationId, actorId, [
    ...new Set(references.map((r) => r.id)),
  ]);
  const missing = references.filter((reference) => !found.has(reference.id));
  if (missing.length > 0) {
    throw new ProblemError(
      problem('validation', `No document ${missing.map((m) => m.id).join(', ')} belongs to this case.`, {
        code: 'unknown_document',
        errors: missing.map((m) => ({ field: m.path, message: 'no document of this case has this id' })),
      }),
    );
  }
}

/** The step's data after its checks and precondition (if it has one): what is sent to the workflow. */
export async function prepareStep(
  db: Kysely<Database>,
  type: StepType,
  request: StepRequest,
): Promise<Record<string, unknown>> {
  await checkDocumentReferences(db, request);
  return (await preconditions[type]?.(db, request)) ?? request.data;
}
