import { z } from 'zod';
import type { CommandType } from '../domain/commands';
import * as commands from '../domain/commands';
import { commandRoles } from '../domain/permissions';
import { type UserRole, userRoles } from '../domain/roles';
import type { TaskKind } from '../domain/tasks';

/**
 * A human step as a route: `POST /accreditations/{id}/<path>`, body = the command's data. A
 * complaint's workflow sends `ProposeSuspension` itself (activities/case-follow-ups.ts).
 */
export interface StepRoute {
  type: Exclude<CommandType, 'OpenAccreditation' | 'ElapseTimer' | 'ProposeSuspension'>;
  path: string;
  summary: string;
  /** German summary (the working language of DIM), shown in the description. */
  summaryDe: string;
  body: z.ZodType;
  /** Derived from the domain's `commandPermits`: the same table `decide` checks. */
  roles: UserRole[];
}

export type StepType = StepRoute['type'];

/** A step's body: the command's data, unknown fields refused (a typo must not be dropped silently). */
const dataOf = <T extends { shape: { data: z.ZodObject } }>(schema: T) => schema.shape.data.strict();

/** Every human command has a route: a command missing here does not compile. */
const table: Record<StepType, Omit<StepRoute, 'type' | 'roles'>> = {
  AssignCaseManager: {
    path: 'case-manager',
    body: dataOf(commands.AssignCaseManagerSchema),
    summary: 'Assign the case manager',
    summaryDe: 'Fallverantwortliche zuweisen',
  },
  SubmitApplication: {
    path: 'application',
    body: dataOf(commands.SubmitApplicationSchema),
    summary: 'Submit the application',
    summaryDe: 'Antrag einreichen',
  },
  RequestInformation: {
    path: 'information-requests',
    body: dataOf(commands.RequestInformationSchema),
    summary: 'Ask the applicant for information',
    summaryDe: 'Nachforderung an den Antragsteller',
  },
  ProvideInformation: {
    path: 'information-responses',
    body: dataOf(commands.ProvideInformationSchema),
    summary: 'Answer a request for information or documents',
    summaryDe: 'Nachforderung beantworten',
  },
  AcceptApplication: {
    path: 'application/accept',
    body: dataOf(commands.AcceptApplicationSchema),
    summary: 'Accept the application',
    summaryDe: 'Antrag annehmen',
  },
  RejectApplication: {
    path: 'application/reject',
    body: dataOf(commands.RejectApplicationSchema),
    summary: 'Reject the application',
    summaryDe: 'Antrag ablehnen',
  },
  AssignDocumentReviewer: {
    path: 'document-reviewer',
    body: dataOf(commands.AssignDocumentReviewerSchema),
    summary: 'Assign the document reviewer',
    summaryDe: 'Dokumentenprüfer zuweisen',
  },
  RequestDocuments: {
    path: 'document-requests',
    body: dataOf(commands.RequestDocumentsSchema),
    summary: 'Request further documents',
    summaryDe: 'Unterlagen nachfordern',
  },
  CompleteDocumentReview: {
    path: 'document-review',
    body: dataOf(commands.CompleteDocumentReviewSchema),
    summary: 'Complete the document review',
    summaryDe: 'Dokumentenprüfung abschließen',
  },
  AssignLeadAuditor: {
    path: 'lead-auditor',
    body: dataOf(commands.AssignLeadAuditorSchema),
    summary: 'Assign the lead auditor',
    summaryDe: 'Leitenden Auditor zuweisen',
  },
  SetAuditDate: {
    path: 'audit-date',
    body: dataOf(commands.SetAuditDateSchema),
    summary: 'Set the audit date',
    summaryDe: 'Audittermin festlegen',
  },
  ObjectToAuditor: {
    path: 'auditor-objection',
    body: dataOf(commands.ObjectToAuditorSchema),
    summary: 'Object to the lead auditor',
    summaryDe: 'Einspruch gegen den Auditor',
  },
  CompleteAuditElement: {
    path: 'audit-elements',
    body: dataOf(commands.CompleteAuditElementSchema),
    summary: 'Report an audit element with its findings',
    summaryDe: 'Auditelement mit Feststellungen abschließen',
  },
  SubmitActionPlan: {
    path: 'action-plans',
    body: dataOf(commands.SubmitActionPlanSchema),
    summary: 'Submit an action plan for a minor finding',
    summaryDe: 'Maßnahmenplan einreichen',
  },
  AcceptActionPlan: {
    path: 'action-plans/accept',
    body: dataOf(commands.AcceptActionPlanSchema),
    summary: 'Accept an action plan',
    summaryDe: 'Maßnahmenplan annehmen',
  },
  SubmitCorrectiveActionEvidence: {
    path: 'corrective-actions',
    body: dataOf(commands.SubmitCorrectiveActionEvidenceSchema),
    summary: 'Submit evidence of a corrective action',
    summaryDe: 'Nachweis der Korrekturmaßnahme einreichen',
  },
  VerifyCorrectiveAction: {
    path: 'corrective-actions/verify',
    body: dataOf(commands.VerifyCorrectiveActionSchema),
    summary: 'Verify a corrective action',
    summaryDe: 'Korrekturmaßnahme verifizieren',
  },
  ExtendDeadline: {
    path: 'deadline-extensions',
    body: dataOf(commands.ExtendDeadlineSchema),
    summary: 'Extend a deadline',
    summaryDe: 'Frist verlängern',
  },
  Grant: {
    path: 'grant',
    body: z.object({}).strict(),
    summary: 'Grant the accreditation (the certificate number is assigned)',
    summaryDe: 'Akkreditierung erteilen',
  },
  Refuse: {
    path: 'refuse',
    // The dossier is the API's to attach (api/routes/decision-dossier.ts), never the caller's.
    body: commands.RefuseSchema.shape.data.omit({ dossier: true }),
    summary: 'Refuse the accreditation',
    summaryDe: 'Akkreditierung versagen',
  },
  TakeDecision: {
    path: 'decision-maker/take',
    body: dataOf(commands.TakeDecisionSchema),
    summary: 'Take the case’s pending decision from the queue (only you are then asked)',
    summaryDe: 'Entscheidung aus der Warteschlange übernehmen',
  },
  ConfirmLapse: {
    path: 'lapse-proposals/confirm',
    body: dataOf(commands.ConfirmLapseSchema),
    summary: 'Confirm the refusal or rejection a lapsed deadline proposes',
    summaryDe: 'Versagung nach Fristablauf bestätigen',
  },
  ExtendLapsedDeadline: {
    path: 'lapse-proposals/extend',
    body: dataOf(commands.ExtendLapsedDeadlineSchema),
    summary: 'Extend the lapsed deadline instead',
    summaryDe: 'Abgelaufene Frist verlängern',
  },
  AssignDecisionMaker: {
    path: 'decision-maker',
    body: dataOf(commands.AssignDecisionMakerSchema),
    summary: 'Give the case’s pending decision to a decision maker',
    summaryDe: 'Entscheider zuweisen',
  },
  SubmitSelfAssessment: {
    path: 'self-assessments',
    body: dataOf(commands.SubmitSelfAssessmentSchema),
    summary: 'Submit a yearly self-assessment',
    summaryDe: 'Jährliche Selbstbewertung einreichen',
  },
  ReviewSelfAssessment: {
    path: 'self-assessments/review',
    body: dataOf(commands.ReviewSelfAssessmentSchema),
    summary: 'Review a self-assessment',
    summaryDe: 'Selbstbewertung prüfen',
  },
  ConfirmSuspensionProposal: {
    path: 'suspension-proposals/confirm',
    body: dataOf(commands.ConfirmSuspensionProposalSchema),
    summary: 'Confirm a proposed suspension',
    summaryDe: 'Vorgeschlagene Aussetzung bestätigen',
  },
  RejectSuspensionProposal: {
    path: 'suspension-proposals/reject',
    body: dataOf(commands.RejectSuspensionProposalSchema),
    summary: 'Reject a proposed suspension',
    summaryDe: 'Vorgeschlagene Aussetzung verwerfen',
  },
  ApplyForRenewal: {
    path: 'renewal',
    body: dataOf(commands.ApplyForRenewalSchema),
    summary: 'Apply for renewal',
    summaryDe: 'Verlängerung beantragen',
  },
  Suspend: {
    path: 'suspend',
    body: dataOf(commands.SuspendSchema),
    summary: 'Suspend the accreditation',
    summaryDe: 'Akkreditierung aussetzen',
  },
  Reinstate: {
    path: 'reinstate',
    body: dataOf(commands.ReinstateSchema),
    summary: 'Reinstate a suspended accreditation',
    summaryDe: 'Aussetzung aufheben',
  },
  Withdraw: {
    path: 'withdraw',
    body: dataOf(commands.WithdrawSchema),
    summary: 'Withdraw the accreditation',
    summaryDe: 'Akkreditierung entziehen',
  },
  ScheduleSpecialAudit: {
    path: 'special-audits',
    body: dataOf(commands.ScheduleSpecialAuditSchema),
    summary: 'Schedule a special audit (short notice, e.g. after a complaint)',
    summaryDe: 'Sonderaudit ansetzen',
  },
  ApplyScopeChange: {
    path: 'scope-changes',
    body: dataOf(commands.ApplyScopeChangeSchema),
    summary: 'Apply to extend or reduce the scope of a valid certificate',
    summaryDe: 'Änderung des Geltungsbereichs beantragen',
  },
  AssessScopeChange: {
    path: 'scope-changes/assessment',
    body: dataOf(commands.AssessScopeChangeSchema),
    summary: 'Decide how a scope change is assessed (approve, document review, special audit)',
    summaryDe: 'Prüfweg der Änderung des Geltungsbereichs festlegen',
  },
  ReviewScopeChangeDocuments: {
    path: 'scope-changes/document-review',
    body: dataOf(commands.ReviewScopeChangeDocumentsSchema),
    summary: 'Review the documents of a scope change',
    summaryDe: 'Dokumentenprüfung der Änderung des Geltungsbereichs abschließen',
  },
  DecideScopeChange: {
    path: 'scope-changes/decision',
    body: dataOf(commands.DecideScopeChangeSchema),
    summary: 'Grant or refuse a scope change',
    summaryDe: 'Über die Änderung des Geltungsbereichs entscheiden',
  },
  ReceiveComplaint: {
    path: 'complaints',
    body: dataOf(commands.ReceiveComplaintSchema),
    summary: 'Record a complaint inside a case started before rule set 7 (since then: POST /complaints)',
    summaryDe: 'Beschwerde erfassen',
  },
  AcknowledgeComplaint: {
    path: 'complaints/acknowledge',
    body: dataOf(commands.AcknowledgeComplaintSchema),
    summary: 'Acknowledge a complaint',
    summaryDe: 'Eingang der Beschwerde bestätigen',
  },
  AssignComplaintInvestigator: {
    path: 'complaints/investigator',
    body: dataOf(commands.AssignComplaintInvestigatorSchema),
    summary: 'Assign an independent investigator',
    summaryDe: 'Unabhängige Untersuchung zuweisen',
  },
  DecideComplaint: {
    path: 'complaints/decision',
    body: dataOf(commands.DecideComplaintSchema),
    summary: 'Decide a complaint',
    summaryDe: 'Über die Beschwerde entscheiden',
  },
  CloseComplaint: {
    path: 'complaints/close',
    body: dataOf(commands.CloseComplaintSchema),
    summary: 'Close a complaint',
    summaryDe: 'Beschwerde abschließen',
  },
  LodgeAppeal: {
    path: 'appeals',
    body: dataOf(commands.LodgeAppealSchema),
    summary: 'Appeal a refusal, rejection, suspension or withdrawal (ISO/IEC 17021-1 §9.7)',
    summaryDe: 'Einspruch einlegen',
  },
  TakeAppeal: {
    path: 'appeals/take',
    body: dataOf(commands.TakeAppealSchema),
    summary: 'Take an appeal (a decision maker not involved in the decision appealed)',
    summaryDe: 'Einspruch übernehmen',
  },
  AssignAppealHandler: {
    path: 'appeals/handler',
    body: dataOf(commands.AssignAppealHandlerSchema),
    summary: 'Give an appeal to a decision maker not involved in the decision appealed',
    summaryDe: 'Einspruch einer Entscheiderin oder einem Entscheider zuweisen',
  },
  DecideAppeal: {
    path: 'appeals/decide',
    body: dataOf(commands.DecideAppealSchema),
    summary: 'Decide an appeal: upheld (it acts on the case) or dismissed, with reasons',
    summaryDe: 'Über den Einspruch entscheiden',
  },
};

export const stepRoutes: readonly StepRoute[] = (Object.keys(table) as StepType[]).map((type) => ({
  type,
  ...table[type],
  roles: commandRoles(type).filter((role): role is UserRole => userRoles.includes(role as UserRole)),
}));

export const stepRouteOf = (type: string) => stepRoutes.find((route) => route.type === type);

/** Which commands complete an open task of each kind. */
const taskActions: Record<TaskKind, StepType[]> = {
  submit_application: ['SubmitApplication'],
  review_application: ['AcceptApplication', 'RequestInformation', 'RejectApplication'],
  answer_request: ['ProvideInformation'],
  assign_document_reviewer: ['AssignDocumentReviewer'],
  complete_document_review: ['CompleteDocumentReview', 'RequestDocuments'],
  assign_lead_auditor: ['AssignLeadAuditor'],
  set_audit_date: ['SetAuditDate'],
  complete_audit_element: ['CompleteAuditElement'],
  verify_review_gap: ['CompleteAuditElement'],
  submit_corrective_action_evidence: ['SubmitCorrectiveActionEvidence'],
  verify_corrective_action: ['VerifyCorrectiveAction'],
  submit_action_plan: ['SubmitActionPlan'],
  accept_action_plan: ['AcceptActionPlan'],
  decide_accreditation: ['TakeDecision', 'Grant', 'Refuse'],
  submit_self_assessment: ['SubmitSelfAssessment'],
  review_self_assessment: ['ReviewSelfAssessment'],
  decide_suspension_proposal: ['TakeDecision', 'ConfirmSuspensionProposal', 'RejectSuspensionProposal'],
  apply_for_renewal: ['ApplyForRenewal'],
  end_suspension: ['Reinstate', 'Withdraw'],
  reinstate: ['Reinstate'],
  decide_lapse: ['TakeDecision', 'ConfirmLapse', 'ExtendLapsedDeadline'],
  acknowledge_complaint: ['AcknowledgeComplaint'],
  assign_complaint_investigator: ['AssignComplaintInvestigator'],
  decide_complaint: ['DecideComplaint'],
  close_complaint: ['CloseComplaint'],
  decide_appeal: ['TakeAppeal', 'DecideAppeal'],
  assess_scope_change: ['AssessScopeChange'],
  review_scope_change_documents: ['ReviewScopeChangeDocuments'],
  decide_scope_change: ['DecideScopeChange'],
};

export function actionsForTask(kind: string): StepRoute[] {
  return (taskActions[kind as TaskKind] ?? []).flatMap((type) => stepRouteOf(type) ?? []);
}
