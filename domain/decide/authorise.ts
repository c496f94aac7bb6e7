import type { CommandContext, CommandType } from '../commands';
import { type PermitKind, permitRoles, permitsOf } from '../permissions';
import { type AccreditationCase, excludedDeciders } from '../state';
import { type Decision, reject } from './outcome';

/** Who in particular the case has assigned, for the permits that name a person. */
interface Assignees {
  auditor?: string | null;
  investigator?: string | null;
}

function holdsPermit(permit: PermitKind, context: CommandContext): boolean {
  return permitRoles[permit].includes(context.actor.role);
}

function isPermitted(
  permit: PermitKind,
  context: CommandContext,
  state: AccreditationCase | null,
  assignees: Assignees,
): boolean {
  if (!holdsPermit(permit, context)) return false;
  const { actor } = context;
  if (permit === 'organisation') return state !== null && actor.organisationId === state.organisationId;
  if (permit === 'assigned_auditor') return actor.id === assignees.auditor;
  if (permit === 'investigator') return actor.id === assignees.investigator;
  if (permit === 'assigned_decision_maker') {
    // Deciding an untaken case takes it; once taken, only its holder decides.
    return (
      state !== null &&
      (state.decisionMakerId ?? actor.id) === actor.id &&
      !excludedDeciders(state).includes(actor.id)
    );
  }
  return true;
}

/**
 * Undefined when one of the command's permits under the run's rule set (`permitsOf`, shared with
 * the API) lets the actor act, otherwise the rejection that explains why not.
 */
export function authorise(
  type: CommandType,
  context: CommandContext,
  state: AccreditationCase | null,
  assignees: Assignees = {},
): Decision | undefined {
  const permits = permitsOf(type, context.ruleSet);
  if (permits.some((permit) => isPermitted(permit, context, state, assignees))) return undefined;
  const { actor } = context;
  const withRole = permits.filter((permit) => holdsPermit(permit, context));
  if (withRole.includes('organisation')) {
    return reject('not_own_case', `${actor.id} acts for another organisation than this case's`);
  }
  if (withRole.includes('assigned_decision_maker')) {
    if (state) {
      const fourEyes = forbidAuditors(context, state);
      if (fourEyes) return fourEyes;
    }
    return reject(
      'not_assigned',
      `${actor.id} may not ${type}: ${state?.decisionMakerId} has taken this case's decision`,
    );
  }
  if (withRole.some((permit) => permit === 'assigned_auditor' || permit === 'investigator')) {
    return reject('not_assigned', `${actor.id} is not assigned to ${type} on this case`);
  }
  return reject('not_authorised', `A ${actor.role} may not ${type}`);
}

/**
 * Four-eyes principle: nobody who audited the case in this cycle decides on it, nor (after an
 * upheld appeal against a refusal) who decided the refusal or the appeal.
 */
export function forbidAuditors(context: CommandContext, state: AccreditationCase): Decision | undefined {
  const { id } = context.actor;
  if (state.auditorsInvolved.includes(id)) {
    return reject('four_eyes_violation', `${id} audited this case and may not decide on it`);
  }
  if (!excludedDeciders(state).includes(id)) return undefined;
  return reject('involved_in_decision', `${id} decided the refusal or its appeal and may not decide anew`);
}
