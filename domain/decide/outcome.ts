import type { AccreditationEvent } from '../events';

export const rejectionCodes = [
  'invalid_transition',
  'not_authorised',
  'not_own_case',
  'not_assigned',
  'four_eyes_violation',
  'unknown_edition',
  'policy_beyond_limits',
  'unknown_technical_area',
  'technical_areas_missing',
  'application_items_missing',
  'unknown_application_item',
  'duplicate_application_item',
  'unknown_request',
  'request_already_open',
  'response_deadline_passed',
  'conflict_of_interest_not_declared',
  'requirements_missing',
  'unknown_requirement',
  'duplicate_requirement',
  'lead_auditor_not_assigned',
  'auditor_objected',
  'audit_date_in_past',
  'objection_window_closed',
  'unknown_audit_element',
  'audit_element_already_completed',
  'invalid_review_gap',
  'review_gaps_open',
  'invalid_finding_evidence',
  'finding_evidence_missing',
  'unknown_finding',
  'wrong_finding_severity',
  'corrective_action_deadline_passed',
  'unknown_deadline',
  'deadline_not_later',
  'deadline_in_past',
  'audit_incomplete',
  'open_major_findings',
  'action_plans_not_accepted',
  'invalid_certificate_number',
  'certificate_number_reused',
  'dossier_outdated',
  'certificate_number_taken',
  'unknown_self_assessment',
  'self_assessment_not_open',
  'unknown_suspension_proposal',
  'no_decision_pending',
  'unknown_lapse_proposal',
  'decision_taken',
  'renewal_window_not_open',
  'renewal_already_applied',
  'renewal_refused',
  'unknown_complaint',
  'investigator_not_independent',
  'unknown_timer',
  'timer_not_due',
  'unknown_decision',
  'appeal_already_lodged',
  'appeal_window_closed',
  'unknown_appeal',
  'involved_in_decision',
  'appeal_taken',
  'special_audit_running',
  'suspension_already_proposed',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

export interface Rejection {
  code: RejectionCode;
  message: string;
}

export type Decision = { ok: true; events: AccreditationEvent[] } | { ok: false; rejection: Rejection };

export const accept = (...events: AccreditationEvent[]): Decision => ({ ok: true, events });
export const reject = (code: RejectionCode, message: string): Decision => ({
  ok: false,
  rejection: { code, message },
});
