/**
 * How the events of an assessment procedure (Antrag, requests, Dokumentenprüfung, audit planning,
 * audit elements, findings and their corrective actions) enter the case file. Each function
 * changes the draft it is given (see `foldCaseFile`).
 */
import type { AuditPlanning, CaseFile, Procedure, Stamped } from './schema';
import { currentProcedure, findFinding, findRequest } from './update';

export function newProcedure(file: CaseFile | null, kind: Procedure['kind'], cycle: number): Procedure {
  return {
    number: (file?.procedures.length ?? 0) + 1,
    kind,
    cycle,
    application: null,
    renewalApplication: null,
    review: null,
    requests: [],
    documentReview: null,
    reviewGaps: [],
    auditPlanning: null,
    auditElements: [],
    findings: [],
    decision: null,
  };
}

export function applicationSubmitted(
  procedure: Procedure,
  { data, at, by }: Stamped<'ApplicationSubmitted'>,
) {
  const items = data.items.map((item) => ({
    itemId: item.itemId,
    statement: item.statement ?? null,
    documentIds: item.documentIds,
  }));
  procedure.application = { items, at, by };
}

export function requested(
  procedure: Procedure,
  event: Stamped<'InformationRequested'> | Stamped<'DocumentsRequested'>,
) {
  const { data, at, by } = event;
  procedure.requests.push({
    requestId: data.requestId,
    kind: event.type === 'InformationRequested' ? 'information' : 'documents',
    items: event.type === 'InformationRequested' ? event.data.questions : event.data.documents,
    at,
    by,
    respondBy: data.respondBy,
    extensions: [],
    remindedAt: [],
    answer: null,
    lapsedAt: null,
  });
}

export function requestEvent(
  file: CaseFile,
  event:
    | Stamped<'InformationProvided'>
    | Stamped<'InformationRequestReminderSent'>
    | Stamped<'DocumentsRequestLapsed'>,
) {
  const request = findRequest(file, event.data.requestId);
  if (!request) return;
  const { at, by } = event;
  switch (event.type) {
    case 'InformationProvided':
      request.answer = { text: event.data.answer, documentIds: event.data.documentIds, at, by };
      break;
    case 'InformationRequestReminderSent':
      request.remindedAt.push(at);
      break;
    case 'DocumentsRequestLapsed':
      request.lapsedAt = at;
      break;
  }
}

export function reviewed(
  procedure: Procedure,
  event: Stamped<'ApplicationAccepted'> | Stamped<'ApplicationRejected'>,
) {
  const { at, by } = event;
  procedure.review =
    event.type === 'ApplicationAccepted'
      ? { outcome: 'accepted', reasons: [], at, by }
      : { outcome: 'rejected', reasons: event.data.reasons, at, by };
}

export function reviewerAssigned(
  procedure: Procedure,
  { data, at, by }: Stamped<'DocumentReviewerAssigned'>,
) {
  procedure.documentReview = {
    reviewerId: data.auditorId,
    conflictOfInterestDeclaredFree: data.conflictOfInterestDeclaredFree,
    assignedAt: at,
    assignedBy: by,
    dueBy: data.reviewDueBy ?? null,
    reviewerRemindedAt: [],
    results: [],
    completedAt: null,
  };
}

export function documentReviewCompleted(
  procedure: Procedure,
  { data, at }: Stamped<'DocumentReviewCompleted'>,
) {
  const review = procedure.documentReview ?? {
    reviewerId: data.reviewerId,
    conflictOfInterestDeclaredFree: false,
    assignedAt: at,
    assignedBy: null,
    dueBy: null,
    reviewerRemindedAt: [],
    results: [],
    completedAt: null,
  };
  review.results = data.results.map((result) => ({
    requirementId: result.requirementId,
    result: result.result,
    remark: result.comment ?? null,
  }));
  review.completedAt = at;
  procedure.documentReview = review;
}

function planningOf(procedure: Procedure): AuditPlanning {
  procedure.auditPlanning ??= {
    assignments: [],
    auditDate: null,
    auditDateSetAt: null,
    auditDateSetBy: null,
    reportDueBy: null,
    auditorRemindedAt: [],
  };
  return procedure.auditPlanning;
}

export function planningEvent(
  procedure: Procedure,
  event:
    | Stamped<'LeadAuditorAssigned'>
    | Stamped<'AuditDateSet'>
    | Stamped<'AuditorObjected'>
    | Stamped<'AuditorObjectionWindowClosed'>,
) {
  const planning = planningOf(procedure);
  const { at, by } = event;
  switch (event.type) {
    case 'LeadAuditorAssigned': {
      const { assignmentId, auditorId, conflictOfInterestDeclaredFree, objectionWindowEndsAt } = event.data;
      planning.assignments.push({
        assignmentId,
        auditorId,
        conflictOfInterestDeclaredFree,
        at,
        by,
        objectionWindowEndsAt,
        objection: null,
        objectionWindowClosedAt: null,
      });
      return;
    }
    case 'AuditDateSet':
      planning.auditDate = event.data.auditDate;
      planning.auditDateSetAt = at;
      planning.auditDateSetBy = by;
      planning.reportDueBy = event.data.reportDueBy ?? null;
      return;
    case 'AuditorObjected':
    case 'AuditorObjectionWindowClosed': {
      const assignment = planning.assignments.find((a) => a.assignmentId === event.data.assignmentId);
      if (!assignment) return;
      if (event.type === 'AuditorObjected') assignment.objection = { reason: event.data.reason, at, by };
      else assignment.objectionWindowClosedAt = at;
    }
  }
}

export function auditorReminded(file: CaseFile, { data, at }: Stamped<'AuditorDeadlineApproaching'>) {
  const procedure = currentProcedure(file);
  switch (data.task) {
    case 'complete_document_review':
      procedure?.documentReview?.reviewerRemindedAt?.push(at);
      return;
    case 'complete_audit_elements':
      if (procedure) planningOf(procedure).auditorRemindedAt?.push(at);
      return;
    case 'verify_finding':
      if (data.findingId) findFinding(file, data.findingId)?.auditorRemindedAt?.push(at);
  }
}

export function auditElementCompleted(
  procedure: Procedure,
  { data, at, by }: Stamped<'AuditElementCompleted'>,
) {
  const findingIds: string[] = [];
  for (const reported of data.findings) {
    findingIds.push(reported.findingId);
    procedure.findings.push({
      findingId: reported.findingId,
      element: data.element,
      requirementId: reported.requirementId,
      severity: reported.severity,
      text: reported.description,
      at,
      by,
      correctiveActionDueBy: reported.correctiveActionDueBy ?? null,
      extensions: [],
      actionPlans: [],
      evidence: [],
      verifications: [],
      actionPlanAcceptance: null,
      auditorRemindedAt: [],
      status: reported.severity === 'observation' ? 'resolved' : 'open',
    });
  }
  procedure.auditElements.push({ element: data.element, auditorId: data.auditorId, findingIds, at });
}

export function correctiveActionEvent(
  file: CaseFile,
  event:
    | Stamped<'ActionPlanSubmitted'>
    | Stamped<'ActionPlanAccepted'>
    | Stamped<'CorrectiveActionEvidenceSubmitted'>
    | Stamped<'CorrectiveActionVerified'>,
) {
  const finding = findFinding(file, event.data.findingId);
  if (!finding) return;
  const { at, by } = event;
  switch (event.type) {
    case 'ActionPlanSubmitted':
      finding.actionPlans.push({ plan: event.data.plan, verifyBy: event.data.verifyBy ?? null, at, by });
      finding.status = 'awaiting_verification';
      return;
    case 'ActionPlanAccepted':
      finding.actionPlanAcceptance = { at, by };
      finding.status = 'resolved';
      return;
    case 'CorrectiveActionEvidenceSubmitted': {
      const { description, documentIds, verifyBy } = event.data;
      finding.evidence.push({ description, documentIds, verifyBy: verifyBy ?? null, at, by });
      finding.status = 'awaiting_verification';
      return;
    }
    case 'CorrectiveActionVerified':
      finding.verifications.push({ effective: event.data.effective, comment: event.data.comment, at, by });
      finding.status = event.data.effective ? 'resolved' : 'open';
  }
}
