import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../dev/paths';

/** A real process of the project (npm start, a worker, an API), its output kept line by line. */
export interface SpawnedProcess {
  child: ChildProcess;
  lines: string[];
  /** Waits for a line matching `pattern` at index `from` or later; answers the match and its index. */
  waitForLine(pattern: RegExp, options?: { from?: number; timeoutMs?: number }): Promise<LineMatch>;
  /** Resolves with the exit code (null after a signal) once the process has exited. */
  exited: Promise<number | null>;
  /** Sends `signal` to the process group (npm run → sh → node), the whole group with SIGKILL later. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

export interface LineMatch {
  match: RegExpMatchArray;
  index: number;
}

/** Starts `command` in the project folder, in a process group of its own. */
export function spawnProject(command: string, args: string[], env: NodeJS.ProcessEnv): SpawnedProcess {
  const child = spawn(command, args, {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      for (const listener of listeners) listener();
    });
  }
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    for (const listener of listeners) listener();
  });

  const waitForLine: SpawnedProcess['waitForLine'] = (pattern, { from = 0, timeoutMs = 120_000 } = {}) =>
    new Promise((resolve, reject) => {
      const check = () => {
        for (let index = from; index < lines.length; index += 1) {
          const match = lines[index]?.match(pattern);
          if (match) return finish(() => resolve({ match, index }));
        }
        if (hasExited) finish(() => reject(failure(`exited before a line matched ${pattern}`)));
      };
      const failure = (why: string) => new Error(`${why}; its output:\n${lines.slice(-60).join('\n')}`);
      const timer = setTimeout(() => finish(() => reject(failure(`no line matched ${pattern}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  return {
    child,
    lines,
    waitForLine,
    exited,
    async stop(signal = 'SIGTERM', graceMs = 30_000) {
      if (!hasExited) signalGroup(child, signal);
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Kills what is still alive of `pids` (a test's clean-up after a failure). */
export function killAll(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
