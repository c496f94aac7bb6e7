/**
 * A complaint's decided follow-up acts on the organisation's running case (issue 20 item 5): the
 * special audit is scheduled, the suspension proposed to a decision maker. Sent as the case's
 * `command` update, signed like the API's steps (domain/step-signature.ts), in the name of the
 * investigator who decided it; a refusal of the case is recorded on the complaint, not retried.
 */
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FollowUpStatus } from '../domain/complaint';
import { stepSignature } from '../domain/step-signature';

export interface CaseFollowUpInput {
  complaintId: string;
  accreditationId: string;
  followUp: 'special_audit' | 'suspension';
  /** The investigator who decided the complaint; staff (the API checks the appointment). */
  decidedBy: string;
  reasons: string;
}

export interface CaseFollowUpResult {
  status: FollowUpStatus;
  detail: string | null;
}

/** The case's update and workflow id, by name: activities do not import the workflows. */
const caseUpdate = 'command';
const caseWorkflowId = (accreditationId: string) => `accreditation-${accreditationId}`;

function stepOf({ complaintId, followUp, decidedBy, reasons }: CaseFollowUpInput) {
  const reason = `Beschwerde ${complaintId}: ${reasons}`;
  const command =
    followUp === 'special_audit'
      ? { type: 'ScheduleSpecialAudit', data: { reason, complaintId } }
      : { type: 'ProposeSuspension', data: { reason, complaintId } };
  return { command, actor: { id: decidedBy, role: 'staff' } };
}

export function createCaseFollowUps({ client, stepSigningKey }: { client: Client; stepSigningKey: string }) {
  return {
    async actOnCase(input: CaseFollowUpInput): Promise<CaseFollowUpResult> {
      const workflowId = caseWorkflowId(input.accreditationId);
      // One update id per complaint and follow-up: a retried activity attaches to the same update.
      const updateId = `complaint-${input.complaintId}/${input.followUp}`;
      const { command, actor } = stepOf(input);
      const signature = stepSignature(stepSigningKey, { updateId, workflowId, command, actor });
      try {
        await client.workflow
          .getHandle(workflowId)
          .executeUpdate(caseUpdate, { args: [{ command, actor, signature }], updateId });
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
          return { status: 'refused_by_case', detail: error.cause.type ?? error.cause.message };
        }
        if (error instanceof WorkflowNotFoundError || isClosedWorkflow(error)) {
          return { status: 'no_running_case', detail: null };
        }
        throw error;
      }
      const status = input.followUp === 'special_audit' ? 'awaiting_special_audit' : 'proposed_to_case';
      return { status, detail: null };
    },
  };
}

/** The case's workflow has ended (withdrawn, refused, expired): nothing runs to act on. */
function isClosedWorkflow(error: unknown): boolean {
  return error instanceof Error && /already completed|workflow.*(closed|completed)/i.test(error.message);
}
