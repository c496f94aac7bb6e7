/**
 * Writes a signed checkpoint of every stream's head (db/checkpoint.ts) to a file, for the operator
 * to ship off this host (another machine, object storage with retention, a mail to the archive):
 * `npm run events:verify -- --checkpoint <file>` later proves the history up to it unchanged.
 * Exit code 0 when written, 1 when the stream heads disagree with the events (nothing is signed),
 * 2 when it could not run.
 *
 *   npm run events:checkpoint [-- --out <file>]
 *   (DATABASE_URL; the key: CHECKPOINT_KEY_FILE, else DATA_DIR/keys/checkpoint-ed25519.pem)
 *   Default file: DATA_DIR/checkpoints/checkpoint-<time>.json
 */
import { createPrivateKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, databaseUrlOf, loadEnv } from '../config/env';
import { checkpointKeyFile } from '../config/keys';
import { createCheckpoint, staleHeads } from '../db/checkpoint';
import { createDb } from '../db/connection';
import { defaultDataDir } from '../dev/paths';

try {
  const env = loadEnv();
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const keyFile = checkpointKeyFile(env);
  const privateKey = createPrivateKey(readFileSync(keyFile));
  const db = createDb(databaseUrlOf(env), { maxConnections: 1 });
  try {
    const stale = await staleHeads(db);
    if (stale.length > 0) {
      console.error(
        `NOT SIGNED: the heads of ${stale.length} stream(s) disagree with their events: ${stale.slice(0, 20).join(', ')}`,
      );
      process.exitCode = 1;
    } else {
      const checkpoint = await createCheckpoint(db, privateKey);
      const stamp = checkpoint.createdAt.replace(/[:.]/g, '-');
      const out =
        values.out ?? join(env.DATA_DIR ?? defaultDataDir, 'checkpoints', `checkpoint-${stamp}.json`);
      mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
      writeFileSync(out, `${JSON.stringify(checkpoint, null, 1)}\n`, { mode: 0o600 });
      console.log(
        `Checkpoint of ${checkpoint.heads.length} streams written to ${out} (key ${checkpoint.keyId}). Ship it off this host.`,
      );
    }
  } finally {
    await db.destroy();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 2;
}
