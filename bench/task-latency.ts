/**
 * Human-task latency and throughput against the Temporal floor, on one server in one run.
 *
 * The human task: `POST /accreditations/:id/case-manager` (AssignCaseManager, a real step staff
 * may repeat at any time) through the real API — authenticate, visibility check, Temporal Update
 * (validator and handler run the decider), the append with the inline projections in a local
 * activity, then the case as the read model shows it. Baselines, each on workflows of their own:
 * a bare Update with an empty handler (the floor), the same with one no-op local activity and with
 * one no-op regular activity; for attribution also the real Update sent straight to the workflow
 * (the API's `executeStep`, no HTTP, no reads). 1 client × 300 tasks, then 8 concurrent clients ×
 * 2 000 tasks (the baselines fewer, see below); each client works on cases of its own, round-robin,
 * so clients never contend on one workflow. Variants are interleaved in rounds, so a change in
 * machine load hits all of them.
 *
 *   npm run bench -- task-latency [--scale 0.05]
 */
import type { Client } from '@temporalio/client';
import { executeStep } from '../api/workflow-client';
import type { TestUser } from '../test/fixtures/users';
import { type BenchApi, expectStatus, openingBody, startBenchApi } from './api';
import { benchDatabase, startBenchTemporal } from './servers';
import {
  addCpu,
  type CpuSplit,
  cpuMeter,
  cpuPerTaskMs,
  formatCpuPerTask,
  formatLatency,
  type LatencySummary,
  pool,
  report,
  scaled,
  summarise,
} from './support';
import { pingUpdate } from './workflows';

const clients = 8;
const casesPerClient = Number(process.env.BENCH_CASES_PER_CLIENT ?? 50);
const singleTasks = scaled(300, 20);
const perClientTasks = scaled(2_000, 20);
/**
 * The bare Update, the floor both goals divide by, runs three eighths as many 8-client tasks (6 000
 * at full size: its p99 rests on the 60 samples above it); the activity baselines and the direct
 * Update only explain, and run a thirty-second at 8 clients (512 tasks) and half as many at 1 client.
 */
const perClientFloorTasks = Math.max(10, Math.round((perClientTasks * 3) / 8));
const perClientSideTasks = Math.max(10, Math.round(perClientTasks / 32));
const singleSideTasks = Math.max(10, Math.round(singleTasks / 2));
const rounds = perClientTasks >= 400 ? 4 : 2;

type VariantName = 'bare-update' | 'local-activity' | 'regular-activity' | 'real-update' | 'human-task';

interface Variant {
  name: VariantName;
  label: string;
  /** Does task `i` of client `c`; resolves when the answer is in. */
  task(c: number, i: number): Promise<void>;
  /** Tasks at 1 client, over all rounds. */
  single: number;
  /** Tasks per client at 8 clients, over all rounds. */
  perClient: number;
}

interface Measured {
  samples: number[];
  tasks: number;
  elapsedMs: number;
  cpu: CpuSplit;
}

const bench = await benchDatabase(24);
const temporal = await startBenchTemporal(bench.db);
let api: BenchApi | undefined;

async function startBare(client: Client, type: string, count: number): Promise<string[]> {
  return pool(count, 16, async (i) => {
    const workflowId = `${type}-${i}`;
    await client.workflow.start(type, { workflowId, taskQueue: temporal.bareTaskQueue, args: [] });
    return workflowId;
  });
}

async function measure(variant: Variant, concurrency: number, tasksPerClient: number): Promise<Measured> {
  const samples: number[] = [];
  const meter = cpuMeter(temporal.server.pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      for (let i = 0; i < tasksPerClient; i++) {
        const t0 = performance.now();
        await variant.task(c, i);
        samples.push(performance.now() - t0);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  return { samples, tasks: samples.length, elapsedMs, cpu: meter.stop() };
}

function merge(parts: Measured[]): Measured {
  return {
    samples: parts.flatMap((part) => part.samples),
    tasks: parts.reduce((sum, part) => sum + part.tasks, 0),
    elapsedMs: parts.reduce((sum, part) => sum + part.elapsedMs, 0),
    cpu: parts.reduce((sum, part) => addCpu(sum, part.cpu), { bench: 0, temporal: 0, postgres: 0 }),
  };
}

try {
  const { client } = temporal;
  api = await startBenchApi(bench.db, client, temporal.taskQueue);
  const benchApi = api;
  const staff: TestUser[] = [await api.user('staff'), await api.user('staff')];

  const caseCount = clients * casesPerClient;
  let started = performance.now();
  const caseIds = await pool(caseCount, 8, async (n) => {
    const response = await benchApi.call(staff[0] as TestUser, 'POST', '/accreditations', openingBody(n));
    expectStatus(response, 201, 'open accreditation');
    return response.body.id as string;
  });
  console.log(
    `opened ${caseCount} accreditations through the API in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  started = performance.now();
  const [bare, local, regular] = await Promise.all([
    startBare(client, 'bareUpdateWorkflow', caseCount),
    startBare(client, 'localActivityUpdateWorkflow', caseCount),
    startBare(client, 'regularActivityUpdateWorkflow', caseCount),
  ]);
  console.log(
    `started ${3 * caseCount} bare workflows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const target = <T>(list: T[], c: number, i: number) => list[c * casesPerClient + (i % casesPerClient)] as T;
  const ping = (ids: string[]) => async (c: number, i: number) => {
    const answer = await client.workflow
      .getHandle(target(ids, c, i))
      .executeUpdate(pingUpdate, { args: [i] });
    if (answer !== i) throw new Error(`ping answered ${answer}, not ${i}`);
  };
  const manager = (i: number) => staff[i % 2] as TestUser;
  const variants: Variant[] = [
    {
      name: 'bare-update',
      label: 'bare Update, empty handler',
      task: ping(bare),
      single: singleTasks,
      perClient: perClientFloorTasks,
    },
    {
      name: 'local-activity',
      label: 'Update + no-op local activity',
      task: ping(local),
      single: singleSideTasks,
      perClient: perClientSideTasks,
    },
    {
      name: 'regular-activity',
      label: 'Update + no-op regular activity',
      task: ping(regular),
      single: singleSideTasks,
      perClient: perClientSideTasks,
    },
    {
      name: 'real-update',
      label: 'real Update (AssignCaseManager), no HTTP',
      single: singleSideTasks,
      perClient: perClientSideTasks,
      task: async (c, i) => {
        await executeStep(client, target(caseIds, c, i), {
          command: { type: 'AssignCaseManager', data: { caseManagerId: manager(i + 1).id } },
          actor: { id: manager(i).id, role: 'staff' },
        });
      },
    },
    {
      name: 'human-task',
      label: 'human task through the API',
      single: singleTasks,
      perClient: perClientTasks,
      task: async (c, i) => {
        const id = target(caseIds, c, i);
        const response = await benchApi.call(manager(i), 'POST', `/accreditations/${id}/case-manager`, {
          caseManagerId: manager(i + 1).id,
        });
        expectStatus(response, 200, 'AssignCaseManager');
        if (response.body.caseManagerId !== manager(i + 1).id)
          throw new Error('the answer is not the new state');
      },
    },
  ];

  // Warm up (JIT, connections) on a few tasks per client; every workflow is in its worker's cache
  // already, having just been opened or started.
  for (const variant of variants) await measure(variant, clients, Math.min(casesPerClient, 10));

  const results = new Map<VariantName, { one: Measured; eight: Measured }>();
  const one = new Map<VariantName, Measured[]>();
  const eight = new Map<VariantName, Measured[]>();
  console.log(
    `1 client × ${singleTasks} tasks (side baselines × ${singleSideTasks}), ${rounds} interleaved rounds`,
  );
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      const part = await measure(variant, 1, Math.ceil(variant.single / rounds));
      one.set(variant.name, [...(one.get(variant.name) ?? []), part]);
    }
  }
  console.log(
    `${clients} clients × ${perClientTasks} tasks (bare Update × ${perClientFloorTasks}, side baselines × ${perClientSideTasks}), ${rounds} interleaved rounds`,
  );
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      const part = await measure(variant, clients, Math.ceil(variant.perClient / rounds));
      eight.set(variant.name, [...(eight.get(variant.name) ?? []), part]);
      console.log(
        `  round ${round + 1}/${rounds} ${variant.name.padEnd(16)} ${Math.round(part.tasks / (part.elapsedMs / 1000))}/s, ${formatLatency(summarise(part.samples))}`,
      );
    }
  }
  for (const variant of variants) {
    results.set(variant.name, {
      one: merge(one.get(variant.name) ?? []),
      eight: merge(eight.get(variant.name) ?? []),
    });
  }

  const table: Record<
    string,
    { one: LatencySummary; eight: LatencySummary; perSecond: number; cpuPerTaskMs: CpuSplit }
  > = {};
  console.log('');
  for (const variant of variants) {
    const result = results.get(variant.name) as { one: Measured; eight: Measured };
    const perSecond = result.eight.tasks / (result.eight.elapsedMs / 1000);
    table[variant.name] = {
      one: summarise(result.one.samples),
      eight: summarise(result.eight.samples),
      perSecond,
      cpuPerTaskMs: cpuPerTaskMs(result.eight.cpu, result.eight.tasks),
    };
    console.log(`${variant.label}`);
    console.log(`  1 client:  ${formatLatency(table[variant.name]?.one as LatencySummary)}`);
    console.log(
      `  8 clients: ${formatLatency(table[variant.name]?.eight as LatencySummary)}, ${perSecond.toFixed(1)} tasks/s`,
    );
    console.log(`  8 clients: ${formatCpuPerTask(table[variant.name]?.cpuPerTaskMs as CpuSplit)}`);
  }
  const human = table['human-task'] as (typeof table)[string];
  const floor = table['bare-update'] as (typeof table)[string];
  const latencyRatio = human.eight.p99 / floor.eight.p99;
  const throughputRatio = human.perSecond / floor.perSecond;
  console.log('');
  console.log(
    `human task p99 at 8 clients: ${human.eight.p99.toFixed(1)} ms = ${latencyRatio.toFixed(2)} × the bare Update's ${floor.eight.p99.toFixed(1)} ms (goal ≤ 2.0)`,
  );
  console.log(
    `human task throughput at 8 clients: ${human.perSecond.toFixed(1)}/s = ${throughputRatio.toFixed(2)} × the bare Update's ${floor.perSecond.toFixed(1)}/s (goal ≥ 0.5)`,
  );
  const details = {
    clients,
    casesPerClient,
    singleTasks,
    singleSideTasks,
    perClientTasks,
    perClientFloorTasks,
    perClientSideTasks,
    rounds,
    variants: table,
  };
  report({
    name: 'task-latency',
    value: human.eight.p99,
    unit: 'ms',
    baseline: floor.eight.p99,
    ratio: latencyRatio,
    goal: 'p99 of the human task at 8 clients ≤ 2.0 × the bare Update’s',
    met: latencyRatio <= 2.0,
    details,
  });
  report({
    name: 'task-throughput',
    value: human.perSecond,
    unit: 'tasks/s',
    baseline: floor.perSecond,
    ratio: throughputRatio,
    goal: 'human tasks/s at 8 clients ≥ 0.5 × bare Updates/s',
    met: throughputRatio >= 0.5,
    details,
  });
} finally {
  await api?.close();
  await temporal.close();
  await bench.close();
}
