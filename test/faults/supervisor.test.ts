import { describe, expect, it } from 'vitest';
import { startProcess } from '../../dev/processes';
import { Supervisor } from '../../dev/supervisor';

/** The supervisor's rules on real child processes (npm-start.test.ts runs it as `npm start`). */
describe('the supervisor of npm start', () => {
  const node = (script: string) => () =>
    startProcess('flaky', process.execPath, ['-e', script], process.env, () => {});

  it('stops everything when a child exits during start-up', async () => {
    const log: string[] = [];
    const gaveUp = new Promise<string>((resolve) => {
      const supervisor = new Supervisor((line) => log.push(line), resolve);
      void supervisor.add('flaky', node('process.exit(3)'));
    });
    expect(await gaveUp).toBe('flaky');
    expect(log.at(-1)).toBe('flaky exited (code 3) during start-up; stopping everything.');
  });

  it('restarts a child with a doubling backoff and gives up on one that never lasts', async () => {
    const log: string[] = [];
    let supervisor: Supervisor | undefined;
    const gaveUp = new Promise<string>((resolve) => {
      supervisor = new Supervisor((line) => log.push(line), resolve, {
        initialBackoffMs: 100,
        maxBackoffMs: 200,
        maxRestartsInARow: 3,
      });
    });
    // Exits once start-up is over (the supervisor restarts only then).
    await supervisor?.add('flaky', node('setTimeout(() => process.exit(4), 300)'));
    supervisor?.startRestarting();
    expect(await gaveUp).toBe('flaky');
    expect(log.filter((line) => !line.startsWith('flaky: '))).toEqual([
      'flaky exited (code 4); restart 1 in 0.1 s.',
      'flaky exited (code 4); restart 2 in 0.2 s.',
      'flaky exited (code 4); restart 3 in 0.2 s.',
      'flaky exited (code 4) again, after 3 restarts in a row that did not last; stopping everything.',
    ]);
    expect(log.filter((line) => line.startsWith('flaky: restarted (pid '))).toHaveLength(3);
    await supervisor?.stopAll();
  });

  it('cancels a pending restart when everything stops, and stops the children last first', async () => {
    const log: string[] = [];
    const supervisor = new Supervisor(
      (line) => log.push(line),
      () => {},
      {
        initialBackoffMs: 600_000,
        maxBackoffMs: 600_000,
      },
    );
    await supervisor.add('first', node('setInterval(() => {}, 1000)'));
    const second = await supervisor.add('second', node('setInterval(() => {}, 1000)'));
    await supervisor.add('third', node('setInterval(() => {}, 1000)'));
    supervisor.startRestarting();
    process.kill(second.pid ?? 0, 'SIGKILL');
    await second.exited;
    await supervisor.stopAll();
    expect(log.filter((line) => !/: started/.test(line))).toEqual([
      'second exited (signal SIGKILL); restart 1 in 600 s.',
      'third: stopped',
      'second: stopped',
      'first: stopped',
    ]);
  });
});
