import type { DeadlineTarget } from '../events';
import { inClear } from '../events/personal-fields';
import { erasedNameOf } from '../retention';
import { appealEvent } from './appeals';
import {
  applicationSubmitted,
  auditElementCompleted,
  auditorReminded,
  correctiveActionEvent,
  documentReviewCompleted,
  newProcedure,
  planningEvent,
  requestEvent,
  requested,
  reviewed,
  reviewerAssigned,
} from './procedure';
import { reviewGapsReferred, reviewGapsVerified } from './review-gaps';
import type { CaseFile, DeadlineExtension, Procedure, Stamped, StampedEvent } from './schema';
import { scopeChangeEvent } from './scope-changes';
import {
  certificateEvent,
  complaintEvent,
  decided,
  renewalApplied,
  selfAssessmentEvent,
  suspensionEvent,
} from './standing';
import { currentProcedure, findFinding, findRequest, findSelfAssessment } from './update';

export type { StampedEvent };

/** Before the case is opened there is no file. */
export function caseFileInitial(): CaseFile | null {
  return null;
}

/**
 * The file after the events, in order, on top of `file` (default: none yet). Pure: `file` is
 * left as it was; the events are applied to a copy of it.
 */
export function foldCaseFile(events: Iterable<StampedEvent>, file: CaseFile | null = caseFileInitial()) {
  return applyCaseFileEvents(file === null ? null : structuredClone(file), events);
}

/** The case file after one more event (pure). */
export function evolveCaseFile(file: CaseFile | null, event: StampedEvent): CaseFile | null {
  return foldCaseFile([event], file);
}

/**
 * Applies the events to `draft` itself, which the caller owns (a file it parsed, say): no copy, so
 * a long stream folds in time proportional to its events. Returns the draft (or the new file).
 */
export function applyCaseFileEvents(draft: CaseFile | null, events: Iterable<StampedEvent>): CaseFile | null {
  let file = draft;
  for (const event of events) {
    if (event.type === 'AccreditationOpened') file ??= opened(event);
    else if (file) apply(file, event);
  }
  return file;
}

function opened({ data, at, by }: Stamped<'AccreditationOpened'>): CaseFile {
  const file: CaseFile = {
    accreditationId: data.accreditationId,
    organisationId: data.organisationId,
    organisationName: inClear(data.organisationName),
    scope: data.scope,
    technicalAreas: data.technicalAreas ?? [],
    edition: data.edition,
    policy: data.policy,
    opened: { at, by },
    caseManagers: [{ userId: data.caseManagerId, at, by }],
    procedures: [],
    certificates: [],
    selfAssessments: [],
    suspensionProposals: [],
    suspensions: [],
    withdrawal: null,
    complaints: [],
  };
  file.procedures.push(newProcedure(file, 'initial', 1));
  return file;
}

function apply(file: CaseFile, event: Exclude<StampedEvent, { type: 'AccreditationOpened' }>): void {
  const { at, by } = event;
  const procedure = currentProcedure(file) as Procedure;
  switch (event.type) {
    case 'CaseManagerAssigned':
      file.caseManagers.push({ userId: event.data.caseManagerId, at, by });
      return;
    case 'ApplicationSubmitted':
      applicationSubmitted(procedure, event);
      return;
    case 'InformationRequested':
    case 'DocumentsRequested':
      requested(procedure, event);
      return;
    case 'InformationProvided':
    case 'InformationRequestReminderSent':
    case 'DocumentsRequestLapsed':
      requestEvent(file, event);
      return;
    case 'ApplicationAccepted':
    case 'ApplicationRejected':
      reviewed(procedure, event);
      return;
    case 'DocumentReviewerAssigned':
      reviewerAssigned(procedure, event);
      return;
    case 'DocumentReviewCompleted':
      documentReviewCompleted(procedure, event);
      return;
    case 'ReviewGapsReferredToAudit':
      reviewGapsReferred(procedure, event);
      return;
    case 'LeadAuditorAssigned':
    case 'AuditDateSet':
    case 'AuditorObjected':
    case 'AuditorObjectionWindowClosed':
      planningEvent(procedure, event);
      return;
    case 'AuditorDeadlineApproaching':
      auditorReminded(file, event);
      return;
    case 'AuditElementCompleted':
      auditElementCompleted(procedure, event);
      reviewGapsVerified(procedure, event);
      return;
    case 'ActionPlanSubmitted':
    case 'ActionPlanAccepted':
    case 'CorrectiveActionEvidenceSubmitted':
    case 'CorrectiveActionVerified':
      correctiveActionEvent(file, event);
      return;
    case 'DeadlineExtended': {
      const { target, previousDueAt, newDueAt, reason } = event.data;
      extendDeadline(file, target, { previousDueAt, newDueAt, reason, at, by });
      return;
    }
    case 'AccreditationGranted':
    case 'AccreditationRefused':
      decided(file, event);
      return;
    case 'RenewalWindowOpened':
    case 'CycleRenewed':
    case 'AccreditationExpired':
      certificateEvent(file, event);
      return;
    case 'RenewalApplied':
      renewalApplied(file, event);
      return;
    case 'SelfAssessmentReminderSent':
    case 'SelfAssessmentEscalated':
    case 'SelfAssessmentSubmitted':
    case 'SelfAssessmentAccepted':
    case 'SelfAssessmentFollowUpRequested':
      selfAssessmentEvent(file, event);
      return;
    case 'SuspensionProposed':
    case 'SuspensionProposalRejected':
    case 'AccreditationSuspended':
    case 'AccreditationReinstated':
    case 'AccreditationWithdrawn':
      suspensionEvent(file, event);
      return;
    case 'SpecialAuditScheduled': {
      const { specialAuditId, reason, complaintId, scopeChangeId, scheduledBy } = event.data;
      const special = newProcedure(file, 'special_audit', procedure.cycle);
      special.specialAudit = {
        specialAuditId,
        reason,
        ...(complaintId ? { complaintId } : {}),
        ...(scopeChangeId ? { scopeChangeId } : {}),
        scheduledBy,
        closedAt: null,
      };
      file.procedures.push(special);
      return;
    }
    case 'SpecialAuditClosed':
      if (procedure.specialAudit?.specialAuditId === event.data.specialAuditId) {
        procedure.specialAudit.closedAt = at;
      }
      return;
    case 'DecisionMakerAssigned':
      file.decisionMakers ??= [];
      file.decisionMakers.push({ userId: event.data.decisionMakerId, at, by });
      return;
    case 'LapseProposed': {
      const { proposalId, outcome, dueAt, reasons } = event.data;
      file.lapseProposals ??= [];
      file.lapseProposals.push({ proposalId, outcome, dueAt, reasons, at });
      return;
    }
    case 'OwedStepReminderSent':
    case 'OwedStepEscalated': {
      const { owed, subjectId, dueAt } = event.data;
      file.owedSteps ??= [];
      let entry = file.owedSteps.find((step) => step.subjectId === subjectId && step.dueAt === dueAt);
      if (!entry) {
        entry = { owed, subjectId, dueAt };
        file.owedSteps.push(entry);
      }
      if (event.type === 'OwedStepReminderSent') entry.remindedAt = at;
      else entry.escalatedAt = at;
      return;
    }
    case 'AppealWindowOpened':
    case 'AppealWindowClosed':
    case 'AppealLodged':
    case 'AppealHandlerAssigned':
    case 'AppealDecided':
      appealEvent(file, event);
      return;
    case 'ScopeChangeApplied':
    case 'ScopeChangeAssessed':
    case 'ScopeChangeDocumentsReviewed':
    case 'ScopeChangeDecided':
      scopeChangeEvent(file, event);
      return;
    case 'ComplaintReceived':
    case 'ComplaintAcknowledged':
    case 'ComplaintAcknowledgementOverdue':
    case 'ComplaintInvestigatorAssigned':
    case 'ComplaintDecided':
    case 'ComplaintClosed':
      complaintEvent(file, event);
      return;
    case 'CaseDataErased':
      file.organisationName = erasedNameOf(event.data);
      return;
    default:
      unknownEvent(event);
      return;
  }
}

function extendDeadline(file: CaseFile, target: DeadlineTarget, extension: DeadlineExtension): void {
  switch (target.kind) {
    case 'information_request': {
      const request = findRequest(file, target.id);
      if (!request) return;
      request.respondBy = extension.newDueAt;
      request.extensions.push(extension);
      return;
    }
    case 'corrective_action': {
      const finding = findFinding(file, target.id);
      if (!finding) return;
      finding.correctiveActionDueBy = extension.newDueAt;
      finding.extensions.push(extension);
      return;
    }
    case 'self_assessment': {
      const selfAssessment = findSelfAssessment(file, target.id);
      if (!selfAssessment) return;
      selfAssessment.dueAt = extension.newDueAt;
      selfAssessment.extensions.push(extension);
    }
  }
}

/** Exhaustive: a new event type fails to compile until the file knows where it belongs. */
function unknownEvent(event: never): never {
  throw new Error(`The case file does not know the event ${JSON.stringify(event)}`);
}
