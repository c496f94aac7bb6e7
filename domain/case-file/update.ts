import type { CaseFile, Finding, Procedure, Request, SelfAssessment } from './schema';

/**
 * Lookups into a case file being folded. The fold works on a draft of its own (see `foldCaseFile`),
 * so these return the draft's objects, to be changed in place.
 */
export const currentProcedure = (file: CaseFile): Procedure | undefined =>
  file.procedures[file.procedures.length - 1];

export function findRequest(file: CaseFile, requestId: string): Request | undefined {
  for (let i = file.procedures.length - 1; i >= 0; i--) {
    const found = file.procedures[i]?.requests.find((request) => request.requestId === requestId);
    if (found) return found;
  }
  return undefined;
}

export function findFinding(file: CaseFile, findingId: string): Finding | undefined {
  for (let i = file.procedures.length - 1; i >= 0; i--) {
    const found = file.procedures[i]?.findings.find((finding) => finding.findingId === findingId);
    if (found) return found;
  }
  return undefined;
}

export function findSelfAssessment(file: CaseFile, selfAssessmentId: string): SelfAssessment | undefined {
  for (let i = file.selfAssessments.length - 1; i >= 0; i--) {
    const selfAssessment = file.selfAssessments[i];
    if (selfAssessment?.selfAssessmentId === selfAssessmentId) return selfAssessment;
  }
  return undefined;
}
