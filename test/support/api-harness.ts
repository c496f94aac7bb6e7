import type { AddressInfo } from 'node:net';
import { buildApp } from '../../api/app';
import type { AuthRateLimit } from '../../api/auth';
import type { UserRole } from '../../db/database';
import type { DocumentStorage } from '../../db/documents';
import type { PolicyInput } from '../../domain/policy-schema';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestTemporal, type TestTemporal } from './temporal';
import { createTestUser, type TestUser } from './users';

/**
 * A policy of seconds for whole cycles (test/lifecycle.test.ts, the API and CLI tests): self-assessments
 * fall due at +12 s and +24 s, the renewal window opens at +27 s, expiry at +36 s.
 */
export const pilotPolicy: PolicyInput = {
  version: 'test-seconds',
  certificateValidity: { seconds: 36 },
  selfAssessmentInterval: { seconds: 12 },
  selfAssessmentReminderLeadTimes: [{ seconds: 3 }],
  selfAssessmentOverdueReminderAfter: { seconds: 1 },
  selfAssessmentEscalationAfter: { seconds: 2 },
  selfAssessmentSuspensionProposalAfter: { seconds: 5 },
  renewalWindow: { seconds: 9 },
  auditorObjectionWindow: { seconds: 1 },
  correctiveActionDeadline: { minutes: 5 },
  informationRequestResponseDeadline: { minutes: 5 },
  informationRequestReminderLeadTime: { minutes: 1 },
};

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

/** The real API on a real port, with a worker, Temporal and PostgreSQL of its own. */
export interface ApiHarness {
  database: TestDatabase;
  temporal: TestTemporal;
  app: Awaited<ReturnType<typeof buildApp>>;
  baseUrl: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies ad hoc.
  call<T = any>(
    user: TestUser | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>;
  user(role: UserRole, options?: { organisationId?: string }): Promise<TestUser>;
  close(): Promise<void>;
}

export async function startApi(
  options: {
    stepTimeoutMs?: number;
    documents?: DocumentStorage;
    authRateLimit?: AuthRateLimit;
    /** The built web application to serve (the browser tests). */
    webRoot?: string;
  } = {},
): Promise<ApiHarness> {
  const database = await createTestDatabase();
  const temporal = await startTestTemporal(database.db);
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
    database,
    temporal,
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
    user: (role, userOptions) => createTestUser(database.db, role, userOptions),
    async close() {
      await app.close();
      await temporal.close();
      await database.drop();
    },
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
      throw new Error(`Condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A minimal valid PDF, different per seed. */
export const pdf = (seed: string) =>
  Buffer.from(`%PDF-1.4\n% ${seed}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
