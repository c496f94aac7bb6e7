/**
 * Writes a signed checkpoint of every stream's head (db/checkpoint.ts) to a file, for the operator
 * to ship off this host (another machine, object storage with retention, a mail to the archive):
 * `npm run events:verify -- --checkpoint <file>` later proves the history up to it unchanged.
 * Exit code 0 when written, 1 when the stream heads disagree with the events (nothing is signed),
 * 2 when it could not run.
 *
 *   npm run events:checkpoint [-- --out <file>]     (--out -: to stdout, e.g. from a container)
 *   (DATABASE_URL; the key: CHECKPOINT_KEY_FILE, else DATA_DIR/keys/checkpoint-ed25519.pem)
 *   Default file: DATA_DIR/checkpoints/checkpoint-<time>.json
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, databaseUrlOf, type Env, loadEnv } from '../config/env';
import { loadCheckpointKey } from '../config/keys';
import { type Checkpoint, createCheckpoint, staleHeads } from '../db/checkpoint';
import { createDb } from '../db/connection';
import { defaultDataDir } from '../dev/paths';

/** The checkpoint, or the streams whose heads disagree with their events (then nothing is signed). */
async function checkpointNow(env: Env): Promise<{ checkpoint: Checkpoint } | { stale: string[] }> {
  const privateKey = loadCheckpointKey(env);
  const db = createDb(databaseUrlOf(env), { maxConnections: 1 });
  try {
    const stale = await staleHeads(db);
    return stale.length > 0 ? { stale } : { checkpoint: await createCheckpoint(db, privateKey) };
  } finally {
    await db.destroy();
  }
}

try {
  const env = loadEnv();
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const result = await checkpointNow(env);
  if ('stale' in result) {
    const { stale } = result;
    console.error(
      `NOT SIGNED: the heads of ${stale.length} stream(s) disagree with their events: ${stale.slice(0, 20).join(', ')}`,
    );
    process.exitCode = 1;
  } else {
    const { checkpoint } = result;
    const text = `${JSON.stringify(checkpoint, null, 1)}\n`;
    const stamp = checkpoint.createdAt.replace(/[:.]/g, '-');
    const out = values.out ?? join(env.DATA_DIR ?? defaultDataDir, 'checkpoints', `checkpoint-${stamp}.json`);
    if (out === '-') {
      process.stdout.write(text);
    } else {
      mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
      writeFileSync(out, text, { mode: 0o600 });
    }
    console.error(
      `Checkpoint of ${checkpoint.heads.length} streams (key ${checkpoint.keyId}) written to ${out === '-' ? 'stdout' : out}. Ship it off this host.`,
    );
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 2;
}
