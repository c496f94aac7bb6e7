import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Checkpoint,
  CheckpointSchema,
  compareWithCheckpoint,
  createCheckpoint,
  isCheckpointSigned,
  staleHeads,
} from '../../db/checkpoint';
import type { Database } from '../../db/database';
import { appendToStream, type NewEvent, readStream, VersionConflict } from '../../db/event-store';
import { verifyHashChains } from '../../db/verify';
import { useTestStack } from '../support/stack';

const stack = useTestStack({ temporal: false });
const folder = mkdtempSync(join(tmpdir(), 'dim-checkpoint-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const streamId = (name: string) => `${name}-${randomUUID()}`;

const event = (type: string, data: unknown = {}): NewEvent => ({
  type,
  data,
  metadata: { actorId: 'user-1', actorRole: 'staff' },
  businessTime: '2026-01-01T10:00:00.000Z',
  idempotencyKey: randomUUID(),
});

const head = (db: Kysely<Database>, id: string) =>
  db.selectFrom('streams').select(['version', 'head_hash']).where('stream_id', '=', id).executeTakeFirst();

const lastHash = async (db: Kysely<Database>, id: string) => (await readStream(db, id)).at(-1)?.hash;

/**
 * What the owner of the schema can do (the application role cannot): the append-only trigger
 * off, rows changed, trigger on.
 */
async function asOwner(db: Kysely<Database>, change: () => Promise<void>) {
  await sql`ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete`.execute(db);
  try {
    await change();
  } finally {
    await sql`ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete`.execute(db);
  }
}

/** Recomputes the hash of every event of the stream from `fromVersion` on, and its head: a consistent rewrite. */
async function rechain(db: Kysely<Database>, id: string, fromVersion: number) {
  const events = await readStream(db, id);
  let previous = events.find((e) => e.version === fromVersion - 1)?.hash ?? '0'.repeat(64);
  for (const stored of events.filter((e) => e.version >= fromVersion)) {
    const { rows } = await sql<{ hash: string }>`
      SELECT event_hash(${previous}, stream_id, stream_version, event_type, data, metadata, business_time,
                        recorded_time, idempotency_key) AS hash
        FROM events WHERE stream_id = ${id} AND stream_version = ${stored.version}`.execute(db);
    previous = rows[0]?.hash as string;
    await sql`UPDATE events SET hash = ${previous} WHERE stream_id = ${id} AND stream_version = ${stored.version}`.execute(
      db,
    );
  }
  const version = events.at(-1)?.version as number;
  await db.updateTable('streams').set({ head_hash: previous, version }).where('stream_id', '=', id).execute();
}

const runScript = async (script: string, args: string[], env: Record<string, string>) => {
  const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
  }).then(
    (done) => ({ code: 0, ...done }),
    (failed: { code: number; stdout: string; stderr: string }) => failed,
  );
  return { code: result.code, output: `${result.stdout}${result.stderr}` };
};

describe('stream heads', () => {
  it('are kept in the transaction of each append, never behind or ahead of the events', async () => {
    const { db } = stack;
    const id = streamId('heads');
    await appendToStream(db, id, 0, [event('A'), event('B')]);
    expect(await head(db, id)).toEqual({ version: 2, head_hash: await lastHash(db, id) });
    await appendToStream(db, id, 'any', [event('C')]);
    expect(await head(db, id)).toEqual({ version: 3, head_hash: await lastHash(db, id) });

    await expect(appendToStream(db, id, 1, [event('Late')])).rejects.toBeInstanceOf(VersionConflict);
    await db
      .transaction()
      .execute(async (trx) => {
        await appendToStream(trx, id, 3, [event('RolledBack')]);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await head(db, id)).toEqual({ version: 3, head_hash: await lastHash(db, id) });
    expect(await staleHeads(db)).toEqual([]);
  });
});

describe('a signed checkpoint of the stream heads', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyFile = join(folder, 'checkpoint-ed25519.pem');
  const publicKeyFile = join(folder, 'checkpoint-ed25519.pub.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));

  it('is signed: altered, or checked with another key, it does not verify', async () => {
    const checkpoint = await createCheckpoint(stack.db, privateKey);
    expect(isCheckpointSigned(checkpoint, publicKey)).toBe(true);
    const altered: Checkpoint = {
      ...checkpoint,
      heads: checkpoint.heads.map(([id, v, h]) => [id, v + 1, h]),
    };
    expect(altered.heads.length).toBeGreaterThan(0);
    expect(isCheckpointSigned(altered, publicKey)).toBe(false);
    expect(isCheckpointSigned(checkpoint, generateKeyPairSync('ed25519').publicKey)).toBe(false);
  });

  it('catches a stream rewritten with recomputed hashes and a cut tail, which the hash chains alone pass', async () => {
    const { db, database } = stack;
    const [rewritten, cut, grown] = [streamId('rewritten'), streamId('cut'), streamId('grown')];
    await appendToStream(db, rewritten, 0, [
      event('Opened'),
      event('Decided', { outcome: 'refused' }),
      event('Closed'),
    ]);
    await appendToStream(db, cut, 0, [
      event('Opened'),
      event('Finding'),
      event('Finding'),
      event('Suspended'),
    ]);
    await appendToStream(db, grown, 0, [event('Opened')]);

    const file = join(folder, 'checkpoint.json');
    const env = { DATABASE_URL: database.url, CHECKPOINT_KEY_FILE: keyFile };
    const written = await runScript('scripts/checkpoint-events.ts', ['--out', file], env);
    expect(written.code, written.output).toBe(0);
    const checkpoint = CheckpointSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(checkpoint.heads).toContainEqual([cut, 4, await lastHash(db, cut)]);
    const verifyArgs = ['--checkpoint', file, '--public-key', publicKeyFile];
    const clean = await runScript('scripts/verify-events.ts', verifyArgs, { DATABASE_URL: database.url });
    expect(clean.code, clean.output).toBe(0);

    // Appends after the checkpoint are no problem.
    await appendToStream(db, grown, 1, [event('Granted')]);
    expect(await compareWithCheckpoint(db, checkpoint)).toEqual([]);

    const rewrittenHashBefore = (await readStream(db, rewritten))[2]?.hash;
    const owner = database.owner;
    await asOwner(owner, async () => {
      await sql`UPDATE events SET data = '{"outcome": "granted"}' WHERE stream_id = ${rewritten} AND stream_version = 2`.execute(
        owner,
      );
      await rechain(owner, rewritten, 2);
      await sql`DELETE FROM events WHERE stream_id = ${cut} AND stream_version > 2`.execute(owner);
      await rechain(owner, cut, 3);
    });
    // The rewrite is consistent: every chain verifies, every head agrees with its stream.
    expect((await verifyHashChains(db)).ok).toBe(true);
    expect(await staleHeads(db)).toEqual([]);

    expect(await compareWithCheckpoint(db, checkpoint)).toEqual(
      [
        { kind: 'cut-tail', streamId: cut, version: 4, expected: 'version 4', found: 'version 2' },
        {
          kind: 'rewritten',
          streamId: rewritten,
          version: 3,
          expected: rewrittenHashBefore,
          found: await lastHash(db, rewritten),
        },
      ].sort((a, b) => (a.streamId < b.streamId ? -1 : 1)),
    );

    const caught = await runScript('scripts/verify-events.ts', verifyArgs, { DATABASE_URL: database.url });
    expect(caught.code, caught.output).toBe(1);
    expect(caught.output).toContain(`cut tail: stream ${cut} checkpointed at version 4`);
    expect(caught.output).toContain(`rewritten: stream ${rewritten} checkpointed at version 3`);

    // A checkpoint file edited to match the rewrite no longer carries a valid signature.
    const forged = { ...checkpoint, heads: await createCheckpoint(db, privateKey).then((c) => c.heads) };
    writeFileSync(file, JSON.stringify(forged));
    const refused = await runScript('scripts/verify-events.ts', verifyArgs, { DATABASE_URL: database.url });
    expect(refused.code, refused.output).toBe(1);
    expect(refused.output).toContain('is not signed by the key');
  });

  it('is not signed over heads that disagree with the events', async () => {
    const { db, database } = stack;
    const id = streamId('stale');
    await appendToStream(db, id, 0, [event('Opened')]);
    // Only the owner may write a head row; the trigger that keeps them runs with its rights.
    await database.owner.updateTable('streams').set({ version: 7 }).where('stream_id', '=', id).execute();
    expect(await staleHeads(db)).toContain(id);
    const file = join(folder, 'stale.json');
    const env = { DATABASE_URL: database.url, CHECKPOINT_KEY_FILE: keyFile };
    const refused = await runScript('scripts/checkpoint-events.ts', ['--out', file], env);
    expect(refused.code, refused.output).toBe(1);
    expect(refused.output).toContain(id);
  });
});
