import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../dev/postgres';
import { organisationBody } from '../support/api-harness';
import { killAll, type SpawnedProcess, spawnProject } from './processes';

/**
 * `npm start` as a user runs it, with a data folder and ports of its own (its own PostgreSQL
 * cluster and Temporal dev server): a worker killed with SIGKILL is restarted and steps go on;
 * a worker, an API and `events:verify` started on their own beside it find its database and
 * Temporal server without being told; SIGTERM (as Ctrl-C) stops everything in order.
 */
describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dim-start-'));
  // As a data folder made by npm start: PostgreSQL's own user (under root) reaches its cluster in it.
  chmodSync(dataDir, 0o755);
  const pids = new Set<number>();
  const others: SpawnedProcess[] = [];
  let stack: SpawnedProcess;
  let env: NodeJS.ProcessEnv;
  let api: string;
  let token: string;

  /** Every pid the supervisor reports, so that a failed test leaves nothing running. */
  const collectPids = () => {
    for (const line of stack.lines) {
      const pid = line.match(/: (?:re)?started \(pid (\d+)\)/)?.[1];
      if (pid) pids.add(Number(pid));
    }
  };

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: the test reads bodies ad hoc.
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    const [apiPort, postgresPort, temporalPort, uiPort, apiMetrics, workerMetrics] = await Promise.all(
      Array.from({ length: 6 }, () => freePort()),
    );
    const { DATABASE_URL: _database, TEMPORAL_ADDRESS: _temporal, ...inherited } = process.env;
    env = {
      ...inherited,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      API_PORT: String(apiPort),
      POSTGRES_PORT: String(postgresPort),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      API_METRICS_PORT: String(apiMetrics),
      WORKER_METRICS_PORT: String(workerMetrics),
      LOG_LEVEL: 'info',
    };
    api = `http://127.0.0.1:${apiPort}`;
    stack = spawnProject(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-web-build'], env);
    try {
      await stack.waitForLine(/DIM accreditation engine: Ready/, { timeoutMs: 240_000 });
    } finally {
      collectPids();
    }
    token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  }, 300_000);

  afterAll(async () => {
    for (const other of others) await other.stop('SIGKILL');
    await stack?.stop('SIGKILL', 0);
    collectPids();
    killAll(pids);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  /** A step as a client does it: repeated with the same Idempotency-Key while it answers 503. */
  const step = async (path: string, body: unknown, key: string) => {
    for (let attempt = 1; ; attempt += 1) {
      const response = await call('POST', path, body, { 'idempotency-key': key });
      if (response.status !== 503 || attempt === 5) return response;
    }
  };

  it('restarts a worker killed with SIGKILL after a backoff, logs it, and steps go on', async () => {
    const opened = await call('POST', '/accreditations', organisationBody('Neustart GmbH'));
    expect(opened.status).toBe(201);
    const id: string = opened.body.id;

    const started = await stack.waitForLine(/^worker: started \(pid (\d+)\)/);
    const workerPid = Number(started.match[1]);
    process.kill(workerPid, 'SIGKILL');

    const exit = await stack.waitForLine(/^worker exited \(signal SIGKILL\); restart 1 in 1 s\.$/, {
      from: started.index,
    });
    const restarted = await stack.waitForLine(/^worker: restarted \(pid (\d+)\)/, { from: exit.index });
    collectPids();
    expect(Number(restarted.match[1])).not.toBe(workerPid);
    await stack.waitForLine(/^\[worker\].*polling task queue/, { from: restarted.index });

    const successor = await call('POST', '/users', {
      email: 'nachfolge@dim.local',
      name: 'Nora Nachfolge',
      role: 'staff',
    });
    expect(successor.status, JSON.stringify(successor.body)).toBe(201);
    const handover = { caseManagerId: successor.body.user.id };
    const response = await step(`/accreditations/${id}/case-manager`, handover, 'after-restart-1');
    expect(response.status).toBe(200);
    const assigned = response.body.timeline.filter(
      (event: { type: string }) => event.type === 'CaseManagerAssigned',
    );
    expect(assigned).toHaveLength(1);
    // The API and the rest ran on; nothing else was restarted.
    expect(stack.lines.filter((line) => /^\w+: restarted/.test(line))).toHaveLength(1);
  }, 120_000);

  it('finds the running stack from `npm run events:verify`, `npm run worker` and `npm run api` alone', async () => {
    const verify = spawnProject('npm', ['run', '--silent', 'events:verify'], env);
    others.push(verify);
    expect(await verify.exited).toBe(0);
    expect(verify.lines.join('\n')).toMatch(/^OK: \d+ events in [1-9]\d* streams verified/m);

    const ownPorts = await Promise.all([freePort(), freePort(), freePort()]);
    const [apiPort, apiMetrics, workerMetrics] = ownPorts.map(String);
    const alone = {
      ...env,
      API_PORT: apiPort,
      API_METRICS_PORT: apiMetrics,
      WORKER_METRICS_PORT: workerMetrics,
    };
    const worker = spawnProject('npm', ['run', '--silent', 'worker'], alone);
    const secondApi = spawnProject('npm', ['run', '--silent', 'api'], alone);
    others.push(worker, secondApi);
    await worker.waitForLine(/polling task queue accreditation/);
    await secondApi.waitForLine(/API listening at/);
    const ready = await fetch(`http://127.0.0.1:${apiPort}/health/ready`);
    expect(ready.status).toBe(200);
    const cases = await fetch(`http://127.0.0.1:${apiPort}/accreditations`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(cases.status).toBe(200);
    expect(JSON.stringify(await cases.json())).toContain('Neustart GmbH');

    await worker.stop();
    await secondApi.stop();
  }, 180_000);

  it('stops everything in order on SIGTERM (as on Ctrl-C), the API first and PostgreSQL last', async () => {
    const from = stack.lines.length;
    expect(await stack.stop('SIGTERM', 60_000)).toBe(0);
    const stopped = stack.lines
      .slice(from)
      .map((line) => line.match(/^(\w+): stopped$/)?.[1])
      .filter(Boolean);
    expect(stopped).toEqual(['api', 'worker', 'temporal', 'postgres']);
    expect(stack.lines.at(-1)).toBe('Stopped.');
    expect(stack.lines.slice(from).some((line) => /restart/.test(line))).toBe(false);
  }, 90_000);
});
