import type { AccreditationEvent } from './events';
import { evolve } from './evolve';
import { initialState } from './state';
import { openTasks } from './tasks';

/**
 * Since when each task open after the events has been open without a break: the business time of
 * the event after which it appeared (and has stayed) among the case's open tasks. Folds the whole
 * stream with the decider's own `evolve` and `openTasks`, so it says what the inbox said then.
 */
export function openTasksSince(
  events: readonly (AccreditationEvent & { at: string })[],
): Map<string, string> {
  let state = initialState();
  let since = new Map<string, string>();
  for (const { at, ...event } of events) {
    state = evolve(state, event as AccreditationEvent);
    const next = new Map<string, string>();
    for (const task of openTasks(state)) next.set(task.id, since.get(task.id) ?? at);
    since = next;
  }
  return since;
}
