import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyHashChains } from '../../db/verify';
import { startProcess } from '../../dev/processes';
import { Supervisor } from '../../dev/supervisor';
import { seededRandom } from '../fixtures/scenarios';
import { CaseDriver } from '../support/case-driver';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signingInterceptors, testDataConverter, testStepSigningKey } from '../support/step-signing';
import { driveToGrant, expectTheSameEventsOnce } from './drive-to-grant';
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
    client = new Client({
      connection,
      namespace: 'default',
      interceptors: signingInterceptors(),
      dataConverter: testDataConverter,
    });
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

  it('grants every case, each event once, every stream gap-free and its chain intact', async () => {
    const drivers = Array.from({ length: caseCount }, () => new CaseDriver(client, database.db, taskQueue));
    const random = seededRandom(21);
    let done = false;
    const cases = Promise.all(drivers.map((driver) => driveToGrant(client, driver, policy))).finally(() => {
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

    expectTheSameEventsOnce(await Promise.all(drivers.map((driver) => driver.eventTypes())));
    for (const driver of drivers) {
      const versions = (await driver.events()).map((event) => event.stream_version);
      expect(versions).toEqual(versions.map((_, index) => index + 1));
    }
    const verified = await verifyHashChains(database.db);
    expect(verified.ok).toBe(true);
  }, 240_000);
});
