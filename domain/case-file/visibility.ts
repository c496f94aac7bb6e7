import type { CaseFile, Procedure } from './schema';

/** Who looks at a case file; whether they may see the case at all is decided before (the API). */
export interface CaseFileViewer {
  role: 'admin' | 'staff' | 'decision_maker' | 'auditor' | 'organisation';
  userId: string;
}

/**
 * The case file as a viewer may see it. DIM's staff see everything. Decision makers see
 * everything but complaints. Auditors see what concerns the procedure, without DIM's internal
 * deliberations (suspension proposals, escalations). The organisation sees its own case without
 * those and without the reminders DIM sent its auditors. Complaints are shown to staff, and to an
 * investigator the complaints they investigate.
 */
export function caseFileFor(file: CaseFile, viewer: CaseFileViewer): CaseFile {
  if (viewer.role === 'admin' || viewer.role === 'staff') return file;
  const { complaints, suspensionProposals, ...rest } = file;
  const investigated = (complaints ?? []).filter(
    (complaint) => complaint.investigation?.investigatorId === viewer.userId,
  );
  const visibleComplaints = investigated.length > 0 ? { complaints: investigated } : {};
  if (viewer.role === 'decision_maker') {
    return { ...rest, ...(suspensionProposals ? { suspensionProposals } : {}), ...visibleComplaints };
  }
  const selfAssessments = file.selfAssessments.map(({ escalatedAt, ...selfAssessment }) => selfAssessment);
  const owedSteps = file.owedSteps?.map(({ escalatedAt, ...step }) => step);
  const forAuditor = { ...rest, selfAssessments, ...(owedSteps ? { owedSteps } : {}), ...visibleComplaints };
  if (viewer.role === 'auditor') return forAuditor;
  return { ...forAuditor, procedures: file.procedures.map(withoutAuditorReminders) };
}

function withoutAuditorReminders(procedure: Procedure): Procedure {
  const { documentReview, auditPlanning } = procedure;
  return {
    ...procedure,
    documentReview: documentReview ? omit(documentReview, 'reviewerRemindedAt') : null,
    auditPlanning: auditPlanning ? omit(auditPlanning, 'auditorRemindedAt') : null,
    findings: procedure.findings.map((finding) => omit(finding, 'auditorRemindedAt')),
  };
}

function omit<T extends object, Key extends keyof T>(value: T, key: Key): Omit<T, Key> {
  const { [key]: _omitted, ...rest } = value;
  return rest;
}
