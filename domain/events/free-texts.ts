/**
 * The free texts of each event type: what people wrote (statements, answers, findings, reasons,
 * comments, a complaint's text), where personal data can stand in passing. The store seals each
 * with its stream's own key (domain/events/personal-fields.ts), which the erasure of the case or
 * the complaint deletes. Paths are dotted; `*` stands for each element of a list.
 *
 * Scope, edition, previous scope and a refusal's rule are no free texts: they state what is
 * certified and under which rule, and the register shows them.
 * test/domain/free-texts.test.ts holds every `Text` field of the case events' schemas to this list.
 */
export const freeTexts: Readonly<Record<string, readonly string[]>> = {
  // Antrag
  ApplicationSubmitted: ['items.*.statement'],
  InformationRequested: ['questions.*'],
  DocumentsRequested: ['documents.*'],
  InformationProvided: ['answer'],
  ApplicationRejected: ['reasons.*'],
  // Dokumentenprüfung
  DocumentReviewCompleted: ['results.*.comment'],
  ReviewGapsReferredToAudit: ['gaps.*.comment'],
  // Vor-Ort-Audit
  AuditorObjected: ['reason'],
  AuditElementCompleted: ['findings.*.description', 'reviewGapsClosed.*.comment'],
  ActionPlanSubmitted: ['plan'],
  CorrectiveActionEvidenceSubmitted: ['description'],
  CorrectiveActionVerified: ['comment'],
  // Entscheidung
  AccreditationGranted: ['selfAssessments.*.findingsToEvidence.*.description'],
  AccreditationRefused: ['reasons.*'],
  AppealLodged: ['reasons.*'],
  AppealDecided: ['reasons.*'],
  // Selbstbewertung
  SelfAssessmentSubmitted: ['statement', 'findingEvidence.*.description'],
  SelfAssessmentAccepted: ['comment'],
  SelfAssessmentFollowUpRequested: ['comment'],
  // Certificate and its changes
  SuspensionProposed: ['reason'],
  SpecialAuditScheduled: ['reason'],
  SuspensionProposalRejected: ['reason'],
  AccreditationSuspended: ['reason'],
  AccreditationReinstated: ['reason'],
  AccreditationWithdrawn: ['reason'],
  ScopeChangeApplied: ['reason'],
  ScopeChangeDocumentsReviewed: ['comment'],
  ScopeChangeDecided: ['reason'],
  DeadlineExtended: ['reason'],
  LapseProposed: ['reasons.*'],
  // Complaints recorded in a case (rule sets before 7)
  ComplaintReceived: ['complainant', 'summary'],
  ComplaintDecided: ['reasoning'],
  // Complaints of their own
  ComplaintLodged: ['text', 'subject.organisationName'],
  ComplaintResolved: ['reasons'],
  ComplaintFollowUpRecorded: ['detail'],
};
