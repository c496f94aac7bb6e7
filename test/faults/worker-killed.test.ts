import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyHashChains } from '../../db/verify';
import { startProcess } from '../../dev/processes';
import { Supervisor } from '../../dev/supervisor';
import { seededRandom } from '../fixtures/scenarios';
import { register, TestSmtp } from '../notifications/support';
import { eventually } from '../support/api-harness';
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
 * The worker also dispatches the cases' e-mails to a real SMTP server, as under `npm start`: each
 * arrives, and none twice beyond the one window (sent, then killed before it was marked sent).
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
  const smtp = new TestSmtp();

  beforeAll(async () => {
    database = await createTestDatabase();
    await smtp.start();
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
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
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
    await smtp.close();
    await connection?.close();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it(
    'grants every case, each event once, every stream gap-free and its chain intact, each e-mail delivered once',
    async () => {
      const drivers = Array.from({ length: caseCount }, () => new CaseDriver(client, database.db, taskQueue));
      for (const driver of drivers) await register(database.db, driver.cast);
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

      // Every e-mail due arrived: the restarted workers' dispatchers sent what the killed ones left.
      const { db } = database;
      await eventually(
        () =>
          db.selectFrom('notifications').select('notification_id').where('status', '=', 'pending').execute(),
        (rows) => rows.length === 0,
        // Each case's "ready for decision" goes to every decision maker, and each case brings its own.
        caseCount * 6_000,
      );
      const sent = await db
        .selectFrom('notifications')
        .select('notification_id')
        .where('status', '=', 'sent')
        .execute();
      expect(sent.length).toBeGreaterThanOrEqual(caseCount * 3);
      const delivered = smtp.received.map(({ mail }) => String(mail.headers.get('x-dim-notification-id')));
      expect(new Set(delivered)).toEqual(new Set(sent.map((row) => row.notification_id)));
      // The one window: accepted by the SMTP server, the worker killed before the row was marked sent.
      // The dispatcher sends one message at a time, so each kill repeats one message at most, under
      // the Message-ID it had: never two messages for one notification.
      expect(delivered.length - new Set(delivered).size).toBeLessThanOrEqual(kills);
      const messageIdsOf = new Map<string, Set<string>>();
      for (const { mail } of smtp.received) {
        const id = String(mail.headers.get('x-dim-notification-id'));
        messageIdsOf.set(id, (messageIdsOf.get(id) ?? new Set()).add(String(mail.messageId)));
      }
      expect([...messageIdsOf.values()].filter((ids) => ids.size !== 1)).toEqual([]);
      expect(new Set(smtp.received.map(({ mail }) => mail.messageId)).size).toBe(sent.length);
    },
    120_000 + caseCount * 12_000,
  );
});
