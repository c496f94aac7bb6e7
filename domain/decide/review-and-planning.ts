import type { CommandContext, CommandOf } from '../commands';
import { addDuration, isBefore } from '../duration';
import type { AccreditationCase } from '../state';
import { authorise } from './authorise';
import { accept, type Decision, reject } from './outcome';
import {
  auditorDueDate,
  catalogueOf,
  compareIds,
  nextRequest,
  owedBy,
  rulesSince,
  unchangedBy,
} from './shared';

function declaredFree(auditorId: string, declared: boolean): Decision | undefined {
  if (declared) return undefined;
  return reject(
    'conflict_of_interest_not_declared',
    `${auditorId} has not declared freedom from conflicts of interest`,
  );
}

export function assignDocumentReviewer(
  command: CommandOf<'AssignDocumentReviewer'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const { auditorId, conflictOfInterestDeclaredFree } = command.data;
  const denied =
    authorise(command.type, context, state) ?? declaredFree(auditorId, conflictOfInterestDeclaredFree);
  if (denied) return denied;
  if (unchangedBy(context, state.documentReviewerId === auditorId)) return accept();
  return accept({
    type: 'DocumentReviewerAssigned',
    data: {
      auditorId,
      conflictOfInterestDeclaredFree: true,
      ...auditorDueDate(state, context.now, 'documentReview', 'reviewDueBy'),
    },
  });
}

export function requestDocuments(
  command: CommandOf<'RequestDocuments'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state, { auditor: state.documentReviewerId });
  if (denied) return denied;
  if (state.openRequest) {
    return reject(
      'request_already_open',
      `Request ${state.openRequest.requestId} is still waiting for an answer`,
    );
  }
  return accept({
    type: 'DocumentsRequested',
    data: { ...nextRequest(state, context), documents: command.data.documents },
  });
}

export function completeDocumentReview(
  command: CommandOf<'CompleteDocumentReview'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state, { auditor: state.documentReviewerId });
  if (denied) return denied;
  const expected = catalogueOf(state).requirements.map((requirement) => requirement.id);
  const { unknown, duplicates, missing } = compareIds(
    command.data.results.map((result) => result.requirementId),
    expected,
  );
  if (unknown.length > 0) return reject('unknown_requirement', `Unknown requirements: ${unknown.join(', ')}`);
  if (duplicates.length > 0) {
    return reject('duplicate_requirement', `Assessed twice: ${duplicates.join(', ')}`);
  }
  if (missing.length > 0) return reject('requirements_missing', `Not assessed: ${missing.join(', ')}`);
  const completed = {
    type: 'DocumentReviewCompleted' as const,
    data: { reviewerId: context.actor.id, results: command.data.results },
  };
  const gaps = command.data.results.flatMap((result) =>
    result.result === 'gap' ? [{ requirementId: result.requirementId, comment: result.comment }] : [],
  );
  if (gaps.length === 0 || !rulesSince(context, 2)) return accept(completed);
  return accept(completed, { type: 'ReviewGapsReferredToAudit', data: { gaps } });
}

export function assignLeadAuditor(
  command: CommandOf<'AssignLeadAuditor'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const { auditorId, conflictOfInterestDeclaredFree } = command.data;
  const denied =
    authorise(command.type, context, state) ?? declaredFree(auditorId, conflictOfInterestDeclaredFree);
  if (denied) return denied;
  if (state.objectedAuditorIds.includes(auditorId)) {
    return reject('auditor_objected', `The organisation has objected to ${auditorId}`);
  }
  if (unchangedBy(context, state.leadAuditor?.auditorId === auditorId)) return accept();
  return accept({
    type: 'LeadAuditorAssigned',
    data: {
      assignmentId: `cycle-${state.cycle}:lead-auditor-${state.issued.leadAuditorAssignments + 1}`,
      auditorId,
      conflictOfInterestDeclaredFree: true,
      objectionWindowEndsAt: addDuration(context.now, state.policy.auditorObjectionWindow),
      ...owedBy(context, state, 'auditDate', 'auditDateDueBy'),
    },
  });
}

export function setAuditDate(
  command: CommandOf<'SetAuditDate'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state, {
    auditor: state.leadAuditor?.auditorId ?? null,
  });
  if (denied) return denied;
  if (!state.leadAuditor) {
    return reject('lead_auditor_not_assigned', 'Assign a lead auditor before setting the date');
  }
  if (unchangedBy(context, state.auditDate === command.data.auditDate)) return accept();
  if (command.data.auditDate < context.now.slice(0, 10)) {
    return reject('audit_date_in_past', `${command.data.auditDate} lies in the past`);
  }
  const auditDay = `${command.data.auditDate}T00:00:00.000Z`;
  return accept({
    type: 'AuditDateSet',
    data: { ...command.data, ...auditorDueDate(state, auditDay, 'auditReport', 'reportDueBy') },
  });
}

export function objectToAuditor(
  command: CommandOf<'ObjectToAuditor'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const leadAuditor = state.leadAuditor;
  if (!leadAuditor) return reject('lead_auditor_not_assigned', 'There is no lead auditor to object to');
  if (leadAuditor.objectionWindowClosed || !isBefore(context.now, leadAuditor.objectionWindowEndsAt)) {
    return reject(
      'objection_window_closed',
      `Objections were possible until ${leadAuditor.objectionWindowEndsAt}`,
    );
  }
  return accept({
    type: 'AuditorObjected',
    data: {
      assignmentId: leadAuditor.assignmentId,
      auditorId: leadAuditor.auditorId,
      reason: command.data.reason,
    },
  });
}
