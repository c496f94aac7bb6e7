/**
 * Temporal payloads encrypted before they leave the process (issue 22): AES-256-GCM with a key
 * outside Temporal, so a workflow history read from the server or its database holds no name and
 * no answer. Every client and worker of the project uses it (`payloadDataConverter`). The key id
 * travels in each payload's metadata: after a rotation the old keys still decode, and a payload
 * recorded before encryption (no `binary/encrypted` encoding) passes through unchanged, so older
 * histories replay.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import protos from '@temporalio/proto';

const encoding = 'binary/encrypted';
const keyIdField = 'encryption-key-id';
const cipher = 'aes-256-gcm';
const ivLength = 12;
const tagLength = 16;

export interface PayloadKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** The first key encrypts; all decrypt. */
export interface PayloadKeyRing {
  current: PayloadKey;
  previous: readonly PayloadKey[];
}

const keyLine = /^([A-Za-z0-9._-]{1,64})\s+([0-9a-f]{64})$/;

/**
 * A key ring from its text: one key a line, `<id> <64 hex digits>`, the current one first (the
 * format of PAYLOAD_ENCRYPTION_KEY_FILE; PAYLOAD_ENCRYPTION_KEY may separate keys by commas).
 */
export function parsePayloadKeys(text: string): PayloadKeyRing {
  const lines = text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const keys = lines.map((line, index) => {
    const match = keyLine.exec(line);
    if (!match?.[1] || !match[2]) {
      throw new Error(`payload key ${index + 1}: expected "<id> <64 hex digits>"`);
    }
    return { id: match[1], key: Buffer.from(match[2], 'hex') };
  });
  const [current, ...previous] = keys;
  if (!current) throw new Error('no payload encryption key');
  if (new Set(keys.map((key) => key.id)).size !== keys.length) throw new Error('payload key ids repeat');
  return { current, previous };
}

/** A new key's line for a key file: a date-stamped id and 32 random bytes. */
export function newPayloadKeyLine(now = new Date()): string {
  const id = `k${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
  return `${id} ${randomBytes(32).toString('hex')}`;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

export class EncryptionCodec implements PayloadCodec {
  readonly #keys: Map<string, Buffer>;

  constructor(private readonly ring: PayloadKeyRing) {
    this.#keys = new Map([ring.current, ...ring.previous].map(({ id, key }) => [id, key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.ring.current;
    return payloads.map((payload) => {
      const iv = randomBytes(ivLength);
      const encipher = createCipheriv(cipher, key, iv);
      const plain = protos.temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([encipher.update(plain), encipher.final(), encipher.getAuthTag()]);
      return {
        metadata: { encoding: utf8(encoding), [keyIdField]: utf8(id) },
        data: Buffer.concat([iv, sealed]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.encoding) !== encoding) return payload;
      const id = text(payload.metadata?.[keyIdField]);
      const key = this.#keys.get(id);
      if (!key) throw new Error(`No payload encryption key with id ${JSON.stringify(id)}`);
      const data = Buffer.from(payload.data ?? []);
      const decipher = createDecipheriv(cipher, key, data.subarray(0, ivLength));
      decipher.setAuthTag(data.subarray(data.length - tagLength));
      const plain = Buffer.concat([
        decipher.update(data.subarray(ivLength, data.length - tagLength)),
        decipher.final(),
      ]);
      return protos.temporal.api.common.v1.Payload.decode(plain) as Payload;
    });
  }
}

/** What every `Client` and `Worker` of the project passes as `dataConverter`. */
export function payloadDataConverter(ring: PayloadKeyRing): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(ring)] };
}
