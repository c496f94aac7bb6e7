/**
 * 10 000 open accreditations waiting on durable timers, one worker: how fast they start and how
 * much memory the worker and the Temporal server hold at the end.
 *
 * Each accreditation is opened the way the API opens one (`openAccreditation`: Update-with-Start,
 * the decider, the append with the projections), and right after, the organisation submits its
 * Antrag and staff ask a question about it (`executeStep`), so the case waits on the information
 * request's reminder — a durable timer of days (an opened case alone waits on no timer). The rate is of cases so put on a timer. The
 * worker runs in this process (its RSS is this process's, client included); the dev server is a
 * child process (its RSS from /proc). Baseline: a bare workflow that only waits on a timer, started
 * with the same concurrency (`client.workflow.start`), on a worker of its own; a quarter as many.
 *
 *   npm run bench -- open-cases [--scale 0.05]
 */
import { randomUUID } from 'node:crypto';
import { executeStep, openAccreditation } from '../api/workflow-client';
import { loadEnv } from '../config/env';
import type { Actor } from '../domain/commands';
import { applicationByStatements } from '../test/fixtures/application';
import { benchDatabase, startBenchTemporal } from './servers';
import { cpuMeter, cpuPerTaskMs, formatCpuPerTask, mb, pool, report, rssOf, scaled, sleep } from './support';

const cases = scaled(10_000, 100);
const concurrency = 32;
/** The worker's sticky cache as the product's worker sets it (`WORKER_MAX_CACHED_WORKFLOWS`). */
const maxCachedWorkflows = loadEnv().WORKER_MAX_CACHED_WORKFLOWS;

const bench = await benchDatabase(24);
const temporal = await startBenchTemporal(bench.db, {
  tuning: { maxCachedWorkflows },
});

function memory(label: string) {
  const worker = process.memoryUsage();
  const server = temporal.server.rssBytes();
  console.log(
    `${label}: worker process RSS ${mb(worker.rss)} MB (heap ${mb(worker.heapUsed)} MB), Temporal server RSS ${mb(server)} MB`,
  );
  return { workerRssMb: mb(worker.rss), workerHeapMb: mb(worker.heapUsed), serverRssMb: mb(server) };
}

try {
  const { client, taskQueue, metrics } = temporal;
  const staff: Actor = { id: randomUUID(), role: 'staff' };
  const open = async (n: number) => {
    const accreditationId = randomUUID();
    await openAccreditation(client, taskQueue, accreditationId, {
      command: {
        type: 'OpenAccreditation',
        data: {
          accreditationId,
          organisationId: `org-${n}`,
          organisationName: `Muster IT-Service GmbH ${n}`,
          caseManagerId: staff.id,
          scope: 'IT-Servicedesk und Rechenzentrumsbetrieb',
        },
      },
      actor: staff,
    });
    return accreditationId;
  };
  // Warm up (JIT, connections, caches) on a few cases that stay open too.
  await pool(Math.min(50, cases), concurrency, open);
  const before = memory('before');

  let started = performance.now();
  let meter = cpuMeter(temporal.server.pid);
  let lastLog = started;
  let done = 0;
  await pool(cases, concurrency, async (n) => {
    const id = await open(n);
    await executeStep(client, id, {
      command: { type: 'SubmitApplication', data: { items: applicationByStatements } },
      actor: { id: `user-${n}`, role: 'organisation', organisationId: `org-${n}` },
    });
    await executeStep(client, id, {
      command: { type: 'RequestInformation', data: { questions: ['Wo ist das Organigramm?'] } },
      actor: staff,
    });
    if (++done % 1000 === 0 && performance.now() - lastLog > 5_000) {
      lastLog = performance.now();
      console.log(`  ${done} waiting (${Math.round(done / ((lastLog - started) / 1000))}/s)`);
    }
  });
  const openSeconds = (performance.now() - started) / 1000;
  const startRate = cases / openSeconds;
  const openCpu = cpuPerTaskMs(meter.stop(), cases);
  console.log(
    `opened ${cases} accreditations, each with a question on its Antrag so that it waits on a timer of days, in ${openSeconds.toFixed(1)} s: ${startRate.toFixed(1)}/s`,
  );
  const { waiting } = (await bench.db
    .selectFrom('deadlines')
    .select((eb) => eb.fn.count<number>('stream_id').distinct().as('waiting'))
    .executeTakeFirstOrThrow()) as { waiting: number };
  console.log(`  ${formatCpuPerTask(openCpu, 'case')}`);
  console.log(`accreditations with a pending deadline in the read model: ${waiting}`);

  // Let the worker settle (sticky cache, GC), then read memory.
  await sleep(3_000);
  (globalThis as { gc?: () => void }).gc?.();
  const after = memory(`after ${cases} open cases`);
  const cached = await metrics.sum('temporal_sticky_cache_size');
  console.log(`worker sticky cache: ${cached} workflows (maxCachedWorkflows ${maxCachedWorkflows})`);
  const perCaseKb = {
    worker: Math.round(((after.workerRssMb - before.workerRssMb) * 1024) / cases),
    server: Math.round(((after.serverRssMb - before.serverRssMb) * 1024) / cases),
  };
  console.log(`per open case: worker +${perCaseKb.worker} KB, server +${perCaseKb.server} KB RSS`);

  // Baseline: bare workflows started and left on a timer, same concurrency, same server; a quarter
  // as many (a start rate, and at more than 200/s it settles within seconds).
  const bareCases = Math.max(100, Math.round(cases / 4));
  await pool(50, concurrency, (i) =>
    client.workflow.start('timerWorkflow', {
      workflowId: `warm-${i}`,
      taskQueue: temporal.bareTaskQueue,
      args: [{ waitMs: 14 * 86_400_000 }],
    }),
  );
  started = performance.now();
  meter = cpuMeter(temporal.server.pid);
  await pool(bareCases, concurrency, (i) =>
    client.workflow.start('timerWorkflow', {
      workflowId: `timer-${i}`,
      taskQueue: temporal.bareTaskQueue,
      args: [{ waitMs: 14 * 86_400_000 }],
    }),
  );
  const bareSeconds = (performance.now() - started) / 1000;
  const bareRate = bareCases / bareSeconds;
  const bareCpu = cpuPerTaskMs(meter.stop(), bareCases);
  console.log(
    `started ${bareCases} bare timer workflows in ${bareSeconds.toFixed(1)} s: ${bareRate.toFixed(1)}/s`,
  );
  console.log(`  ${formatCpuPerTask(bareCpu, 'workflow')}`);
  const bareMemory = memory('after the bare ones too');

  report({
    name: 'open-cases',
    value: startRate,
    unit: 'workflows/s',
    baseline: bareRate,
    ratio: startRate / bareRate,
    details: {
      cases,
      bareCases,
      concurrency,
      openSeconds,
      cpuPerCaseMs: openCpu,
      cpuPerBareWorkflowMs: bareCpu,
      before,
      after,
      afterBare: bareMemory,
      perCaseKb,
      stickyCacheSize: cached,
      maxCachedWorkflows,
      serverPid: temporal.server.pid,
      serverRssFromProc: mb(rssOf(temporal.server.pid)),
    },
  });
} finally {
  await temporal.close();
  await bench.close();
}
