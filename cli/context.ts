/**
 * What every command group shares: the global options, output (text or `--json`), the API client,
 * a database connection for the maintenance commands, argument parsers and the CLI's own errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { databaseUrlOf, loadEnv } from '../config/env';
import { createDb } from '../db/connection';
import { defaultDataDir } from '../dev/paths';
import { ApiClient } from './api-client';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a positive integer');
  return parsed;
}

export function nonNegativeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return parsed;
}

export function jsonArgument(value: string): unknown {
  try {
    return JSON.parse(value.startsWith('@') ? readFileSync(value.slice(1), 'utf8') : value);
  } catch (error) {
    throw new InvalidArgumentError(`not JSON (or @file with JSON): ${(error as Error).message}`);
  }
}

/** Wrong usage found while running a command (commander reports its own parse errors). */
export class UsageError extends Error {}

/** Events were tampered with (`events verify`): exit code 1. */
export class TamperedError extends Error {}

export interface Task {
  id: string;
  accreditationId: string;
  organisationName: string;
  kind: string;
  subjectId: string;
  dueAt: string | null;
  overdue: boolean;
  actions: { command: string; path: string }[];
}

export interface Accreditation {
  id: string;
  status: string;
  organisation: { id: string; name: string };
  cycle: number;
  certificate: { number: string; validFrom: string | null; validUntil: string | null } | null;
  nextDeadline: { kind: string; at: string } | null;
  version: number;
  openTasks?: Task[];
  timeline?: {
    version: number;
    type: string;
    at: string;
    actorId: string | null;
    actorRole: string | null;
  }[];
}

export interface CliContext {
  io: CliIo;
  globals(): { api: string; token?: string; json: boolean };
  /** Prints `value` as JSON with `--json`, else `text()`. */
  print(value: unknown, text: () => string): void;
  /** The API client with the bearer token of `--token`, `$DIM_TOKEN` or DATA_DIR/admin-token. */
  client(): ApiClient;
  /** Runs `action` on a connection to DATABASE_URL, closed afterwards. */
  withDb<T>(action: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T>;
}

export function cliContext(program: Command, io: CliIo): CliContext {
  const globals = () => program.opts<{ api: string; token?: string; json: boolean }>();

  function readAdminToken(): string | undefined {
    const file = join(io.env.DATA_DIR ?? defaultDataDir, 'admin-token');
    return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  }

  return {
    io,
    globals,
    print: (value, text) => io.out(globals().json ? JSON.stringify(value, null, 2) : text()),
    client() {
      const { api, token } = globals();
      return new ApiClient({ baseUrl: api, token: token ?? io.env.DIM_TOKEN ?? readAdminToken() });
    },
    async withDb(action) {
      const db = createDb(databaseUrlOf(loadEnv(io.env)), { maxConnections: 1 });
      try {
        return await action(db);
      } finally {
        await db.destroy();
      }
    },
  };
}
