import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { DocumentStorage } from '../db/documents';
import type { SignInLimits } from '../db/sign-in-limits';
import type { AuthRateLimit } from './auth';
import type { ApiMetrics } from './metrics';
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
  authRateLimit?: AuthRateLimit;
  /** Session expiry and cookie (default: 30 min idle, 12 h absolute, `Secure`). */
  sessions: SessionConfig;
  signInLimits: SignInLimits;
  /** Request and update metrics (api/metrics.ts); without them nothing is counted. */
  metrics?: ApiMetrics;
  /** Readiness fails when a due notification waited longer (telemetry/readiness.ts). */
  maxOutboxAgeSeconds?: number;
  /** The built web application to serve at `/` (web/dist); none when unset or not built. */
  webRoot?: string;
}

/** What `buildApp` is given: the dependencies, with defaults for the optional settings. */
export type ApiInput = Omit<ApiDependencies, 'documents' | 'sessions' | 'signInLimits'> & {
  documents?: DocumentStorage;
  sessions?: Partial<SessionConfig>;
  signInLimits?: SignInLimits;
};
