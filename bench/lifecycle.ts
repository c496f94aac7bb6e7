/**
 * 200 whole three-year life cycles at once, with a policy of seconds, driven by scripted users
 * through the HTTP API (bench/lifecycle-script.ts): from opening to the start of the second cycle
 * (renewal granted, certificate renewed, continue-as-new). Reports completed cycles per minute
 * and the worker's workflow-task rate (SDK Core's `temporal_workflow_task_execution_latency`
 * count), against a bare workflow of the same shape — as many Updates (each with a no-op local
 * activity, the append) and as many durable timers per cycle as the real ones had — driven
 * straight through the Temporal client with the same concurrency.
 *
 *   npm run bench -- lifecycle [--scale 0.05]
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expectStatus, openingBody, startBenchApi } from './api';
import { benchPolicy, type CaseCast, type CaseView, type CycleOutcome, driveCycle } from './lifecycle-script';
import { benchDatabase, startBenchTemporal } from './servers';
import { formatLatency, pool, report, scaled, summarise } from './support';
import { pingUpdate } from './workflows';

const cycles = scaled(200, 4);
const timeoutMs = Number(process.env.BENCH_CYCLE_TIMEOUT_MS ?? 8 * 60_000);
const openingConcurrency = 8;

const bench = await benchDatabase(32);
const temporal = await startBenchTemporal(bench.db);
const api = await startBenchApi(bench.db, temporal.client, temporal.taskQueue);

const workflowTasks = (taskQueue: string) =>
  temporal.metrics.sum('temporal_workflow_task_execution_latency_count', { task_queue: taskQueue });

try {
  const staff = await Promise.all(Array.from({ length: 8 }, () => api.user('staff')));
  const auditors = await Promise.all(Array.from({ length: 30 }, () => api.user('auditor')));
  const decisionMakers = await Promise.all(Array.from({ length: 4 }, () => api.user('decision_maker')));
  const at = <T>(list: T[], i: number) => list[i % list.length] as T;

  const wftBefore = await workflowTasks(temporal.taskQueue);
  const started = performance.now();
  const durations: number[] = [];
  // Openings ramp up through a gate of `openingConcurrency`: a new workflow costs the worker's
  // workflow thread far more than a step (see the README), and 200 at once overrun the API's
  // 10 s step timeout. Each case is driven as soon as it is open.
  let gate = Promise.resolve();
  const openings: Promise<unknown>[] = [];
  const outcomes: CycleOutcome[] = await Promise.all(
    Array.from({ length: cycles }, async (_, n) => {
      const turn = gate.then(() => openings[Math.max(0, n - openingConcurrency)]);
      gate = turn.then(() => undefined);
      await turn;
      const t0 = performance.now();
      const caseManager = at(staff, n);
      const opening = api.call(caseManager, 'POST', '/accreditations', openingBody(n, benchPolicy));
      openings[n] = opening.catch(() => undefined);
      const opened = await opening;
      expectStatus(opened, 201, 'open accreditation');
      const applicant = await api.user('organisation', { organisationId: opened.body.organisation.id });
      const cast: CaseCast = {
        caseManager,
        applicant,
        reviewer: at(auditors, n),
        leadAuditor: at(auditors, n + 1),
        renewalAuditor: at(auditors, n + 2),
        decisionMaker: at(decisionMakers, n),
      };
      const outcome = await driveCycle(api, opened.body as CaseView, cast, { timeoutMs });
      outcome.steps++; // the opening
      if (!outcome.failure) durations.push(performance.now() - t0);
      return outcome;
    }),
  );
  const elapsedMs = performance.now() - started;
  const realTasks = (await workflowTasks(temporal.taskQueue)) - wftBefore;
  const completed = outcomes.filter((outcome) => !outcome.failure).length;
  const perMinute = completed / (elapsedMs / 60_000);
  const realRate = realTasks / (elapsedMs / 1000);
  const steps = outcomes.reduce((sum, outcome) => sum + outcome.steps, 0);
  const stepLatency = summarise(outcomes.flatMap((outcome) => outcome.stepLatencies));
  const { rows: timerRows } = await sql<{ timers: number; events: number }>`
    SELECT count(*) FILTER (WHERE metadata->>'actorRole' = 'system')::int AS timers, count(*)::int AS events
    FROM events`.execute(bench.db);
  const timers = timerRows[0]?.timers ?? 0;
  const events = timerRows[0]?.events ?? 0;
  const stepsPerCycle = Math.round(steps / cycles);
  const timersPerCycle = Math.round(timers / cycles);
  console.log(
    `${completed}/${cycles} life cycles completed in ${(elapsedMs / 1000).toFixed(1)} s: ${perMinute.toFixed(1)} per minute`,
  );
  const failures = new Map<string, number>();
  for (const { failure } of outcomes) {
    if (failure) failures.set(failure.slice(0, 80), (failures.get(failure.slice(0, 80)) ?? 0) + 1);
  }
  for (const [failure, count] of failures) console.log(`  ${count} cases: ${failure}`);
  console.log(`  cycle duration: ${formatLatency(summarise(durations))}`);
  console.log(
    `  ${steps} API steps (${stepsPerCycle} per cycle): ${formatLatency(stepLatency)}; ${outcomes.reduce((s, o) => s + o.polls, 0)} polls, ${outcomes.reduce((s, o) => s + o.conflicts, 0)} conflicts, ${outcomes.reduce((s, o) => s + o.retries, 0)} retries after 503`,
  );
  console.log(`  ${events} events, of them ${timers} from timers (${timersPerCycle} per cycle)`);
  console.log(
    `  ${realTasks} workflow tasks (${(realTasks / cycles).toFixed(1)} per cycle): ${realRate.toFixed(1)} workflow tasks/s`,
  );

  // Baseline: the same shape without the substance, as fast as the same concurrency goes.
  const bareBefore = await workflowTasks(temporal.bareTaskQueue);
  const bareStarted = performance.now();
  await pool(cycles, cycles, async (n) => {
    const handle = await temporal.client.workflow.start('bareLifecycleWorkflow', {
      workflowId: `bare-lifecycle-${n}-${randomUUID()}`,
      taskQueue: temporal.bareTaskQueue,
      args: [{ steps: stepsPerCycle, timers: timersPerCycle }],
    });
    for (let step = 0; step < stepsPerCycle; step++) await handle.executeUpdate(pingUpdate, { args: [step] });
    await handle.result();
  });
  const bareElapsedMs = performance.now() - bareStarted;
  const bareTasks = (await workflowTasks(temporal.bareTaskQueue)) - bareBefore;
  const bareRate = bareTasks / (bareElapsedMs / 1000);
  console.log(
    `bare workflow of the same shape (${stepsPerCycle} Updates with a local activity, ${timersPerCycle} timers) × ${cycles}: ` +
      `${(bareElapsedMs / 1000).toFixed(1)} s, ${bareTasks} workflow tasks: ${bareRate.toFixed(1)} workflow tasks/s, ` +
      `${(cycles / (bareElapsedMs / 60_000)).toFixed(1)} cycles per minute`,
  );

  console.log(`completed life cycles per minute: ${perMinute.toFixed(1)} (${completed} of ${cycles})`);
  report({
    name: 'lifecycle',
    value: realRate,
    unit: 'workflow-tasks/s',
    baseline: bareRate,
    ratio: realRate / bareRate,
    details: {
      cycles,
      completed,
      cyclesPerMinute: perMinute,
      elapsedMs,
      cycleDurationMs: summarise(durations),
      stepsPerCycle,
      timersPerCycle,
      stepLatency,
      workflowTasks: realTasks,
      bare: {
        elapsedMs: bareElapsedMs,
        workflowTasks: bareTasks,
        cyclesPerMinute: cycles / (bareElapsedMs / 60_000),
      },
      policy: benchPolicy,
      failures: outcomes.flatMap((outcome) => (outcome.failure ? [outcome.failure] : [])),
    },
  });
} finally {
  await api.close();
  await temporal.close();
  await bench.close();
}
