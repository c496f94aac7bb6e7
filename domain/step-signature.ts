/**
 * The API's signature of a human step (issue 22, item 2): HMAC-SHA256, under a key only the API and
 * the worker hold, over the update id, the workflow id, the whole step (its type and body) and
 * the whole actor (id, role, organisation). The API signs with node:crypto as it sends the update
 * (api/step-signing.ts); the workflow's validator checks with the plain implementation of
 * `hmac-sha256.ts`, so a step sent to Temporal by anyone else is refused before it is accepted.
 *
 * Both sides sign the JSON text of the values as the update carries them: JSON keeps the order of
 * keys, so the workflow, which receives what the API's payload converter wrote, rebuilds the same
 * text.
 */
import { hmacSha256, toHex } from './hmac-sha256';

export interface SignedStepFields {
  updateId: string;
  workflowId: string;
  command: unknown;
  actor: unknown;
}

/** Tells this signature apart from any other use of the key. */
const purpose = 'dim-step/1';

/** The text that is signed. */
export function stepSigningInput({ updateId, workflowId, command, actor }: SignedStepFields): string {
  return JSON.stringify([purpose, updateId, workflowId, command, actor]);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The signature as lowercase hex, computed without node:crypto (usable in the workflow sandbox). */
export function stepSignature(key: string, fields: SignedStepFields): string {
  return toHex(hmacSha256(utf8(key), utf8(stepSigningInput(fields))));
}

/** Whether `signature` is this step's signature under `key`; compared in constant time. */
export function isStepSignatureValid(key: string, fields: SignedStepFields, signature: unknown): boolean {
  if (typeof signature !== 'string' || signature.length !== 64) return false;
  const expected = stepSignature(key, fields);
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
  return difference === 0;
}

/** The global under which the worker hands the key to the workflow sandbox (worker/step-signing.ts). */
export const sandboxKeyGlobal = '__dimStepSigningKey';

/** The shortest key accepted (characters): 256 bits as hex, or a passphrase at least that long. */
export const minimumStepKeyLength = 32;
