import { Connection } from '@temporalio/client';
import { searchAttributeKeys } from '../workflows/search-attributes';
import { type ExitStatus, type ManagedProcess, startProcess } from './processes';

export interface TemporalDevServerOptions {
  /** The Temporal CLI (dev/tools.ts). */
  cli: string;
  port: number;
  uiPort: number;
  /** The SQLite file that keeps workflows and timers across restarts. */
  dbFile: string;
  namespace: string;
}

/** The dev server's banner repeats what `npm start`'s summary says: its lines are left out. */
const temporalBanner = /^\[temporal\]\s*(CLI .*|Server: .*|UI: .*|Metrics: .*)?$/;

/** The Temporal CLI's dev server on 127.0.0.1, persistent, with the search attributes the API uses. */
export function startTemporalDevServer(
  options: TemporalDevServerOptions,
  write: (line: string) => void,
): ManagedProcess {
  return startProcess(
    'temporal',
    options.cli,
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--ui-port',
      String(options.uiPort),
      '--db-filename',
      options.dbFile,
      '--namespace',
      options.namespace,
      '--log-level',
      'error',
      '--dynamic-config-value',
      'system.enableActivityEagerExecution=true',
      ...searchAttributeKeys.flatMap((key) => ['--search-attribute', `${key.name}=Keyword`]),
    ],
    process.env,
    (line) => {
      if (!temporalBanner.test(line)) write(line);
    },
  );
}

/** Resolves once the frontend at `address` answers; fails if the server exits or a minute passes. */
export async function waitForTemporal(address: string, exited: Promise<ExitStatus>): Promise<void> {
  let serverExited = false;
  void exited.then(() => {
    serverExited = true;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (serverExited) throw new Error('The Temporal dev server exited during start-up (see its log above).');
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`Temporal did not answer on ${address} within 60 s`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
