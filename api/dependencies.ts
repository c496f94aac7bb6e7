import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { DocumentStorage } from '../db/documents';
import type { CredentialLimits, SignInLimits } from '../db/sign-in-limits';
import type { ApiMetrics } from './metrics';
import type { PublicRateLimits } from './rate-limits';
import type { SessionConfig } from './session';

/** What the API is built from: passed to `buildApp` and on to every route plugin. */
export interface ApiDependencies {
  db: Kysely<Database>;
  temporal: Client;
  taskQueue: string;
  logger?: FastifyBaseLogger | false;
  /** How long a step waits for the workflow before 503 (default 10 s). */
  stepTimeoutMs?: number;
  /** Where evidence is stored (default: PostgreSQL). */
  documents: DocumentStorage;
  /** Bytes of documents one organisation (or a user without one) may store (default 500 MB). */
  documentQuotaBytes?: number;
  credentialLimits?: CredentialLimits;
  /** Session expiry and cookie (default: 30 min idle, 12 h absolute, `Secure`). */
  sessions: SessionConfig;
  signInLimits: SignInLimits;
  /** Requests per address on the public routes (api/rate-limits.ts). */
  publicRateLimits: PublicRateLimits;
  /**
   * Fastify's `trustProxy`: which proxies' X-Forwarded-For to believe for the client's address
   * (what the rate limits count by). Env TRUST_PROXY; default none.
   */
  trustProxy?: boolean | number | string[];
  /** Request and update metrics (api/metrics.ts); without them nothing is counted. */
  metrics?: ApiMetrics;
  /** Readiness fails when a due notification waited longer (telemetry/readiness.ts). */
  maxOutboxAgeSeconds?: number;
  /**
   * How long an Idempotency-Key is kept (hours, default 24; env IDEMPOTENCY_KEY_HOURS): reused
   * later, it is a new request. Expired keys are deleted hourly.
   */
  idempotencyKeyHours?: number;
  /** The built web application to serve at `/` (web/dist); none when unset or not built. */
  webRoot?: string;
}

/** What `buildApp` is given: the dependencies, with defaults for the optional settings. */
export type ApiInput = Omit<
  ApiDependencies,
  'documents' | 'sessions' | 'signInLimits' | 'publicRateLimits'
> & {
  documents?: DocumentStorage;
  sessions?: Partial<SessionConfig>;
  signInLimits?: SignInLimits;
  publicRateLimits?: Partial<PublicRateLimits>;
};
