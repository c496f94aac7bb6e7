/**
 * Bare baseline workflows for the benchmarks (bundled on their own, never part of the product):
 * the Temporal floor that the real accreditation workflow is measured against.
 */
import {
  allHandlersFinished,
  condition,
  defineSignal,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';

export interface BenchActivities {
  noop(): Promise<void>;
}

const { noop: noopLocal } = proxyLocalActivities<BenchActivities>({ startToCloseTimeout: '10s' });
const { noop: noopRegular } = proxyActivities<BenchActivities>({ startToCloseTimeout: '10s' });

/** One round trip; the answer is the request's number. */
export const pingUpdate = defineUpdate<number, [number]>('ping');
export const stopSignal = defineSignal('stop');

/** An Update with an empty handler: the floor of a human task. */
export async function bareUpdateWorkflow(): Promise<void> {
  let stopped = false;
  setHandler(pingUpdate, (n) => n);
  setHandler(stopSignal, () => {
    stopped = true;
  });
  await condition(() => stopped);
}

/** The same with one no-op local activity in the handler. */
export async function localActivityUpdateWorkflow(): Promise<void> {
  let stopped = false;
  setHandler(pingUpdate, async (n) => {
    await noopLocal();
    return n;
  });
  setHandler(stopSignal, () => {
    stopped = true;
  });
  await condition(() => stopped);
}

/** The same with one no-op regular activity in the handler. */
export async function regularActivityUpdateWorkflow(): Promise<void> {
  let stopped = false;
  setHandler(pingUpdate, async (n) => {
    await noopRegular();
    return n;
  });
  setHandler(stopSignal, () => {
    stopped = true;
  });
  await condition(() => stopped);
}

/** Started and left waiting on a durable timer, as an open accreditation waits on its deadlines. */
export async function timerWorkflow(input: { waitMs: number }): Promise<void> {
  await sleep(input.waitMs);
}

/**
 * The shape of a life cycle without its substance: `steps` Updates, each with one no-op local
 * activity (the append), and `timers` short durable timers, then done.
 */
export async function bareLifecycleWorkflow(input: { steps: number; timers: number }): Promise<number> {
  let done = 0;
  let running = Promise.resolve();
  setHandler(pingUpdate, (n) => {
    const step = running.then(async () => {
      await noopLocal();
      done++;
    });
    running = step;
    return step.then(() => n);
  });
  for (let timer = 0; timer < input.timers; timer++) {
    await condition(() => done >= Math.round(((timer + 1) * input.steps) / (input.timers + 1)));
    await sleep(1);
  }
  await condition(() => done >= input.steps);
  await condition(allHandlersFinished);
  return done;
}
