import { type Client, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { expect } from 'vitest';
import { toCommandRequest } from '../../api/workflow-client';
import type { Actor, StepCommandInput } from '../../domain/commands';
import type { PolicyInput } from '../../domain/policy-schema';
import { commandUpdate } from '../../workflows/messages';
import { allConforming, completeApplication } from '../fixtures/application';
import type { CaseDriver } from '../support/case-driver';

/** A step as the API sends it: under an update id of its own, repeated when the call times out. */
export async function stepUntilAnswered(
  client: Client,
  driver: CaseDriver,
  actor: Actor,
  command: StepCommandInput,
  updateId: string,
) {
  for (;;) {
    try {
      return await client.workflow
        .getHandle(driver.workflowId)
        .executeUpdate(commandUpdate, { args: [toCommandRequest({ actor, command })], updateId });
    } catch (error) {
      if (!(error instanceof WorkflowUpdateRPCTimeoutOrCancelledError)) throw error;
    }
  }
}

/** Asks the workflow, not the database (which may be the thing that is down). */
async function objectionWindowClosed(driver: CaseDriver, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  const closed = async () => {
    const { state } = await driver.state();
    return state.status !== 'none' && state.leadAuditor?.objectionWindowClosed === true;
  };
  while (!(await closed())) {
    if (Date.now() > deadline) throw new Error(`${driver.workflowId}: the objection window stays open`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * One case from opening to the grant, each step under a fixed update id (so a repeated step is
 * the same step); the policy's objection window should be seconds.
 */
export async function driveToGrant(client: Client, driver: CaseDriver, policy: PolicyInput) {
  const { caseManager, applicant, reviewer, leadAuditor, decisionMaker } = driver.cast;
  const step = (actor: Actor, command: StepCommandInput, updateId: string) =>
    stepUntilAnswered(client, driver, actor, command, updateId);
  await driver.open(policy);
  const steps: [Actor, StepCommandInput][] = [
    [applicant, { type: 'SubmitApplication', data: { items: completeApplication } }],
    [caseManager, { type: 'AcceptApplication', data: {} }],
    [
      caseManager,
      {
        type: 'AssignDocumentReviewer',
        data: { auditorId: reviewer.id, conflictOfInterestDeclaredFree: true },
      },
    ],
    [reviewer, { type: 'CompleteDocumentReview', data: { results: allConforming } }],
    [
      caseManager,
      {
        type: 'AssignLeadAuditor',
        data: { auditorId: leadAuditor.id, conflictOfInterestDeclaredFree: true },
      },
    ],
    [caseManager, { type: 'SetAuditDate', data: { auditDate: '2030-01-01' } }],
  ];
  for (const [index, [actor, command]] of steps.entries()) {
    await step(actor, command, `${driver.accreditationId}-${index}`);
  }
  await objectionWindowClosed(driver);
  for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check']) {
    await step(
      leadAuditor,
      { type: 'CompleteAuditElement', data: { element, findings: [] } },
      `${driver.accreditationId}-${element}`,
    );
  }
  await step(decisionMaker, { type: 'Grant', data: {} }, `${driver.accreditationId}-grant`);
}

/**
 * Every case driven by `driveToGrant` holds the same events, each once, opened first and granted
 * last: the audit date and the end of the objection window of seconds may come in either order
 * under load, so the events between are compared as a multiset.
 */
export function expectTheSameEventsOnce(sequences: readonly string[][]) {
  const reference = sequences[0] ?? [];
  expect(reference.filter((type) => type === 'AccreditationOpened')).toHaveLength(1);
  expect(reference.filter((type) => type === 'AccreditationGranted')).toHaveLength(1);
  for (const sequence of sequences) {
    expect([...sequence].sort()).toEqual([...reference].sort());
    expect(sequence[0]).toBe('AccreditationOpened');
    expect(sequence.at(-1)).toBe('AccreditationGranted');
  }
}
