import { z } from 'zod';
import type { UserRole } from '../db/database';
import type { CommandType } from '../domain/commands';
import * as commands from '../domain/commands';
import { commandRoles } from '../domain/permissions';

/** A human step as a route: `POST /accreditations/{id}/<path>`, body = the command's data. */
export interface StepRoute {
  type: Exclude<CommandType, 'OpenAccreditation' | 'ElapseTimer'>;
  path: string;
  summary: string;
  /** German summary (the working language of DIM), shown in the description. */
  summaryDe: string;
  body: z.ZodType;
  /** Derived from the domain's `commandPermits`: the same table `decide` checks. */
  roles: UserRole[];
}

type StepType = StepRoute['type'];

const dataOf = <T extends { shape: { data: z.ZodType } }>(schema: T) => schema.shape.data;

const table: [StepType, string, z.ZodType, string, string][] = [
  [
    'AssignCaseManager',
    'case-manager',
    dataOf(commands.AssignCaseManagerSchema),
    'Assign the case manager',
    'Fallverantwortliche zuweisen',
  ],
  [
    'SubmitApplication',
    'application',
    dataOf(commands.SubmitApplicationSchema),
    'Submit the application',
    'Antrag einreichen',
  ],
  [
    'RequestInformation',
    'information-requests',
    dataOf(commands.RequestInformationSchema),
    'Ask the applicant for information',
    'Nachforderung an den Antragsteller',
  ],
  [
    'ProvideInformation',
    'information-responses',
    dataOf(commands.ProvideInformationSchema),
    'Answer a request for information or documents',
    'Nachforderung beantworten',
  ],
  [
    'AcceptApplication',
    'application/accept',
    dataOf(commands.AcceptApplicationSchema),
    'Accept the application',
    'Antrag annehmen',
  ],
  [
    'RejectApplication',
    'application/reject',
    dataOf(commands.RejectApplicationSchema),
    'Reject the application',
    'Antrag ablehnen',
  ],
  [
    'AssignDocumentReviewer',
    'document-reviewer',
    dataOf(commands.AssignDocumentReviewerSchema),
    'Assign the document reviewer',
    'Dokumentenprüfer zuweisen',
  ],
  [
    'RequestDocuments',
    'document-requests',
    dataOf(commands.RequestDocumentsSchema),
    'Request further documents',
    'Unterlagen nachfordern',
  ],
  [
    'CompleteDocumentReview',
    'document-review',
    dataOf(commands.CompleteDocumentReviewSchema),
    'Complete the document review',
    'Dokumentenprüfung abschließen',
  ],
  [
    'AssignLeadAuditor',
    'lead-auditor',
    dataOf(commands.AssignLeadAuditorSchema),
    'Assign the lead auditor',
    'Leitenden Auditor zuweisen',
  ],
  [
    'SetAuditDate',
    'audit-date',
    dataOf(commands.SetAuditDateSchema),
    'Set the audit date',
    'Audittermin festlegen',
  ],
  [
    'ObjectToAuditor',
    'auditor-objection',
    dataOf(commands.ObjectToAuditorSchema),
    'Object to the lead auditor',
    'Einspruch gegen den Auditor',
  ],
  [
    'CompleteAuditElement',
    'audit-elements',
    dataOf(commands.CompleteAuditElementSchema),
    'Report an audit element with its findings',
    'Auditelement mit Feststellungen abschließen',
  ],
  [
    'SubmitActionPlan',
    'action-plans',
    dataOf(commands.SubmitActionPlanSchema),
    'Submit an action plan for a minor finding',
    'Maßnahmenplan einreichen',
  ],
  [
    'AcceptActionPlan',
    'action-plans/accept',
    dataOf(commands.AcceptActionPlanSchema),
    'Accept an action plan',
    'Maßnahmenplan annehmen',
  ],
  [
    'SubmitCorrectiveActionEvidence',
    'corrective-actions',
    dataOf(commands.SubmitCorrectiveActionEvidenceSchema),
    'Submit evidence of a corrective action',
    'Nachweis der Korrekturmaßnahme einreichen',
  ],
  [
    'VerifyCorrectiveAction',
    'corrective-actions/verify',
    dataOf(commands.VerifyCorrectiveActionSchema),
    'Verify a corrective action',
    'Korrekturmaßnahme verifizieren',
  ],
  [
    'ExtendDeadline',
    'deadline-extensions',
    dataOf(commands.ExtendDeadlineSchema),
    'Extend a deadline',
    'Frist verlängern',
  ],
  [
    'Grant',
    'grant',
    z.object({}).strict(),
    'Grant the accreditation (the certificate number is assigned)',
    'Akkreditierung erteilen',
  ],
  ['Refuse', 'refuse', dataOf(commands.RefuseSchema), 'Refuse the accreditation', 'Akkreditierung versagen'],
  [
    'SubmitSelfAssessment',
    'self-assessments',
    dataOf(commands.SubmitSelfAssessmentSchema),
    'Submit a yearly self-assessment',
    'Jährliche Selbstauskunft einreichen',
  ],
  [
    'ReviewSelfAssessment',
    'self-assessments/review',
    dataOf(commands.ReviewSelfAssessmentSchema),
    'Review a self-assessment',
    'Selbstauskunft prüfen',
  ],
  [
    'ConfirmSuspensionProposal',
    'suspension-proposals/confirm',
    dataOf(commands.ConfirmSuspensionProposalSchema),
    'Confirm a proposed suspension',
    'Vorgeschlagene Aussetzung bestätigen',
  ],
  [
    'RejectSuspensionProposal',
    'suspension-proposals/reject',
    dataOf(commands.RejectSuspensionProposalSchema),
    'Reject a proposed suspension',
    'Vorgeschlagene Aussetzung verwerfen',
  ],
  [
    'ApplyForRenewal',
    'renewal',
    dataOf(commands.ApplyForRenewalSchema),
    'Apply for renewal',
    'Verlängerung beantragen',
  ],
  [
    'Suspend',
    'suspend',
    dataOf(commands.SuspendSchema),
    'Suspend the accreditation',
    'Akkreditierung aussetzen',
  ],
  [
    'Reinstate',
    'reinstate',
    dataOf(commands.ReinstateSchema),
    'Reinstate a suspended accreditation',
    'Aussetzung aufheben',
  ],
  [
    'Withdraw',
    'withdraw',
    dataOf(commands.WithdrawSchema),
    'Withdraw the accreditation',
    'Akkreditierung entziehen',
  ],
  [
    'ReceiveComplaint',
    'complaints',
    dataOf(commands.ReceiveComplaintSchema),
    'Record a complaint',
    'Beschwerde erfassen',
  ],
  [
    'AcknowledgeComplaint',
    'complaints/acknowledge',
    dataOf(commands.AcknowledgeComplaintSchema),
    'Acknowledge a complaint',
    'Eingang der Beschwerde bestätigen',
  ],
  [
    'AssignComplaintInvestigator',
    'complaints/investigator',
    dataOf(commands.AssignComplaintInvestigatorSchema),
    'Assign an independent investigator',
    'Unabhängige Untersuchung zuweisen',
  ],
  [
    'DecideComplaint',
    'complaints/decision',
    dataOf(commands.DecideComplaintSchema),
    'Decide a complaint',
    'Über die Beschwerde entscheiden',
  ],
  [
    'CloseComplaint',
    'complaints/close',
    dataOf(commands.CloseComplaintSchema),
    'Close a complaint',
    'Beschwerde abschließen',
  ],
];

const userRoles = new Set<string>(['admin', 'staff', 'decision_maker', 'auditor', 'organisation']);

export const stepRoutes: readonly StepRoute[] = table.map(([type, path, body, summary, summaryDe]) => ({
  type,
  path,
  body,
  summary,
  summaryDe,
  roles: commandRoles(type).filter((role): role is UserRole => userRoles.has(role)),
}));

export const stepRouteOf = (type: string) => stepRoutes.find((route) => route.type === type);

/** Which commands complete an open task of a kind (the domain's `TaskKind`). */
const taskActions: Record<string, StepType[]> = {
  submit_application: ['SubmitApplication'],
  review_application: ['AcceptApplication', 'RequestInformation', 'RejectApplication'],
  answer_request: ['ProvideInformation'],
  assign_document_reviewer: ['AssignDocumentReviewer'],
  complete_document_review: ['CompleteDocumentReview', 'RequestDocuments'],
  assign_lead_auditor: ['AssignLeadAuditor'],
  set_audit_date: ['SetAuditDate'],
  complete_audit_element: ['CompleteAuditElement'],
  submit_corrective_action_evidence: ['SubmitCorrectiveActionEvidence'],
  verify_corrective_action: ['VerifyCorrectiveAction'],
  submit_action_plan: ['SubmitActionPlan'],
  accept_action_plan: ['AcceptActionPlan'],
  decide_accreditation: ['Grant', 'Refuse'],
  submit_self_assessment: ['SubmitSelfAssessment'],
  review_self_assessment: ['ReviewSelfAssessment'],
  decide_suspension_proposal: ['ConfirmSuspensionProposal', 'RejectSuspensionProposal'],
  apply_for_renewal: ['ApplyForRenewal'],
  end_suspension: ['Reinstate', 'Withdraw'],
  acknowledge_complaint: ['AcknowledgeComplaint'],
  assign_complaint_investigator: ['AssignComplaintInvestigator'],
  decide_complaint: ['DecideComplaint'],
  close_complaint: ['CloseComplaint'],
};

export function actionsForTask(kind: string): StepRoute[] {
  return (taskActions[kind] ?? []).flatMap((type) => stepRouteOf(type) ?? []);
}
