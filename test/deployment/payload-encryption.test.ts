import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/env';
import { ensureLocalKeys, loadPayloadKeys, loadSubjectKeyEncryptionKeys } from '../../config/keys';
import { EncryptionCodec, newPayloadKeyLine, parsePayloadKeys } from '../../config/payload-encryption';

const secret = { organisation: 'Geheim & Söhne GmbH', answer: 'Unsere Prozesse sind dokumentiert.' };
const payload = () => defaultPayloadConverter.toPayload(secret);
const decoded = (payloads: Awaited<ReturnType<EncryptionCodec['decode']>>) =>
  payloads.map((one) => defaultPayloadConverter.fromPayload(one));

describe('the payload codec (AES-256-GCM, key ids)', () => {
  const older = newPayloadKeyLine(new Date('2026-01-01'));
  const newer = newPayloadKeyLine(new Date('2026-11-28'));
  const folder = mkdtempSync(join(tmpdir(), 'payload-keys-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('hides the payload and gives it back', async () => {
    const codec = new EncryptionCodec(parsePayloadKeys(newer));
    const [sealed] = await codec.encode([payload()]);
    expect(Buffer.from(sealed?.data ?? []).toString('latin1')).not.toContain('Geheim');
    expect(Buffer.from(sealed?.metadata?.encoding ?? []).toString()).toBe('binary/encrypted');
    expect(decoded(await codec.decode(sealed ? [sealed] : []))).toEqual([secret]);
  });

  it('decodes by an older key after a rotation, and refuses a payload of an unknown or a wrong key', async () => {
    const [byOlder] = await new EncryptionCodec(parsePayloadKeys(older)).encode([payload()]);
    const rotated = new EncryptionCodec(parsePayloadKeys(`${newer}\n${older}\n`));
    expect(decoded(await rotated.decode(byOlder ? [byOlder] : []))).toEqual([secret]);
    const [byNewer] = await rotated.encode([payload()]);
    expect(Buffer.from(byNewer?.metadata?.['encryption-key-id'] ?? []).toString()).toBe(newer.split(' ')[0]);
    const withoutOlder = new EncryptionCodec(parsePayloadKeys(newer));
    await expect(withoutOlder.decode(byOlder ? [byOlder] : [])).rejects.toThrow(/No payload encryption key/);
    const impostor = new EncryptionCodec(parsePayloadKeys(`${older.split(' ')[0]} ${'ab'.repeat(32)}`));
    await expect(impostor.decode(byOlder ? [byOlder] : [])).rejects.toThrow();
  });

  it('passes a payload recorded before encryption through unchanged', async () => {
    const plain = payload();
    expect(await new EncryptionCodec(parsePayloadKeys(newer)).decode([plain])).toEqual([plain]);
  });

  it('reads keys from the environment or the file npm start creates, and names a bad one', () => {
    expect(() => loadPayloadKeys({ DATA_DIR: folder })).toThrow(ConfigError);
    expect(() => loadSubjectKeyEncryptionKeys({ DATA_DIR: folder })).toThrow(/No subject key-encryption key/);
    const made = ensureLocalKeys(folder);
    const kek = made.find((path) => path.endsWith('subject-keys.kek')) ?? '';
    expect(statSync(kek).mode & 0o777).toBe(0o600);
    expect(loadSubjectKeyEncryptionKeys({ DATA_DIR: folder }).current.id).toBe(
      readFileSync(kek, 'utf8').split(' ')[0],
    );
    const file = made.find((path) => path.endsWith('payload-encryption.keys')) ?? '';
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadPayloadKeys({ DATA_DIR: folder }).current.id).toBe(readFileSync(file, 'utf8').split(' ')[0]);
    expect(ensureLocalKeys(folder)).toEqual([]);
    expect(loadPayloadKeys({ PAYLOAD_ENCRYPTION_KEY: `${newer},${older}` }).previous).toHaveLength(1);
    expect(() => loadPayloadKeys({ PAYLOAD_ENCRYPTION_KEY: 'k1 tooshort' })).toThrow(
      /PAYLOAD_ENCRYPTION_KEY: payload key 1/,
    );
    expect(() => loadPayloadKeys({ PAYLOAD_ENCRYPTION_KEY: `${newer},${newer}` })).toThrow(/repeat/);
  });
});
