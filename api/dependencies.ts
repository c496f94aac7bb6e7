import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { DocumentStorage } from '../db/documents';
import type { AuthRateLimit } from './auth';

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
  /** The built web application to serve at `/` (web/dist); none when unset or not built. */
  webRoot?: string;
}
