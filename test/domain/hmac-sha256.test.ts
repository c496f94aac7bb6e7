import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256, toHex } from '../../domain/hmac-sha256';
import { isStepSignatureValid, stepSignature, stepSigningInput } from '../../domain/step-signature';

/** Lengths around the block (64) and padding (56) boundaries, and a few long ones. */
const lengths = [0, 1, 3, 31, 32, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 70_000];

describe('the plain SHA-256 and HMAC-SHA256 the workflow checks signatures with', () => {
  it('computes SHA-256 exactly as node:crypto does', () => {
    for (const length of lengths) {
      const message = randomBytes(length);
      expect(toHex(sha256(message)), `length ${length}`).toBe(
        createHash('sha256').update(message).digest('hex'),
      );
    }
  });

  it('computes HMAC-SHA256 exactly as node:crypto does, for short, block-sized and long keys', () => {
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
      for (const length of lengths) {
        const key = randomBytes(keyLength);
        const message = randomBytes(length);
        expect(toHex(hmacSha256(key, message)), `key ${keyLength}, message ${length}`).toBe(
          createHmac('sha256', key).update(message).digest('hex'),
        );
      }
    }
  });

  it('gives the RFC 4231 test case 2 result', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(toHex(hmacSha256(encode('Jefe'), encode('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('the signature of a step', () => {
  const key = 'k'.repeat(20) + randomBytes(16).toString('hex');
  const fields = {
    updateId: 'u-1',
    workflowId: 'accreditation-1',
    command: { type: 'Grant', data: { note: 'Prüfung bestanden ✓ 😀' } },
    actor: { id: 'dora', role: 'decision_maker' },
  };

  it('is the node:crypto HMAC of the same text (what the API computes)', () => {
    expect(stepSignature(key, fields)).toBe(
      createHmac('sha256', key).update(stepSigningInput(fields)).digest('hex'),
    );
  });

  it('is valid only for the very update id, workflow, step and actor it was made for', () => {
    const signature = stepSignature(key, fields);
    expect(isStepSignatureValid(key, fields, signature)).toBe(true);
    expect(isStepSignatureValid(key, { ...fields, updateId: 'u-2' }, signature)).toBe(false);
    expect(isStepSignatureValid(key, { ...fields, workflowId: 'accreditation-2' }, signature)).toBe(false);
    expect(isStepSignatureValid(key, { ...fields, actor: { id: 'dora', role: 'staff' } }, signature)).toBe(
      false,
    );
    expect(isStepSignatureValid(key, { ...fields, command: { type: 'Grant', data: {} } }, signature)).toBe(
      false,
    );
    expect(isStepSignatureValid(`${key}x`, fields, signature)).toBe(false);
    expect(isStepSignatureValid(key, fields, undefined)).toBe(false);
    expect(isStepSignatureValid(key, fields, signature.toUpperCase())).toBe(false);
  });
});
