import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toCommandRequest } from '../../api/workflow-client';
import { verifyHashChains } from '../../db/verify';
import { startProcess } from '../../dev/processes';
import { Supervisor } from '../../dev/supervisor';
import type { Actor, StepCommandInput } from '../../domain/commands';
import { commandUpdate } from '../../workflows/messages';
import { allConforming, completeApplication } from '../fixtures/application';
import { seededRandom } from '../fixtures/scenarios';
import { CaseDriver } from '../support/case-driver';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signingInterceptors, testStepSigningKey } from '../support/step-signing';
import { killAll } from './processes';

/** Sized for CI (2 cores): the full run is 30 cases and 15 kills (FAULT_CASES, FAULT_KILLS). */
const caseCount = Number(process.env.FAULT_CASES ?? 10);
const killCount = Number(process.env.FAULT_KILLS ?? 8);
const policy = { version: 'test-worker-killed', auditorObjectionWindow: { seconds: 1 } };

/**
 * Cases driven concurrently from opening to the grant while the worker process is killed with
 * SIGKILL again and again (and restarted by npm start's supervisor): every case is granted, every
 * stream is gap-free with an intact hash chain, and every case holds the same events, each once.
 */
describe('the worker killed with SIGKILL during concurrent cases', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dim-worker-killed-'));
  const taskQueue = `test-killed-${Date.now()}`;
  const pids = new Set<number>();
  let database: TestDatabase;
  let connection: Connection;
  let client: Client;
  let supervisor: Supervisor;
  let workerPid: number | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    const bundle = join(folder, 'bundle.js');
    writeFileSync(bundle, inject('workflowBundleCode'));
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection, namespace: 'default', interceptors: signingInterceptors() });
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE: bundle,
      STEP_SIGNING_KEY: testStepSigningKey,
    };
    supervisor = new Supervisor(
      (line) => {
        const pid = line.match(/^worker: (?:re)?started \(pid (\d+)\)/)?.[1];
        if (pid) {
          workerPid = Number(pid);
          pids.add(workerPid);
        }
      },
      () => {},
      { initialBackoffMs: 100, maxBackoffMs: 100, maxRestartsInARow: 1_000 },
    );
    await supervisor.add('worker', () =>
      startProcess(
        'worker',
        process.execPath,
        ['--import', 'tsx', 'test/faults/worker-process.ts'],
        env,
        () => {},
      ),
    );
    supervisor.startRestarting();
  });

  afterAll(async () => {
    await supervisor?.stopAll();
    killAll(pids);
    await connection?.close();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** A step as the API sends it: under an update id of its own, repeated when the call times out. */
  async function step(driver: CaseDriver, actor: Actor, command: StepCommandInput, updateId: string) {
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

  async function driveToGrant(driver: CaseDriver) {
    const { caseManager, applicant, reviewer, leadAuditor, decisionMaker } = driver.cast;
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
      await step(driver, actor, command, `${driver.accreditationId}-${index}`);
    }
    await driver.waitForEvent('AuditorObjectionWindowClosed', { timeoutMs: 120_000 });
    for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check']) {
      await step(
        driver,
        leadAuditor,
        { type: 'CompleteAuditElement', data: { element, findings: [] } },
        `${driver.accreditationId}-${element}`,
      );
    }
    await step(driver, decisionMaker, { type: 'Grant', data: {} }, `${driver.accreditationId}-grant`);
  }

  it('grants every case, each event once, every stream gap-free and its chain intact', async () => {
    const drivers = Array.from({ length: caseCount }, () => new CaseDriver(client, database.db, taskQueue));
    const random = seededRandom(21);
    let done = false;
    const cases = Promise.all(drivers.map((driver) => driveToGrant(driver))).finally(() => {
      done = true;
    });
    let kills = 0;
    while (kills < killCount && !done) {
      await new Promise((resolve) => setTimeout(resolve, 300 + random() * 1_200));
      if (workerPid === undefined) continue;
      try {
        process.kill(workerPid, 'SIGKILL');
        workerPid = undefined;
        kills += 1;
      } catch {
        // exited meanwhile; the supervisor starts another
      }
    }
    await cases;
    expect(kills).toBe(killCount);

    const sequences = await Promise.all(drivers.map((driver) => driver.eventTypes()));
    const reference = sequences[0] ?? [];
    expect(reference.filter((type) => type === 'AccreditationGranted')).toHaveLength(1);
    expect(reference.filter((type) => type === 'AccreditationOpened')).toHaveLength(1);
    for (const sequence of sequences) expect(sequence).toEqual(reference);
    for (const driver of drivers) {
      const versions = (await driver.events()).map((event) => event.stream_version);
      expect(versions).toEqual(versions.map((_, index) => index + 1));
    }
    const verified = await verifyHashChains(database.db);
    expect(verified.ok).toBe(true);
  }, 240_000);
});
