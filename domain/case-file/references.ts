import type { CaseFile } from './schema';

export type DocumentUseKind =
  | 'application_item'
  | 'request_answer'
  | 'corrective_action_evidence'
  | 'renewal_application'
  | 'self_assessment';

export interface DocumentUse {
  kind: DocumentUseKind;
  /** The procedure it was submitted in; null for a self-assessment. */
  procedure: number | null;
  /** The §5.1 item, request, finding or self-assessment; null for a renewal application. */
  subjectId: string | null;
  at: string;
  by: string | null;
}

export interface DocumentReference {
  documentId: string;
  uses: DocumentUse[];
}

/** Every document the file refers to, in the order of first use, with each place it was used. */
export function documentReferences(file: CaseFile): DocumentReference[] {
  const byId = new Map<string, DocumentUse[]>();
  const use = (documentIds: readonly string[], documentUse: DocumentUse) => {
    for (const documentId of documentIds) {
      const uses = byId.get(documentId);
      if (uses) uses.push(documentUse);
      else byId.set(documentId, [documentUse]);
    }
  };
  for (const procedure of file.procedures) {
    const { number } = procedure;
    for (const item of procedure.application?.items ?? []) {
      const { at, by } = procedure.application as NonNullable<typeof procedure.application>;
      use(item.documentIds, { kind: 'application_item', procedure: number, subjectId: item.itemId, at, by });
    }
    const renewal = procedure.renewalApplication;
    if (renewal) {
      const { at, by } = renewal;
      use(renewal.documentIds, { kind: 'renewal_application', procedure: number, subjectId: null, at, by });
    }
    for (const { requestId, answer } of procedure.requests) {
      if (!answer) continue;
      const { at, by } = answer;
      use(answer.documentIds, { kind: 'request_answer', procedure: number, subjectId: requestId, at, by });
    }
    for (const { findingId, evidence } of procedure.findings) {
      for (const { documentIds, at, by } of evidence) {
        const kind = 'corrective_action_evidence';
        use(documentIds, { kind, procedure: number, subjectId: findingId, at, by });
      }
    }
  }
  for (const { selfAssessmentId, submissions } of file.selfAssessments) {
    for (const { documentIds, findingEvidence, at, by } of submissions) {
      const evidenceIds = (findingEvidence ?? []).flatMap((evidence) => evidence.documentIds);
      use([...new Set([...documentIds, ...evidenceIds])], {
        kind: 'self_assessment',
        procedure: null,
        subjectId: selfAssessmentId,
        at,
        by,
      });
    }
  }
  return [...byId].map(([documentId, uses]) => ({ documentId, uses }));
}

/** Every user id the file names: actors, assigned auditors, case managers, investigators. */
export function peopleIn(file: CaseFile): string[] {
  const people = new Set<string>();
  const personKeys = new Set([
    'by',
    'assignedBy',
    'auditDateSetBy',
    'userId',
    'auditorId',
    'reviewerId',
    'investigatorId',
  ]);
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (personKeys.has(key) && typeof child === 'string') people.add(child);
        else visit(child);
      }
    }
  };
  visit(file);
  return [...people];
}
