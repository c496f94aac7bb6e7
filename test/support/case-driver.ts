import { randomUUID } from 'node:crypto';
import { type Client, WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { ProblemError } from '../../api/problems';
import { toCommandRequest } from '../../api/workflow-client';
import type { Database, EventRow } from '../../db/database';
import { openPersonalFields } from '../../db/subject-keys';
import type { Actor, StepCommandInput } from '../../domain/commands';
import type { PolicyInput } from '../../domain/policy-schema';
import type { accreditationWorkflow } from '../../workflows/accreditation';
import {
  accreditationStreamId,
  accreditationWorkflowId,
  type CommandOutcome,
  type CommandRequest,
  commandUpdate,
  stateQuery,
} from '../../workflows/messages';
import { allConforming, completeApplication } from '../fixtures/application';
import type { TestClock } from './temporal';

/** The people of one test case; ids are fresh so parallel files never collide. */
export function castOfCase() {
  const organisationId = `org-${randomUUID()}`;
  const person = (role: Actor['role'], name: string, extra: Partial<Actor> = {}): Actor => ({
    id: `${name}-${randomUUID().slice(0, 8)}`,
    role,
    ...extra,
  });
  return {
    organisationId,
    caseManager: person('staff', 'anna'),
    applicant: person('organisation', 'olga', { organisationId }),
    reviewer: person('auditor', 'rita'),
    leadAuditor: person('auditor', 'lars'),
    otherAuditor: person('auditor', 'otto'),
    decisionMaker: person('decision_maker', 'dora'),
    otherDecisionMaker: person('decision_maker', 'dieter'),
  };
}

export type Cast = ReturnType<typeof castOfCase>;

/** Drives one accreditation workflow through updates, as the API does, and reads its events. */
export class CaseDriver {
  readonly accreditationId = randomUUID();
  readonly workflowId = accreditationWorkflowId(this.accreditationId);
  readonly streamId = accreditationStreamId(this.accreditationId);

  constructor(
    private readonly client: Client,
    private readonly db: Kysely<Database>,
    private readonly taskQueue: string,
    readonly cast: Cast = castOfCase(),
    /** On the time-skipping server: `waitForEvent` lets the server clock run to the case's deadlines. */
    private readonly clock?: TestClock,
  ) {}

  async open(policy?: PolicyInput): Promise<CommandOutcome> {
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof accreditationWorkflow>(
      'accreditationWorkflow',
      {
        workflowId: this.workflowId,
        taskQueue: this.taskQueue,
        args: [{ accreditationId: this.accreditationId }],
        workflowIdConflictPolicy: 'FAIL',
      },
    );
    return this.client.workflow.executeUpdateWithStart(commandUpdate, {
      startWorkflowOperation,
      args: [
        toCommandRequest({
          actor: this.cast.caseManager,
          command: {
            type: 'OpenAccreditation',
            data: {
              accreditationId: this.accreditationId,
              organisationId: this.cast.organisationId,
              organisationName: 'Muster IT-Service GmbH',
              scope: 'Servicedesk und IT-Betrieb',
              caseManagerId: this.cast.caseManager.id,
              ...(policy ? { policy } : {}),
            },
          },
        }),
      ],
    });
  }

  /** A step parsed as `executeStep` parses it, sent as the update itself (no deadline, no 503). */
  step(actor: Actor, command: StepCommandInput): Promise<CommandOutcome> {
    return this.client.workflow
      .getHandle(this.workflowId)
      .executeUpdate(commandUpdate, { args: [toCommandRequest({ actor, command })] });
  }

  /** The rejection code of a step that must be refused: by its parse, or by the workflow. */
  rejection(actor: Actor, command: StepCommandInput): Promise<string> {
    return this.rejectionOf(command, () => this.step(actor, command));
  }

  /** The rejection code the workflow itself gives a step sent without the parse. */
  unparsedRejection(actor: Actor, command: { type: string; data?: unknown }): Promise<string> {
    const request = { actor, command } as unknown as CommandRequest;
    return this.rejectionOf(command, () =>
      this.client.workflow.getHandle(this.workflowId).executeUpdate(commandUpdate, { args: [request] }),
    );
  }

  private async rejectionOf(command: { type: string }, send: () => Promise<unknown>): Promise<string> {
    try {
      await send();
    } catch (error) {
      if (error instanceof ProblemError) return String(error.problem.code ?? 'untyped');
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        return error.cause.type ?? 'untyped';
      }
      throw error;
    }
    throw new Error(`${command.type} was accepted`);
  }

  async state() {
    return this.client.workflow.getHandle(this.workflowId).query(stateQuery);
  }

  /** The handle of the current run (after continue-as-new, the newest one). */
  handle() {
    return this.client.workflow.getHandle<typeof accreditationWorkflow>(this.workflowId);
  }

  /** Application submitted and accepted, documents reviewed by the reviewer: audit planning. */
  async throughDocumentReview(): Promise<void> {
    const { caseManager, applicant, reviewer } = this.cast;
    await this.step(applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    await this.step(caseManager, { type: 'AcceptApplication', data: {} });
    await this.step(caseManager, {
      type: 'AssignDocumentReviewer',
      data: { auditorId: reviewer.id, conflictOfInterestDeclaredFree: true },
    });
    await this.step(reviewer, { type: 'CompleteDocumentReview', data: { results: allConforming } });
  }

  /** Lead auditor assigned and the audit date set; the objection window is still running. */
  async planAudit(auditor: Actor = this.cast.leadAuditor): Promise<void> {
    const { caseManager } = this.cast;
    await this.step(caseManager, {
      type: 'AssignLeadAuditor',
      data: { auditorId: auditor.id, conflictOfInterestDeclaredFree: true },
    });
    await this.step(caseManager, { type: 'SetAuditDate', data: { auditDate: '2030-01-01' } });
  }

  /** The three audit elements reported without findings: awaiting decision. */
  async completeAudit(auditor: Actor = this.cast.leadAuditor): Promise<void> {
    for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check']) {
      await this.step(auditor, { type: 'CompleteAuditElement', data: { element, findings: [] } });
    }
  }

  /**
   * From opening to awaiting decision on a policy whose objection window is short (the organisation
   * does not object; the window is waited out, see `waitForEvent`).
   */
  async toAwaitingDecision(policy: PolicyInput): Promise<void> {
    await this.open(policy);
    await this.throughDocumentReview();
    await this.planAudit();
    await this.waitForEvent('AuditorObjectionWindowClosed');
    await this.completeAudit();
  }

  async eventCount(): Promise<number> {
    const { count } = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('stream_id', '=', this.streamId)
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  /** The stream's rows, their personal fields opened as every read of the store opens them. */
  async events(): Promise<EventRow[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('stream_id', '=', this.streamId)
      .orderBy('stream_version')
      .execute();
    return openPersonalFields(this.db, rows, (row) => row.event_type);
  }

  async eventTypes(): Promise<string[]> {
    return (await this.events()).map((event) => event.event_type);
  }

  /**
   * Waits until the stream holds an event of this type (written by a timer, say) and the workflow's
   * own state has it too. The two can differ for a while: the event is appended by a local activity
   * before the workflow task completes, and if that task is lost (eviction, worker restart) the
   * workflow's durable state lags behind PostgreSQL until the task is retried (up to the workflow
   * task timeout). Seen with `TEST_MAX_CACHED_WORKFLOWS=2`. On the time-skipping server the server
   * clock runs meanwhile from one of the case's deadlines to the next, instead of the wall clock.
   */
  async waitForEvent(type: string, options: { timeoutMs?: number; after?: number } = {}): Promise<EventRow> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const found = (await this.events()).find(
        (event) => event.event_type === type && event.stream_version > (options.after ?? 0),
      );
      if (found && (await this.state()).version >= found.stream_version) return found;
      if (Date.now() > deadline) {
        throw new Error(`No ${type} within the timeout; stream: ${(await this.eventTypes()).join(', ')}`);
      }
      if (!found && (await this.skipToNextDeadline())) continue;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Lets the server clock run to just past the case's next deadline; false if there is none ahead. */
  private async skipToNextDeadline(): Promise<boolean> {
    if (!this.clock) return false;
    const next = await this.db
      .selectFrom('deadlines')
      .select((eb) => eb.fn.min('due_at').as('at'))
      .where('stream_id', '=', this.streamId)
      .executeTakeFirst();
    if (!next?.at) return false;
    const ahead = new Date(next.at).getTime() - (await this.clock.now());
    // A deadline already passed: its timer's task is under way.
    if (ahead < 0) return false;
    await this.clock.sleep(ahead + 1);
    return true;
  }
}
