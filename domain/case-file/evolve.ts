import type { AccreditationEvent, DeadlineTarget, EventOf } from '../events';
import {
  answered,
  applicationSubmitted,
  auditDateSet,
  auditElementCompleted,
  auditorReminded,
  correctiveActionEvent,
  documentReviewCompleted,
  leadAuditorAssigned,
  newProcedure,
  objectionEvent,
  requested,
  reviewed,
  reviewerAssigned,
} from './procedure';
import type { CaseFile, DeadlineExtension } from './schema';
import {
  certificateEvent,
  complaintEvent,
  decided,
  renewalApplied,
  selfAssessmentEvent,
  suspensionEvent,
} from './standing';
import { updateFinding, updateRequest, updateSelfAssessment } from './update';

/** An event with its business time and the user who caused it (null: the workflow's clock). */
export type StampedEvent = AccreditationEvent & { at: string; by: string | null };

/** Before the case is opened there is no file. */
export function caseFileInitial(): CaseFile | null {
  return null;
}

function opened({
  data,
  at,
  by,
}: EventOf<'AccreditationOpened'> & { at: string; by: string | null }): CaseFile {
  const file: CaseFile = {
    accreditationId: data.accreditationId,
    organisationId: data.organisationId,
    organisationName: data.organisationName,
    scope: data.scope,
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
  return { ...file, procedures: [newProcedure(file, 'initial', 1)] };
}

/** The case file after one more event. Pure: the same events always give the same file. */
export function evolveCaseFile(file: CaseFile | null, event: StampedEvent): CaseFile | null {
  if (event.type === 'AccreditationOpened') return file ?? opened(event);
  if (!file) return file;
  const { at, by } = event;
  switch (event.type) {
    case 'CaseManagerAssigned':
      return { ...file, caseManagers: [...file.caseManagers, { userId: event.data.caseManagerId, at, by }] };
    case 'ApplicationSubmitted':
      return applicationSubmitted(file, event);
    case 'InformationRequested':
    case 'DocumentsRequested':
      return requested(file, event);
    case 'InformationProvided':
      return answered(file, event);
    case 'InformationRequestReminderSent':
      return updateRequest(file, event.data.requestId, (r) => ({ ...r, remindedAt: [...r.remindedAt, at] }));
    case 'DocumentsRequestLapsed':
      return updateRequest(file, event.data.requestId, (r) => ({ ...r, lapsedAt: at }));
    case 'ApplicationAccepted':
    case 'ApplicationRejected':
      return reviewed(file, event);
    case 'DocumentReviewerAssigned':
      return reviewerAssigned(file, event);
    case 'DocumentReviewCompleted':
      return documentReviewCompleted(file, event);
    case 'LeadAuditorAssigned':
      return leadAuditorAssigned(file, event);
    case 'AuditDateSet':
      return auditDateSet(file, event);
    case 'AuditorObjected':
    case 'AuditorObjectionWindowClosed':
      return objectionEvent(file, event);
    case 'AuditorDeadlineApproaching':
      return auditorReminded(file, event);
    case 'AuditElementCompleted':
      return auditElementCompleted(file, event);
    case 'ActionPlanSubmitted':
    case 'ActionPlanAccepted':
    case 'CorrectiveActionEvidenceSubmitted':
    case 'CorrectiveActionVerified':
      return correctiveActionEvent(file, event);
    case 'DeadlineExtended': {
      const { target, previousDueAt, newDueAt, reason } = event.data;
      return extendDeadline(file, target, { previousDueAt, newDueAt, reason, at, by });
    }
    case 'AccreditationGranted':
    case 'AccreditationRefused':
      return decided(file, event);
    case 'RenewalWindowOpened':
    case 'CycleRenewed':
    case 'AccreditationExpired':
      return certificateEvent(file, event);
    case 'RenewalApplied':
      return renewalApplied(file, event);
    case 'SelfAssessmentReminderSent':
    case 'SelfAssessmentEscalated':
    case 'SelfAssessmentSubmitted':
    case 'SelfAssessmentAccepted':
    case 'SelfAssessmentFollowUpRequested':
      return selfAssessmentEvent(file, event);
    case 'SuspensionProposed':
    case 'SuspensionProposalRejected':
    case 'AccreditationSuspended':
    case 'AccreditationReinstated':
    case 'AccreditationWithdrawn':
      return suspensionEvent(file, event);
    case 'ComplaintReceived':
    case 'ComplaintAcknowledged':
    case 'ComplaintAcknowledgementOverdue':
    case 'ComplaintInvestigatorAssigned':
    case 'ComplaintDecided':
    case 'ComplaintClosed':
      return complaintEvent(file, event);
    default:
      return unknownEvent(event);
  }
}

function extendDeadline(file: CaseFile, target: DeadlineTarget, extension: DeadlineExtension): CaseFile {
  switch (target.kind) {
    case 'information_request':
      return updateRequest(file, target.id, (request) => ({
        ...request,
        respondBy: extension.newDueAt,
        extensions: [...request.extensions, extension],
      }));
    case 'corrective_action':
      return updateFinding(file, target.id, (finding) => ({
        ...finding,
        correctiveActionDueBy: extension.newDueAt,
        extensions: [...finding.extensions, extension],
      }));
    case 'self_assessment':
      return updateSelfAssessment(file, target.id, (selfAssessment) => ({
        ...selfAssessment,
        dueAt: extension.newDueAt,
        extensions: [...selfAssessment.extensions, extension],
      }));
  }
}

/** Exhaustive: a new event type fails to compile until the file knows where it belongs. */
function unknownEvent(event: never): never {
  throw new Error(`The case file does not know the event ${JSON.stringify(event)}`);
}

/** The file after the events, in order, on top of `file` (default: none yet). */
export function foldCaseFile(events: Iterable<StampedEvent>, file: CaseFile | null = caseFileInitial()) {
  let folded = file;
  for (const event of events) folded = evolveCaseFile(folded, event);
  return folded;
}
