/**
 * Walks every stream's hash chain in DATABASE_URL and reports tampering: the first tampered event
 * (stream, version, expected vs. found hash) and the first problem of every other affected stream.
 * With `--checkpoint <file>` (written by `npm run events:checkpoint`) it also checks the file's
 * signature and that every checkpointed stream still reaches its checkpointed head: a cut tail or
 * a stream rewritten with recomputed hashes is reported. And it checks that the stream heads agree
 * with the events. Exit code 0 when all holds, 1 on tampering, 2 when the check could not run.
 *
 *   npm run events:verify [-- --checkpoint <file> [--public-key <pem>]]
 *   (DATABASE_URL, or else the database of a running `npm start`; the key that signed the
 *   checkpoint: --public-key, else CHECKPOINT_KEY_FILE or DATA_DIR/keys/checkpoint-ed25519.pem)
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, databaseUrlOf, type Env, loadEnv } from '../config/env';
import { checkpointKeyFile } from '../config/keys';
import {
  type Checkpoint,
  CheckpointSchema,
  compareWithCheckpoint,
  describeCheckpointProblem,
  isCheckpointSigned,
  staleHeads,
} from '../db/checkpoint';
import { createDb } from '../db/connection';
import { describeProblem, verifyHashChains } from '../db/verify';

function readCheckpoint(file: string, publicKeyFile: string): Checkpoint {
  const parsed = CheckpointSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new ConfigError(`${file} is not a checkpoint: ${parsed.error.issues[0]?.message}`);
  // A private key file gives its public part too.
  const publicKey = createPublicKey(readFileSync(publicKeyFile));
  if (!isCheckpointSigned(parsed.data, publicKey)) {
    throw new TamperedCheckpoint(
      `${file} is not signed by the key of ${publicKeyFile} (altered, or another key).`,
    );
  }
  return parsed.data;
}

class TamperedCheckpoint extends Error {}

async function verify(env: Env, options: { checkpoint?: string; 'public-key'?: string }): Promise<boolean> {
  const checkpoint = options.checkpoint
    ? readCheckpoint(options.checkpoint, options['public-key'] ?? checkpointKeyFile(env))
    : undefined;
  const db = createDb(databaseUrlOf(env), { maxConnections: 1 });
  try {
    const started = performance.now();
    const result = await verifyHashChains(db);
    const stale = await staleHeads(db);
    const cut = checkpoint ? await compareWithCheckpoint(db, checkpoint) : [];
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.ok && stale.length === 0 && cut.length === 0) {
      const against = checkpoint
        ? `, all ${checkpoint.heads.length} heads of the checkpoint of ${checkpoint.createdAt} reached`
        : '';
      console.log(
        `OK: ${result.events} events in ${result.streams} streams verified in ${seconds} s${against}.`,
      );
      return true;
    }
    if (!result.ok) {
      console.error(
        `TAMPERED: ${result.problems.length} stream(s) fail verification (${result.events} events checked).`,
      );
      if (result.firstProblem) console.error(`First tampered event: ${describeProblem(result.firstProblem)}`);
      for (const problem of result.problems.slice(1, 50))
        console.error(`  also: ${describeProblem(problem)}`);
      if (result.problems.length > 50) console.error(`  … and ${result.problems.length - 50} more`);
    }
    if (cut.length > 0) {
      console.error(
        `TAMPERED: ${cut.length} stream(s) differ from the checkpoint of ${checkpoint?.createdAt}.`,
      );
      for (const problem of cut.slice(0, 50)) console.error(`  ${describeCheckpointProblem(problem)}`);
      if (cut.length > 50) console.error(`  … and ${cut.length - 50} more`);
    }
    if (stale.length > 0) {
      console.error(
        `TAMPERED: the head rows of ${stale.length} stream(s) disagree with their events: ${stale.slice(0, 20).join(', ')}`,
      );
    }
    return false;
  } finally {
    await db.destroy();
  }
}

try {
  const { values } = parseArgs({
    options: { checkpoint: { type: 'string' }, 'public-key': { type: 'string' } },
  });
  if (!(await verify(loadEnv(), values))) process.exitCode = 1;
} catch (error) {
  if (error instanceof TamperedCheckpoint) {
    console.error(`TAMPERED: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 2;
  }
}
