import { stepSigningInterceptor } from '../../api/step-signing';
import { parsePayloadKeys, payloadDataConverter } from '../../config/payload-encryption';

/** The key the test workers check steps with and the test clients sign them with. */
export const testStepSigningKey = 'test-step-signing-key-0123456789abcdef0123456789abcdef';

/** Client interceptors that sign each step as the API does. */
export const signingInterceptors = () => ({ workflow: [stepSigningInterceptor(testStepSigningKey)] });

/**
 * The payload keys of every test client and worker (config/payload-encryption.ts). Fixed, like the
 * step signing key, so that the golden histories recorded with them replay in every later run.
 */
export const testPayloadKeyText =
  'test-2026-11-28 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
export const testPayloadKeys = parsePayloadKeys(testPayloadKeyText);

/** The data converter of every test client and worker: payloads encrypted as in production. */
export const testDataConverter = payloadDataConverter(testPayloadKeys);
