/**
 * Prints the API's OpenAPI document (exactly what `GET /openapi.json` serves) without a running
 * server: the app is built with dependencies that are never used — a database pool that connects
 * on first use and a Temporal client whose connection is lazy.
 *
 *   npx tsx scripts/openapi.ts [--out file]
 */
import { writeFileSync } from 'node:fs';
import { Client } from '@temporalio/client';
import { buildApp } from '../api/app';
import { createDb } from '../db/connection';

async function main() {
  const db = createDb('postgres://unused@127.0.0.1:1/unused', { maxConnections: 1 });
  const app = await buildApp({ db, temporal: new Client(), taskQueue: 'unused', logger: false });
  try {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    if (response.statusCode !== 200) throw new Error(`GET /openapi.json answered ${response.statusCode}`);
    const document = `${JSON.stringify(response.json(), null, 2)}\n`;
    const outIndex = process.argv.indexOf('--out');
    const out = outIndex >= 0 ? process.argv[outIndex + 1] : undefined;
    if (out) writeFileSync(out, document);
    else process.stdout.write(document);
  } finally {
    await app.close();
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
