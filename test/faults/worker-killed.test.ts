import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyHashChains } from '../../db/verify';
import { startProcess } from '../../dev/processes';
import { Supervisor } from '../../dev/supervisor';
import { messageIdFor } from '../../notifications/mailer';
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
      // Real addresses for every organisation contact and person: the life cycle's mail goes out.
      const addressOf = new Map<string, string>();
      for (const driver of drivers) {
        for (const [id, { email }] of await register(database.db, driver.cast)) addressOf.set(id, email);
      }
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
        .select(['notification_id', 'stream_id', 'kind', 'recipient_id', 'message_id'])
        .where('status', '=', 'sent')
        .execute();
      expect(sent.length).toBeGreaterThanOrEqual(caseCount * 3);
      // Every case had its mail, the same kinds for each (a case without mail is not hidden by the others).
      const kindsOf = new Map<string, Set<string>>();
      for (const row of sent)
        kindsOf.set(row.stream_id, (kindsOf.get(row.stream_id) ?? new Set()).add(row.kind));
      expect(new Set(kindsOf.keys())).toEqual(new Set(drivers.map((driver) => driver.streamId)));
      const [kinds, ...otherCases] = [...kindsOf.values()].map((caseKinds) => [...caseKinds].sort());
      for (const caseKinds of otherCases) expect(caseKinds).toEqual(kinds);
      // The Message-ID is the outbox row's, so a resend after a crash is recognisable as one.
      const rowOf = new Map(sent.map((row) => [row.notification_id, row]));
      for (const row of sent) expect(row.message_id).toBe(messageIdFor(row.notification_id));
      const delivered = smtp.received.map(({ rcptTo, mail }) => {
        const notificationId = String(mail.headers.get('x-dim-notification-id'));
        return { notificationId, messageId: mail.messageId, rcptTo, expected: rowOf.get(notificationId) };
      });
      expect(delivered.filter(({ expected }) => expected === undefined)).toEqual([]);
      for (const { messageId, rcptTo, expected } of delivered) {
        expect(messageId).toBe(expected?.message_id);
        expect(rcptTo).toEqual([addressOf.get(String(expected?.recipient_id))]);
      }
      expect(new Set(delivered.map(({ notificationId }) => notificationId))).toEqual(new Set(rowOf.keys()));
      // The one window: accepted by the SMTP server, the worker killed before the row was marked sent.
      // The dispatcher sends one message at a time, so each kill repeats one message at most, under
      // the same Message-ID (checked above): never two messages for one notification.
      const messageIds = delivered.map(({ messageId }) => messageId);
      const repeated = messageIds.length - new Set(messageIds).size;
      expect(repeated).toBeLessThanOrEqual(kills);
      console.info(
        `worker-killed: ${kills} kills, ${sent.length} e-mails due, ${messageIds.length} received, ${repeated} resent`,
      );
    },
    120_000 + caseCount * 12_000,
  );
});
