import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defaultDataDir } from '../dev/paths';
import { type LocalRole, localDatabaseUrl, localRoleNames, readLocalRolePassword } from '../dev/postgres';
import { defaultRetentionYears } from '../domain/retention';

const port = z.coerce.number().int().min(1).max(65_535);

/** Every setting the processes read from the environment, with the defaults of a local run. */
export const EnvSchema = z.object({
  /**
   * The application's connection (API, worker, scripts). Unset: `npm start`'s local cluster on
   * POSTGRES_PORT as its application role (see `databaseUrlOf`).
   */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** A file holding DATABASE_URL's password (production: a secrets file); replaces one in the URL. */
  DATABASE_PASSWORD_FILE: z.string().min(1).optional(),
  /**
   * The schema owner's connection, for the migrations only (`npm run migrate`, `npm start`).
   * Unset: DATABASE_URL, which then owns the schema (and could disable the append-only triggers).
   */
  MIGRATION_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  MIGRATION_DATABASE_PASSWORD_FILE: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).optional(),
  /** Unset: the dev server of `npm start`, 127.0.0.1:TEMPORAL_PORT. */
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('accreditation'),
  /** TLS to the Temporal frontend (config/temporal-connection.ts); implied by any TEMPORAL_TLS_* file or an API key. */
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  /** PEM files: the CA that signed the frontend's certificate; the client certificate and key (mTLS). */
  TEMPORAL_TLS_CA_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_CERT_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_FILE: z.string().min(1).optional(),
  /** The name the frontend's certificate is checked against, if not the host of TEMPORAL_ADDRESS. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** An API key for the frontend (Temporal Cloud or a cluster with an authorizer); sent over TLS only. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  /**
   * The key the API signs each step with and the workflow checks it by (domain/step-signature.ts),
   * or a file holding it (production: a secrets file); unset: DATA_DIR/keys/step-signing.key,
   * which `npm start` creates. Only the API and the worker may read it.
   */
  STEP_SIGNING_KEY: z.string().trim().min(32, 'at least 32 characters').optional(),
  STEP_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /**
   * The keys Temporal payloads are encrypted with (config/payload-encryption.ts): one a line,
   * `<id> <64 hex digits>`, the current first, older ones after it still decode. A file
   * (production: a secrets file), or the text itself (keys separated by commas); unset:
   * DATA_DIR/keys/payload-encryption.keys, which `npm start` creates. API and worker only.
   */
  PAYLOAD_ENCRYPTION_KEY: z.string().min(1).optional(),
  PAYLOAD_ENCRYPTION_KEY_FILE: z.string().min(1).optional(),
  /**
   * The key-encryption keys the subject keys are wrapped with in `subject_keys` (db/subject-key-wrapping.ts),
   * in the format of PAYLOAD_ENCRYPTION_KEY: a file (production: a secrets file) or the text; unset:
   * DATA_DIR/keys/subject-keys.kek, which `npm start` creates. Whatever reads or writes events needs it.
   */
  SUBJECT_KEY_ENCRYPTION_KEY: z.string().min(1).optional(),
  SUBJECT_KEY_ENCRYPTION_KEY_FILE: z.string().min(1).optional(),
  /** The Ed25519 private key (PEM) `npm run events:checkpoint` signs with; unset: DATA_DIR/keys/checkpoint-ed25519.pem. */
  CHECKPOINT_KEY_FILE: z.string().min(1).optional(),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  /**
   * Which proxy in front of the API to believe for the client's address (X-Forwarded-For), which
   * the rate limits count by: unset or `false` none, `true` any, a number of hops (`1`: the one
   * proxy, e.g. Caddy), or a comma-separated list of addresses and CIDR ranges.
   */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[\w.:/]+(,\s*[\w.:/]+)*)$/,
      'true, false, a hop count or a list of addresses',
    )
    .optional()
    .transform((value): boolean | number | string[] => {
      if (value === undefined || value === 'false') return false;
      if (value === 'true') return true;
      if (/^\d+$/.test(value)) return Number(value);
      return value.split(',').map((entry) => entry.trim());
    }),
  POSTGRES_PORT: port.default(5433),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /** Evidence documents go to this directory (one file per SHA-256) instead of PostgreSQL. */
  DOCUMENT_DIR: z.string().min(1).optional(),
  /**
   * Years after the end of the calendar year in which a case ended (refused, withdrawn, expired)
   * until its documents and the organisation's name are erased (domain/retention.ts).
   */
  RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(defaultRetentionYears),
  /** Mail relay, e.g. smtp://user:pass@relay:587; unset: each message is written to DATA_DIR/mail as .eml. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('DIM Akkreditierung <akkreditierung@dim.local>'),
  /** Base of the deep links in notifications (the web UI). */
  PUBLIC_WEB_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000'),
  /** A browser session unused for this long ends (minutes). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** A browser session ends this long after sign-in, used or not (hours). */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /** How long an Idempotency-Key is kept (hours); reused later, it is a new request. */
  IDEMPOTENCY_KEY_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** Hour of the day (UTC) at which staff who chose the digest get their daily summary. */
  NOTIFICATION_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(6),
  /**
   * Workflows the worker keeps in memory between their tasks (about 0.35 MB each, measured by
   * `npm run bench -- open-cases`); one evicted is replayed from its history when it next runs.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(40).default(2000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Operations (see telemetry/): metrics listeners, readiness, traces. */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  API_METRICS_PORT: port.default(9464),
  WORKER_METRICS_PORT: port.default(9465),
  /** Readiness fails when a due notification waited longer (default in telemetry/readiness.ts). */
  HEALTH_OUTBOX_MAX_AGE_SECONDS: z.coerce.number().int().min(1).optional(),
  /** OTLP/HTTP collector (e.g. http://collector:4318); unset: no traces. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
});

export type Env = Omit<z.infer<typeof EnvSchema>, 'TEMPORAL_ADDRESS'> & { TEMPORAL_ADDRESS: string };

export class ConfigError extends Error {}

/** Parses the environment; a bad value stops the process with a message naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) {
    const env = result.data;
    return { ...env, TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.TEMPORAL_PORT}` };
  }
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}

function withPasswordFrom(url: string, file: string | undefined, variable: string): string {
  if (!file) return url;
  let password: string;
  try {
    password = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(`${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`);
  }
  const withPassword = new URL(url);
  withPassword.password = encodeURIComponent(password);
  return withPassword.toString();
}

type DatabaseEnv = Pick<
  Env,
  | 'DATABASE_URL'
  | 'DATABASE_PASSWORD_FILE'
  | 'MIGRATION_DATABASE_URL'
  | 'MIGRATION_DATABASE_PASSWORD_FILE'
  | 'POSTGRES_PORT'
  | 'DATA_DIR'
>;

/** `npm start`'s local cluster as one of its roles, whose password `npm start` wrote to DATA_DIR. */
function localRoleUrl(env: DatabaseEnv, role: LocalRole): string {
  const dataDir = env.DATA_DIR ?? defaultDataDir;
  const password = readLocalRolePassword(dataDir, role);
  if (password === undefined) {
    throw new ConfigError(
      `No DATABASE_URL, and no password of the local cluster's ${localRoleNames[role]} role in ${dataDir}: run npm start once.`,
    );
  }
  return localDatabaseUrl(env.POSTGRES_PORT, 'dim', { user: localRoleNames[role], password });
}

/**
 * DATABASE_URL, or else the database `npm start` keeps in its local cluster, as its application
 * role: a worker, an API or a script started on its own next to `npm start` (same POSTGRES_PORT)
 * finds the same data.
 */
export function databaseUrlOf(env: DatabaseEnv): string {
  if (!env.DATABASE_URL) return localRoleUrl(env, 'app');
  return withPasswordFrom(env.DATABASE_URL, env.DATABASE_PASSWORD_FILE, 'DATABASE_PASSWORD_FILE');
}

/** The schema owner's connection for migrations: MIGRATION_DATABASE_URL, else DATABASE_URL's. */
export function migrationDatabaseUrlOf(env: DatabaseEnv): string {
  if (env.MIGRATION_DATABASE_URL) {
    const url = env.MIGRATION_DATABASE_URL;
    return withPasswordFrom(url, env.MIGRATION_DATABASE_PASSWORD_FILE, 'MIGRATION_DATABASE_PASSWORD_FILE');
  }
  return env.DATABASE_URL ? databaseUrlOf(env) : localRoleUrl(env, 'owner');
}

/** The role the application connects as, when it is not the migrations' (then it is granted its rights). */
export function applicationRoleOf(env: DatabaseEnv): string | undefined {
  const userOf = (url: string) => decodeURIComponent(new URL(url).username);
  const app = env.DATABASE_URL ? userOf(env.DATABASE_URL) : localRoleNames.app;
  const ownerUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
  const owner = ownerUrl ? userOf(ownerUrl) : localRoleNames.owner;
  return app !== owner ? app : undefined;
}
