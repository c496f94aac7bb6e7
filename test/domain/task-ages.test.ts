import { describe, expect, it } from 'vitest';
import { openTasksSince } from '../../domain/task-ages';
import { openTasks } from '../../domain/tasks';
import { newCase } from './support';

/** The events with a business time each, a minute apart from 09:00 on. */
const stamped = (events: ReturnType<typeof newCase>['events']) =>
  events.map((event, index) => ({
    ...event,
    at: new Date(Date.UTC(2026, 0, 5, 9, index)).toISOString(),
  }));

describe('since when a task is open', () => {
  it('dates the decision from the event that opened it, also once a decision maker has taken it', () => {
    const ready = newCase().awaitingDecision();
    const events = stamped(ready.events);
    const decision = openTasks(ready.state).find((task) => task.kind === 'decide_accreditation');
    expect(decision).toBeDefined();
    const opener = events.at(-1)?.at;
    expect(openTasksSince(events).get(decision?.id ?? '')).toBe(opener);

    const taken = stamped(ready.taken().events);
    expect(taken.at(-1)?.type).toBe('DecisionMakerAssigned');
    expect(openTasksSince(taken).get(decision?.id ?? '')).toBe(opener);
  });

  it('forgets a task once it is done: the next one of the case starts its own clock', () => {
    const granted = newCase().awaitingDecision().grant();
    const since = openTasksSince(stamped(granted.events));
    expect([...since.keys()].some((id) => id.startsWith('decide_accreditation'))).toBe(false);
    expect(openTasks(granted.state).every((task) => since.has(task.id))).toBe(true);
  });
});
