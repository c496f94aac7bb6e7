/**
 * What `npm start` runs, supervised as a process manager would: a child that dies after start-up
 * is started again after a backoff (1 s, doubled for each restart in a row, at most 30 s), each
 * exit and restart logged; one that keeps dying soon after its start stops everything. During
 * start-up any exit stops everything (a port in use does not heal by waiting). `stopAll` stops the
 * children in the reverse order of their start and cancels pending restarts.
 */
import { type Child, describeExit } from './processes';

export interface RestartPolicy {
  /** Wait before the first restart; doubled for each further restart in a row. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** A child that ran this long was healthy: its next restart is a first one again. */
  stableAfterMs: number;
  /** Restarts in a row (each soon after the last) after which the supervisor gives up. */
  maxRestartsInARow: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  initialBackoffMs: 1_000,
  maxBackoffMs: 30_000,
  stableAfterMs: 60_000,
  maxRestartsInARow: 6,
};

interface Entry {
  name: string;
  start: () => Promise<Child> | Child;
  current: Child | undefined;
  /** A restart under way (waiting out its backoff, or starting). */
  pending: Promise<void> | undefined;
  cancelBackoff: (() => void) | undefined;
  restartsInARow: number;
  restarts: number;
}

export class Supervisor {
  private readonly entries: Entry[] = [];
  private restarting = false;
  private stopping = false;
  private readonly policy: RestartPolicy;

  constructor(
    private readonly say: (line: string) => void,
    /** Called once when the supervisor gives up on a child: the caller stops everything. */
    private readonly giveUp: (name: string) => void,
    policy: Partial<RestartPolicy> = {},
  ) {
    this.policy = { ...defaultRestartPolicy, ...policy };
  }

  /** Starts a child under supervision. */
  async add<C extends Child>(name: string, start: () => Promise<C> | C): Promise<C> {
    const entry: Entry = {
      name,
      start,
      current: undefined,
      pending: undefined,
      cancelBackoff: undefined,
      restartsInARow: 0,
      restarts: 0,
    };
    this.entries.push(entry);
    const child = await start();
    entry.current = child;
    this.say(`${name}: started (pid ${child.pid})`);
    this.watch(entry, child);
    return child;
  }

  /** Start-up is over: from now on a child that exits is restarted. */
  startRestarting(): void {
    this.restarting = true;
  }

  /** Stops every child, the last started first; nothing is restarted any more. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const entry of [...this.entries].reverse()) {
      entry.cancelBackoff?.();
      await entry.pending;
      await entry.current?.stop();
      this.say(`${entry.name}: stopped`);
    }
  }

  private watch(entry: Entry, child: Child): void {
    const startedAt = Date.now();
    void child.exited.then((status) => {
      if (this.stopping) return;
      const how = describeExit(status);
      if (!this.restarting) {
        this.say(`${entry.name} exited (${how}) during start-up; stopping everything.`);
        this.giveUp(entry.name);
        return;
      }
      if (Date.now() - startedAt >= this.policy.stableAfterMs) entry.restartsInARow = 0;
      const pending: Promise<void> = this.restart(entry, how).finally(() => {
        if (entry.pending === pending) entry.pending = undefined;
      });
      entry.pending = pending;
    });
  }

  /** Waits out the backoff and starts the child again; a failed start counts as one more exit. */
  private async restart(entry: Entry, exit: string): Promise<void> {
    let how = exit;
    for (;;) {
      if (entry.restartsInARow >= this.policy.maxRestartsInARow) {
        this.say(
          `${entry.name} exited (${how}) again, after ${entry.restartsInARow} restarts in a row that did not last; stopping everything.`,
        );
        this.giveUp(entry.name);
        return;
      }
      const delay = Math.min(
        this.policy.initialBackoffMs * 2 ** entry.restartsInARow,
        this.policy.maxBackoffMs,
      );
      entry.restartsInARow += 1;
      entry.restarts += 1;
      this.say(`${entry.name} exited (${how}); restart ${entry.restarts} in ${formatSeconds(delay)}.`);
      if (!(await this.backoff(entry, delay)) || this.stopping) return;
      let child: Child;
      try {
        child = await entry.start();
      } catch (error) {
        how = `restart failed: ${error instanceof Error ? error.message : String(error)}`;
        continue;
      }
      entry.current = child;
      this.say(`${entry.name}: restarted (pid ${child.pid})`);
      this.watch(entry, child);
      // Stopped while it was starting: stopAll waits for this.
      if (this.stopping) await child.stop();
      return;
    }
  }

  /** Resolves true after `ms`, false when stopAll cancels the wait. */
  private backoff(entry: Entry, ms: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        entry.cancelBackoff = undefined;
        resolve(true);
      }, ms);
      entry.cancelBackoff = () => {
        clearTimeout(timer);
        entry.cancelBackoff = undefined;
        resolve(false);
      };
    });
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
