/** Where an upheld appeal against a refusal or rejection takes the case back to (rule set 4). */
export const appealResumeStatuses = [
  'application_review',
  'document_review',
  'audit_planning',
  'audit',
  'corrective_actions',
  'awaiting_decision',
] as const;
