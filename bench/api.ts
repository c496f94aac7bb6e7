import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { buildApp } from '../api/app';
import type { Database, UserRole } from '../db/database';
import { createTestUser, type TestUser } from '../test/support/users';

// biome-ignore lint/suspicious/noExplicitAny: benchmarks read response bodies ad hoc.
export interface Response<T = any> {
  status: number;
  body: T;
}

/** The real API (buildApp) on a port of this process, and a small HTTP client for it. */
export interface BenchApi {
  baseUrl: string;
  // biome-ignore lint/suspicious/noExplicitAny: benchmarks read response bodies ad hoc.
  call<T = any>(
    user: TestUser | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response<T>>;
  user(role: UserRole, options?: { organisationId?: string }): Promise<TestUser>;
  close(): Promise<void>;
}

export async function startBenchApi(
  db: Kysely<Database>,
  temporal: Client,
  taskQueue: string,
): Promise<BenchApi> {
  const app = await buildApp({ db, temporal, taskQueue, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    async call(user, method, path, body, headers = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(user ? user.headers : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    user: (role, options) => createTestUser(db, role, options),
    close: () => app.close(),
  };
}

/** The body of `POST /accreditations` for organisation number `n`. */
export const openingBody = (n: number, policy?: unknown) => ({
  organisation: {
    name: `${['Muster', 'Beispiel', 'Nord', 'Süd', 'Rhein'][n % 5]} IT-Service GmbH ${n}`,
    address: { street: 'Hauptstraße 5', postalCode: '80331', city: 'München', country: 'DE' },
    contactEmail: `kontakt-${n}@musterdienst.example`,
  },
  scope: 'IT-Servicedesk und Rechenzentrumsbetrieb am Standort München',
  ...(policy ? { policy } : {}),
});

export function expectStatus(response: Response, status: number, what: string): void {
  if (response.status !== status) {
    throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`);
  }
}
