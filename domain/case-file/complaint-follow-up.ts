/**
 * What became of a complaint's follow-up on the organisation's case (issue 20), read from the case
 * file: the special audit that names the complaint (rule set 6), or the suspension proposal its
 * decision made. The complaint's own stream only knows that the step reached the case.
 */
import { z } from 'zod';
import { complaintSuspensionProposalId } from '../complaint/model';
import type { CaseFile } from './schema';
import { At, Text } from './schema-parts';

const FindingCounts = z.object({
  major: z.number().int(),
  minor: z.number().int(),
  observation: z.number().int(),
});

export const CaseFollowUpSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('special_audit'),
      specialAuditId: z.string(),
      status: z
        .enum(['scheduled', 'audit_date_set', 'closed'])
        .describe('closed once every audit element is reported and nothing is left open'),
      auditDate: z.string().nullable().describe('YYYY-MM-DD, once the lead auditor set it'),
      closedAt: At.nullable(),
      findings: FindingCounts.describe('The special audit’s findings by severity, so far'),
    }),
    z.object({
      kind: z.literal('suspension'),
      proposalId: z.string(),
      status: z
        .enum(['proposed', 'confirmed', 'rejected', 'withdrawn'])
        .describe(
          'proposed: awaiting a decision maker; withdrawn: closed without a decision (the case ended)',
        ),
      proposedAt: At,
      decidedAt: At.nullable(),
      rejectionReason: Text.nullable(),
      reinstateBy: At.nullable().describe('Confirmed: the suspension must be cured by then'),
      suspensionEndedAt: At.nullable().describe('Confirmed: when the suspension ended, if it has'),
    }),
  ])
  .describe('What became of the follow-up on the organisation’s case');
export type CaseFollowUp = z.infer<typeof CaseFollowUpSchema>;

function specialAuditFor(file: CaseFile, complaintId: string): CaseFollowUp | null {
  const procedure = file.procedures.find((candidate) => candidate.specialAudit?.complaintId === complaintId);
  const special = procedure?.specialAudit;
  if (!procedure || !special) return null;
  const auditDate = procedure.auditPlanning?.auditDate ?? null;
  const count = (severity: keyof z.infer<typeof FindingCounts>) =>
    procedure.findings.filter((finding) => finding.severity === severity).length;
  return {
    kind: 'special_audit',
    specialAuditId: special.specialAuditId,
    status: special.closedAt ? 'closed' : auditDate ? 'audit_date_set' : 'scheduled',
    auditDate,
    closedAt: special.closedAt,
    findings: { major: count('major'), minor: count('minor'), observation: count('observation') },
  };
}

function suspensionFor(file: CaseFile, complaintId: string): CaseFollowUp | null {
  const proposalId = complaintSuspensionProposalId(complaintId);
  const proposal = (file.suspensionProposals ?? []).find((p) => p.proposalId === proposalId);
  if (!proposal) return null;
  const suspension = file.suspensions.find((s) => s.proposalId === proposalId);
  const how = proposal.closed?.how;
  return {
    kind: 'suspension',
    proposalId,
    status: how === undefined ? 'proposed' : how === 'confirmed' || how === 'rejected' ? how : 'withdrawn',
    proposedAt: proposal.at,
    decidedAt: proposal.closed?.at ?? null,
    rejectionReason: how === 'rejected' ? (proposal.closed?.reason ?? null) : null,
    reinstateBy: suspension?.reinstateBy ?? null,
    suspensionEndedAt: suspension?.endedAt ?? null,
  };
}

/** The case's special audit or suspension proposal made for the complaint; null if none reached the case. */
export function caseFollowUpOf(
  file: CaseFile,
  complaintId: string,
  followUp: 'special_audit' | 'suspension',
): CaseFollowUp | null {
  return followUp === 'special_audit' ? specialAuditFor(file, complaintId) : suspensionFor(file, complaintId);
}
