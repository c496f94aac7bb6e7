/**
 * The keys outside the database (issue 22): the step signing key the API and the worker share
 * (domain/step-signature.ts), the keys they encrypt Temporal payloads with
 * (config/payload-encryption.ts), the Ed25519 key that signs checkpoints of the event store's stream
 * heads (db/checkpoint.ts) and the keys that wrap the subject keys in the database
 * (db/subject-key-wrapping.ts). `npm start` creates them in DATA_DIR/keys (owner-only); production
 * gives them as secrets files (docker-compose.yml).
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../dev/paths';
import { minimumStepKeyLength } from '../domain/step-signature';
import { ConfigError, type Env } from './env';
import { newPayloadKeyLine, type PayloadKeyRing, parsePayloadKeys } from './payload-encryption';

const keysDir = (dataDir: string) => join(dataDir, 'keys');
const stepKeyPath = (dataDir: string) => join(keysDir(dataDir), 'step-signing.key');
const payloadKeyPath = (dataDir: string) => join(keysDir(dataDir), 'payload-encryption.keys');
const checkpointKeyPath = (dataDir: string) => join(keysDir(dataDir), 'checkpoint-ed25519.pem');
const subjectKekPath = (dataDir: string) => join(keysDir(dataDir), 'subject-keys.kek');

type KeyEnv = Pick<
  Env,
  | 'DATA_DIR'
  | 'STEP_SIGNING_KEY'
  | 'STEP_SIGNING_KEY_FILE'
  | 'CHECKPOINT_KEY_FILE'
  | 'PAYLOAD_ENCRYPTION_KEY'
  | 'PAYLOAD_ENCRYPTION_KEY_FILE'
  | 'SUBJECT_KEY_ENCRYPTION_KEY'
  | 'SUBJECT_KEY_ENCRYPTION_KEY_FILE'
>;

function readKeyFile(path: string, variable: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
}

/** STEP_SIGNING_KEY, else the file STEP_SIGNING_KEY_FILE, else the one `npm start` made. */
export function loadStepSigningKey(env: KeyEnv): string {
  if (env.STEP_SIGNING_KEY) return env.STEP_SIGNING_KEY;
  const path = env.STEP_SIGNING_KEY_FILE ?? stepKeyPath(env.DATA_DIR ?? defaultDataDir);
  if (!env.STEP_SIGNING_KEY_FILE && !existsSync(path)) {
    throw new ConfigError(
      `No step signing key: set STEP_SIGNING_KEY_FILE (or STEP_SIGNING_KEY), or run npm start once to create ${path}.`,
    );
  }
  const key = readKeyFile(path, 'STEP_SIGNING_KEY_FILE');
  if (key.length < minimumStepKeyLength) {
    throw new ConfigError(
      `STEP_SIGNING_KEY_FILE: the key in ${path} is shorter than ${minimumStepKeyLength} characters`,
    );
  }
  return key;
}

/** A key ring from the variable, else its file, else the one `npm start` made at `localPath`. */
function loadKeyRing(
  text: string | undefined,
  file: string | undefined,
  localPath: string,
  variable: string,
  what: string,
): PayloadKeyRing {
  const parse = (keys: string, from: string) => {
    try {
      return parsePayloadKeys(keys);
    } catch (error) {
      throw new ConfigError(`${from}: ${(error as Error).message}`);
    }
  };
  if (text) return parse(text, variable);
  const path = file ?? localPath;
  if (!file && !existsSync(path)) {
    throw new ConfigError(
      `No ${what}: set ${variable}_FILE (or ${variable}), or run npm start once to create ${path}.`,
    );
  }
  return parse(readKeyFile(path, `${variable}_FILE`), `${variable}_FILE`);
}

/** PAYLOAD_ENCRYPTION_KEY, else the file PAYLOAD_ENCRYPTION_KEY_FILE, else the one `npm start` made. */
export const loadPayloadKeys = (env: KeyEnv): PayloadKeyRing =>
  loadKeyRing(
    env.PAYLOAD_ENCRYPTION_KEY,
    env.PAYLOAD_ENCRYPTION_KEY_FILE,
    payloadKeyPath(env.DATA_DIR ?? defaultDataDir),
    'PAYLOAD_ENCRYPTION_KEY',
    'payload encryption key',
  );

/** SUBJECT_KEY_ENCRYPTION_KEY, else its file, else the one `npm start` made (same format as the payload keys). */
export const loadSubjectKeyEncryptionKeys = (env: KeyEnv): PayloadKeyRing =>
  loadKeyRing(
    env.SUBJECT_KEY_ENCRYPTION_KEY,
    env.SUBJECT_KEY_ENCRYPTION_KEY_FILE,
    subjectKekPath(env.DATA_DIR ?? defaultDataDir),
    'SUBJECT_KEY_ENCRYPTION_KEY',
    'subject key-encryption key',
  );

/** The path of the checkpoint signing key: CHECKPOINT_KEY_FILE, else the one `npm start` made. */
export function checkpointKeyFile(env: KeyEnv): string {
  return env.CHECKPOINT_KEY_FILE ?? checkpointKeyPath(env.DATA_DIR ?? defaultDataDir);
}

/** The checkpoint signing key (Ed25519, PEM). */
export function loadCheckpointKey(env: KeyEnv): KeyObject {
  const path = checkpointKeyFile(env);
  try {
    return createPrivateKey(readKeyFile(path, 'CHECKPOINT_KEY_FILE'));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(
      `CHECKPOINT_KEY_FILE: ${path} holds no private key in PEM (${(error as Error).message})`,
    );
  }
}

/** Creates the keys of a local run that do not exist yet (owner-only files); answers what it made. */
export function ensureLocalKeys(dataDir: string): string[] {
  mkdirSync(keysDir(dataDir), { recursive: true, mode: 0o700 });
  const made: string[] = [];
  if (!existsSync(stepKeyPath(dataDir))) {
    writeFileSync(stepKeyPath(dataDir), `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    made.push(stepKeyPath(dataDir));
  }
  if (!existsSync(payloadKeyPath(dataDir))) {
    writeFileSync(payloadKeyPath(dataDir), `${newPayloadKeyLine()}\n`, { mode: 0o600 });
    made.push(payloadKeyPath(dataDir));
  }
  if (!existsSync(subjectKekPath(dataDir))) {
    writeFileSync(subjectKekPath(dataDir), `${newPayloadKeyLine()}\n`, { mode: 0o600 });
    made.push(subjectKekPath(dataDir));
  }
  if (!existsSync(checkpointKeyPath(dataDir))) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(checkpointKeyPath(dataDir), privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
    made.push(checkpointKeyPath(dataDir));
  }
  return made;
}
