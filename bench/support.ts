import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { createDb } from '../db/connection';
import type { Database } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { databaseUrl, freePort, startLocalPostgres } from '../dev/postgres';

export interface BenchDatabase {
  db: Kysely<Database>;
  url: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for a benchmark: on the server of DATABASE_URL if set, else on a
 * PostgreSQL cluster of its own (started here, removed afterwards).
 */
export async function benchDatabase(maxConnections: number): Promise<BenchDatabase> {
  let serverUrl = process.env.DATABASE_URL;
  let stopServer = async () => {};
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'dim-bench-pg-'));
    const server = await startLocalPostgres({ dataDir, port: await freePort() });
    serverUrl = server.url;
    stopServer = async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const name = `dim_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = createDb(serverUrl, { maxConnections: 1 });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const url = databaseUrl(serverUrl, name);
  const db = createDb(url, { maxConnections });
  await migrateToLatest(db);
  return {
    db,
    url,
    async close() {
      await db.destroy();
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
      await stopServer();
    },
  };
}

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  details?: Record<string, unknown>;
}

/** Prints the RESULT line and writes bench/results/<name>.json. */
export function report(result: BenchResult): void {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  console.log(
    `RESULT ${result.name} value=${round(result.value)} unit=${result.unit} baseline=${round(result.baseline)} ratio=${round(result.ratio)}`,
  );
  const file = join(dirname(fileURLToPath(import.meta.url)), 'results', `${result.name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...result, measuredAt: new Date().toISOString() }, null, 2)}\n`);
}
