/**
 * How the events of an assessment procedure (Antrag, requests, Dokumentenprüfung, audit planning,
 * audit elements, findings and their corrective actions) enter the case file.
 */
import type { EventOf } from '../events';
import type { StampedEvent } from './evolve';
import type { CaseFile, Finding, Procedure } from './schema';
import { appendTo, updateCurrentProcedure, updateFinding, updateRequest, updateWhere } from './update';

type Stamped<Type extends StampedEvent['type']> = EventOf<Type> & { at: string; by: string | null };

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
    auditPlanning: null,
    auditElements: [],
    findings: [],
    decision: null,
  };
}

export function applicationSubmitted(file: CaseFile, { data, at, by }: Stamped<'ApplicationSubmitted'>) {
  const items = data.items.map((item) => ({
    itemId: item.itemId,
    statement: item.statement ?? null,
    documentIds: item.documentIds,
  }));
  return updateCurrentProcedure(file, (p) => ({ ...p, application: { items, at, by } }));
}

export function requested(
  file: CaseFile,
  event: Stamped<'InformationRequested'> | Stamped<'DocumentsRequested'>,
): CaseFile {
  const { data, at, by } = event;
  const request = {
    requestId: data.requestId,
    kind: event.type === 'InformationRequested' ? ('information' as const) : ('documents' as const),
    items: event.type === 'InformationRequested' ? event.data.questions : event.data.documents,
    at,
    by,
    respondBy: data.respondBy,
    extensions: [],
    remindedAt: [],
    answer: null,
    lapsedAt: null,
  };
  return updateCurrentProcedure(file, (p) => ({ ...p, requests: [...p.requests, request] }));
}

export function answered(file: CaseFile, { data, at, by }: Stamped<'InformationProvided'>) {
  const answer = { text: data.answer, documentIds: data.documentIds, at, by };
  return updateRequest(file, data.requestId, (request) => ({ ...request, answer }));
}

export function reviewed(
  file: CaseFile,
  event: Stamped<'ApplicationAccepted'> | Stamped<'ApplicationRejected'>,
): CaseFile {
  const review =
    event.type === 'ApplicationAccepted'
      ? { outcome: 'accepted' as const, reasons: [], at: event.at, by: event.by }
      : { outcome: 'rejected' as const, reasons: event.data.reasons, at: event.at, by: event.by };
  return updateCurrentProcedure(file, (p) => ({ ...p, review }));
}

export function reviewerAssigned(file: CaseFile, { data, at, by }: Stamped<'DocumentReviewerAssigned'>) {
  const documentReview = {
    reviewerId: data.auditorId,
    conflictOfInterestDeclaredFree: data.conflictOfInterestDeclaredFree,
    assignedAt: at,
    assignedBy: by,
    dueBy: data.reviewDueBy ?? null,
    reviewerRemindedAt: [],
    results: [],
    completedAt: null,
  };
  return updateCurrentProcedure(file, (p) => ({ ...p, documentReview }));
}

export function documentReviewCompleted(file: CaseFile, { data, at }: Stamped<'DocumentReviewCompleted'>) {
  const results = data.results.map((result) => ({
    requirementId: result.requirementId,
    result: result.result,
    remark: result.comment ?? null,
  }));
  return updateCurrentProcedure(file, (p) => ({
    ...p,
    documentReview: {
      ...(p.documentReview ?? {
        reviewerId: data.reviewerId,
        conflictOfInterestDeclaredFree: false,
        assignedAt: at,
        assignedBy: null,
        dueBy: null,
        reviewerRemindedAt: [],
      }),
      results,
      completedAt: at,
    },
  }));
}

const noPlanning: NonNullable<Procedure['auditPlanning']> = {
  assignments: [],
  auditDate: null,
  auditDateSetAt: null,
  auditDateSetBy: null,
  reportDueBy: null,
  auditorRemindedAt: [],
};

function updatePlanning(
  file: CaseFile,
  change: (planning: NonNullable<Procedure['auditPlanning']>) => NonNullable<Procedure['auditPlanning']>,
) {
  return updateCurrentProcedure(file, (p) => ({
    ...p,
    auditPlanning: change(p.auditPlanning ?? noPlanning),
  }));
}

export function leadAuditorAssigned(file: CaseFile, { data, at, by }: Stamped<'LeadAuditorAssigned'>) {
  const assignment = {
    assignmentId: data.assignmentId,
    auditorId: data.auditorId,
    conflictOfInterestDeclaredFree: data.conflictOfInterestDeclaredFree,
    at,
    by,
    objectionWindowEndsAt: data.objectionWindowEndsAt,
    objection: null,
    objectionWindowClosedAt: null,
  };
  return updatePlanning(file, (planning) => ({
    ...planning,
    assignments: [...planning.assignments, assignment],
  }));
}

export function auditDateSet(file: CaseFile, { data, at, by }: Stamped<'AuditDateSet'>) {
  return updatePlanning(file, (planning) => ({
    ...planning,
    auditDate: data.auditDate,
    auditDateSetAt: at,
    auditDateSetBy: by,
    reportDueBy: data.reportDueBy ?? null,
  }));
}

export function objectionEvent(
  file: CaseFile,
  event: Stamped<'AuditorObjected'> | Stamped<'AuditorObjectionWindowClosed'>,
): CaseFile {
  const { assignmentId } = event.data;
  return updatePlanning(file, (planning) => ({
    ...planning,
    assignments: updateWhere(
      planning.assignments,
      (assignment) => assignment.assignmentId === assignmentId,
      (assignment) =>
        event.type === 'AuditorObjected'
          ? { ...assignment, objection: { reason: event.data.reason, at: event.at, by: event.by } }
          : { ...assignment, objectionWindowClosedAt: event.at },
    ),
  }));
}

export function auditorReminded(file: CaseFile, { data, at }: Stamped<'AuditorDeadlineApproaching'>) {
  switch (data.task) {
    case 'complete_document_review':
      return updateCurrentProcedure(file, (p) =>
        p.documentReview
          ? {
              ...p,
              documentReview: {
                ...p.documentReview,
                reviewerRemindedAt: appendTo(p.documentReview.reviewerRemindedAt, at),
              },
            }
          : p,
      );
    case 'complete_audit_elements':
      return updatePlanning(file, (planning) => ({
        ...planning,
        auditorRemindedAt: appendTo(planning.auditorRemindedAt, at),
      }));
    case 'verify_finding':
      return data.findingId
        ? updateFinding(file, data.findingId, (finding) => ({
            ...finding,
            auditorRemindedAt: appendTo(finding.auditorRemindedAt, at),
          }))
        : file;
  }
}

export function auditElementCompleted(file: CaseFile, { data, at, by }: Stamped<'AuditElementCompleted'>) {
  const findings: Finding[] = data.findings.map((reported) => ({
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
  }));
  const report = {
    element: data.element,
    auditorId: data.auditorId,
    findingIds: findings.map((finding) => finding.findingId),
    at,
  };
  return updateCurrentProcedure(file, (p) => ({
    ...p,
    auditElements: [...p.auditElements, report],
    findings: [...p.findings, ...findings],
  }));
}

export function correctiveActionEvent(
  file: CaseFile,
  event:
    | Stamped<'ActionPlanSubmitted'>
    | Stamped<'ActionPlanAccepted'>
    | Stamped<'CorrectiveActionEvidenceSubmitted'>
    | Stamped<'CorrectiveActionVerified'>,
): CaseFile {
  const { at, by } = event;
  return updateFinding(file, event.data.findingId, (finding): Finding => {
    switch (event.type) {
      case 'ActionPlanSubmitted': {
        const plan = { plan: event.data.plan, verifyBy: event.data.verifyBy ?? null, at, by };
        return { ...finding, actionPlans: [...finding.actionPlans, plan], status: 'awaiting_verification' };
      }
      case 'ActionPlanAccepted':
        return { ...finding, actionPlanAcceptance: { at, by }, status: 'resolved' };
      case 'CorrectiveActionEvidenceSubmitted': {
        const { description, documentIds, verifyBy } = event.data;
        const evidence = { description, documentIds, verifyBy: verifyBy ?? null, at, by };
        return { ...finding, evidence: [...finding.evidence, evidence], status: 'awaiting_verification' };
      }
      case 'CorrectiveActionVerified': {
        const verification = { effective: event.data.effective, comment: event.data.comment, at, by };
        return {
          ...finding,
          verifications: [...finding.verifications, verification],
          status: event.data.effective ? 'resolved' : 'open',
        };
      }
    }
  });
}
