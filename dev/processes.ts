import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const levels: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** One readable line from a pino JSON line; other output passes through unchanged. */
export function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const { level, time, msg, pid: _pid, hostname: _hostname, ...rest } = JSON.parse(line);
    const clock = new Date(time).toISOString().slice(11, 23);
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    return `${clock} ${(levels[level] ?? String(level)).padEnd(5)} ${msg ?? ''}${extra}`;
  } catch {
    return line;
  }
}

/** How a process ended: its exit code, or the signal that ended it. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit({ code, signal }: ExitStatus): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}

/** A process `npm start` runs and stops (see dev/supervisor.ts). */
export interface Child {
  pid: number | undefined;
  exited: Promise<ExitStatus>;
  /** Stops it and resolves once it has exited. */
  stop(): Promise<void>;
}

export interface ManagedProcess extends Child {
  name: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  write: (line: string) => void,
): ManagedProcess {
  // Own process group: Ctrl-C reaches only `npm start`, which stops the children in order.
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = `[${name}]`.padEnd(10);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => write(`${prefix} ${formatLogLine(line)}`));
  }
  const exited = new Promise<ExitStatus>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
    // Not started at all (e.g. no such executable): an exit without a code.
    child.on('error', () => {
      if (child.pid === undefined) resolve({ code: null, signal: null });
    });
  });
  return {
    name,
    child,
    pid: child.pid,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
