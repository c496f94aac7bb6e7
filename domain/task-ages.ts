import type { AccreditationEvent } from './events';
import { evolve } from './evolve';
import { type AccreditationState, initialState } from './state';
import { openTasks } from './tasks';

/**
 * Since when each task open in `state` has been open without a break: the time already known for
 * a task that was open before (`since`), `at` (the business time of the event that led to `state`)
 * for one that has just appeared. A task that closed is forgotten, so reopening starts a new clock.
 */
export function openSince<Since>(
  state: AccreditationState,
  since: ReadonlyMap<string, Since>,
  at: Since,
): Map<string, Since> {
  const next = new Map<string, Since>();
  for (const task of openTasks(state))
    next.set(task.id, since.has(task.id) ? (since.get(task.id) as Since) : at);
  return next;
}

/**
 * Since when each task open after the events has been open: the business time of the event after
 * which it appeared (and has stayed) among the case's open tasks, folded with the decider's own
 * `evolve` and `openTasks`, so it says what the inbox said then.
 */
export function openTasksSince(
  events: readonly (AccreditationEvent & { at: string })[],
): Map<string, string> {
  let state = initialState();
  let since = new Map<string, string>();
  for (const { at, ...event } of events) {
    state = evolve(state, event as AccreditationEvent);
    since = openSince(state, since, at);
  }
  return since;
}
