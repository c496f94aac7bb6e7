import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { assignmentTerms, competencesOf } from '../db/auditors';
import type { Database } from '../db/database';
import { findUser } from '../db/identity';
import { isCertificateNumberTaken } from '../db/read-model';
import { certificateNumberFrom } from '../domain/certificate-number';
import { ProblemError, problem } from './problems';
import type { StepType } from './step-routes';

interface StepRequest {
  accreditationId: string;
  data: Record<string, unknown>;
}

/**
 * What the API checks in the database before it sends a step, where the decider cannot know it:
 * that an auditor to assign is one (and competent, if the case's policy asks), a decision maker to
 * assign is one, and a certificate number that is free. Returns the step's data as it is to be sent, or throws a problem with a
 * stable `code`; nothing is written either way. The database's keys remain the last line.
 */
type Precondition = (db: Kysely<Database>, request: StepRequest) => Promise<Record<string, unknown>>;

const assignedAuditor: Precondition = async (db, { accreditationId, data }) => {
  const terms = await assignmentTerms(db, accreditationId);
  if (!terms) throw new ProblemError(problem('notFound', 'No such accreditation.'));
  const auditorId = String(data.auditorId);
  const field = { errors: [{ field: 'body.auditorId', message: 'not an auditor' }] };
  const user = await findUser(db, auditorId);
  if (!user) {
    throw new ProblemError(
      problem('validation', `There is no user ${auditorId}.`, { code: 'unknown_auditor', ...field }),
    );
  }
  // One role per user, and the users table binds organisations' people to role organisation: so
  // this also keeps out decision makers and the organisation's own staff.
  if (user.role !== 'auditor') {
    throw new ProblemError(
      problem('validation', `${user.name} is not an auditor (role ${user.role}).`, {
        code: 'not_an_auditor',
        ...field,
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
  AssignDecisionMaker: assignedDecisionMaker,
  Grant: async (db, { data }) => ({ ...data, certificateNumber: await drawCertificateNumber(db) }),
};

/** The step's data after its precondition (if it has one): what is sent to the workflow. */
export function prepareStep(
  db: Kysely<Database>,
  type: StepType,
  request: StepRequest,
): Promise<Record<string, unknown>> {
  return preconditions[type]?.(db, request) ?? Promise.resolve(request.data);
}
