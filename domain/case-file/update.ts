import type { CaseFile, Finding, Procedure, Request, SelfAssessment } from './schema';

/** The list with each matching item changed (a new list; the others are the same objects). */
export function updateWhere<T>(
  list: readonly T[],
  matches: (item: T) => boolean,
  change: (item: T) => T,
): T[] {
  return list.map((item) => (matches(item) ? change(item) : item));
}

/** The file with its current (last) procedure changed. */
export function updateCurrentProcedure(
  file: CaseFile,
  change: (procedure: Procedure) => Procedure,
): CaseFile {
  const last = file.procedures.length - 1;
  if (last < 0) return file;
  return { ...file, procedures: file.procedures.map((p, index) => (index === last ? change(p) : p)) };
}

export const currentProcedure = (file: CaseFile): Procedure | undefined =>
  file.procedures[file.procedures.length - 1];

function updateProcedures(file: CaseFile, change: (procedure: Procedure) => Procedure): CaseFile {
  return { ...file, procedures: file.procedures.map(change) };
}

export function updateRequest(file: CaseFile, requestId: string, change: (request: Request) => Request) {
  return updateProcedures(file, (procedure) =>
    procedure.requests.some((request) => request.requestId === requestId)
      ? { ...procedure, requests: updateWhere(procedure.requests, (r) => r.requestId === requestId, change) }
      : procedure,
  );
}

export function updateFinding(file: CaseFile, findingId: string, change: (finding: Finding) => Finding) {
  return updateProcedures(file, (procedure) =>
    procedure.findings.some((finding) => finding.findingId === findingId)
      ? { ...procedure, findings: updateWhere(procedure.findings, (f) => f.findingId === findingId, change) }
      : procedure,
  );
}

export function updateSelfAssessment(
  file: CaseFile,
  selfAssessmentId: string,
  change: (selfAssessment: SelfAssessment) => SelfAssessment,
): CaseFile {
  return {
    ...file,
    selfAssessments: updateWhere(
      file.selfAssessments,
      (selfAssessment) => selfAssessment.selfAssessmentId === selfAssessmentId,
      change,
    ),
  };
}

export const appendTo = <T>(list: readonly T[] | undefined, item: T): T[] => [...(list ?? []), item];
