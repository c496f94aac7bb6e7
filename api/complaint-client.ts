/** Sending steps to a complaint's workflow (workflows/complaint.ts), as `workflow-client.ts` does for cases. */
import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import type { complaintWorkflow } from '../workflows/complaint';
import {
  type ComplaintOutcome,
  type ComplaintRequest,
  complaintCommandUpdate,
  complaintWorkflowId,
} from '../workflows/complaint-messages';
import { type StepOptions, sendCommand } from './workflow-client';

/** Lodging starts the complaint's workflow and records the complaint in one call. */
export function lodgeComplaint(
  temporal: Client,
  taskQueue: string,
  complaintId: string,
  request: ComplaintRequest,
  options: StepOptions = {},
): Promise<ComplaintOutcome> {
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof complaintWorkflow>(
    'complaintWorkflow',
    {
      workflowId: complaintWorkflowId(complaintId),
      taskQueue,
      args: [{ complaintId }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    },
  );
  return sendCommand(temporal, request, options, (args, updateId) =>
    temporal.workflow.executeUpdateWithStart(complaintCommandUpdate, {
      args,
      updateId,
      startWorkflowOperation,
    }),
  );
}

/** A person's step on a complaint, parsed by its route's schema. */
export function executeComplaintStep(
  temporal: Client,
  complaintId: string,
  request: ComplaintRequest,
  options: StepOptions = {},
): Promise<ComplaintOutcome> {
  const handle = temporal.workflow.getHandle(complaintWorkflowId(complaintId));
  return sendCommand(temporal, request, options, (args, updateId) =>
    handle.executeUpdate(complaintCommandUpdate, { args, updateId }),
  );
}
