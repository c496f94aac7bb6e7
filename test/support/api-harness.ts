import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { buildApp } from '../../api/app';
import type { AuthRateLimit } from '../../api/auth';
import type { ApiInput } from '../../api/dependencies';
import type { DocumentStorage } from '../../db/documents';
import type { ApiCall } from '../fixtures/api-call';
import type { TestDatabase } from './database';
import type { TestTemporal } from './temporal';

export const organisationBody = (name = 'Musterdienst GmbH') => ({
  organisation: {
    name,
    address: { street: 'Hauptstraße 5', postalCode: '80331', city: 'München', country: 'DE' },
    contactEmail: 'kontakt@musterdienst.example',
  },
  scope: 'IT-Servicedesk und Rechenzentrumsbetrieb am Standort München',
});

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies ad hoc.
export interface ApiResponse<T = any> {
  status: number;
  contentType: string;
  headers: Headers;
  body: T;
}

/** The real API on a real port, on the stack's database and Temporal worker (see stack.ts). */
export interface TestApi {
  app: Awaited<ReturnType<typeof buildApp>>;
  baseUrl: string;
  call: ApiCall<ApiResponse>;
  close(): Promise<void>;
}

export interface ApiOptions {
  stepTimeoutMs?: number;
  documents?: DocumentStorage;
  authRateLimit?: AuthRateLimit;
  /** The built web application to serve (the browser tests). */
  webRoot?: string;
  sessions?: ApiInput['sessions'];
  signInLimits?: ApiInput['signInLimits'];
}

export async function serveApi(
  database: TestDatabase,
  temporal: TestTemporal,
  options: ApiOptions = {},
): Promise<TestApi> {
  const app = await buildApp({
    db: database.db,
    temporal: temporal.client,
    taskQueue: temporal.taskQueue,
    logger: false,
    ...options,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    baseUrl,
    async call(user, method, path, body, headers = {}) {
      const raw = Buffer.isBuffer(body);
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(user ? user.headers : {}),
          ...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      });
      const contentType = response.headers.get('content-type') ?? '';
      const text = await response.text();
      return {
        status: response.status,
        contentType,
        headers: response.headers,
        body: contentType.includes('json') && text ? JSON.parse(text) : text,
      };
    },
    close: () => app.close(),
  };
}

/** Polls until `check` passes (for timer-driven changes, e.g. the objection window closing). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Condition not met within ${timeoutMs} ms: ${inspect(value, { depth: 4 })}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A minimal valid PDF, different per seed. */
export const pdf = (seed: string) =>
  Buffer.from(`%PDF-1.4\n% ${seed}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
