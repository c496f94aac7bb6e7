/** Steps of an assessment procedure; a renewal runs them again while the old certificate stays valid. */
export const procedureStatuses = [
  'document_review',
  'audit_planning',
  'audit',
  'corrective_actions',
  'awaiting_decision',
] as const;

export const caseStatuses = [
  'opened',
  'application_review',
  'awaiting_applicant',
  ...procedureStatuses,
  'accredited',
  'suspended',
  'refused',
  'withdrawn',
  'expired',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Where an upheld appeal against a refusal or rejection takes the case back to (rule set 4). */
export const appealResumeStatuses = ['application_review', ...procedureStatuses] as const;
