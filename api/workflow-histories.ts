/**
 * Deleting the Temporal histories of an erased organisation's cases (db/erasure-on-request.ts):
 * what its people wrote stays in a history under the deployment key only, and the namespace's
 * retention may be longer than the time since the case ended. Only closed workflows are deleted;
 * a workflow still running is returned, and its case counts as running.
 */
import { type Client, isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';

/** gRPC's NOT_FOUND: a run deleted meanwhile (by the namespace's retention, or a request before). */
const notFound = 5;

export interface HistoryDeletion {
  /** Runs deleted (every run of a workflow continued as new counts). */
  deleted: number;
  /** Workflows still running: nothing of theirs was deleted. */
  running: string[];
}

export async function deleteClosedHistories(
  client: Client,
  workflowIds: readonly string[],
): Promise<HistoryDeletion> {
  const running: string[] = [];
  const closed: { workflowId: string; runId: string }[] = [];
  for (const workflowId of workflowIds) {
    const runs = new Map<string, string>();
    // The latest run by id (visibility may lag behind a run that just closed), then every run.
    try {
      const latest = await client.workflow.getHandle(workflowId).describe();
      runs.set(latest.runId, latest.status.name);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId.replace(/'/g, '')}'` }))
      runs.set(run.runId, run.status.name);
    if ([...runs.values()].includes('RUNNING')) running.push(workflowId);
    else for (const runId of runs.keys()) closed.push({ workflowId, runId });
  }
  if (running.length > 0) return { deleted: 0, running };
  for (const execution of closed) {
    await client.workflowService
      .deleteWorkflowExecution({ namespace: client.options.namespace, workflowExecution: execution })
      .catch((error: unknown) => {
        if (!(isGrpcServiceError(error) && error.code === notFound)) throw error;
      });
  }
  return { deleted: closed.length, running };
}
