import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { buildApp } from '../api/app';
import type { Database, UserRole } from '../db/database';
import type { ApiCall } from '../test/fixtures/api-call';
import { createTestUser, type TestUser } from '../test/fixtures/users';

// biome-ignore lint/suspicious/noExplicitAny: benchmarks read response bodies ad hoc.
export interface Response<T = any> {
  status: number;
  body: T;
  headers?: IncomingHttpHeaders;
}

/** The real API (buildApp) on a port of this process, and a small HTTP client for it. */
export interface BenchApi {
  baseUrl: string;
  call: ApiCall<Response>;
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
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // node:http with kept-alive connections, lighter than fetch: the load generator shares the two
  // cores with what it measures (0.7 ms of CPU less per human task in one pair of runs).
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return {
    baseUrl,
    call(user, method, path, body, headers = {}) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const outgoing = request(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            agent,
            headers: {
              ...(user ? user.headers : {}),
              ...(payload !== undefined
                ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
                : {}),
              ...headers,
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({
                status: response.statusCode ?? 0,
                body: text ? JSON.parse(text) : undefined,
                headers: response.headers,
              });
            });
          },
        );
        outgoing.on('error', reject);
        outgoing.end(payload);
      });
    },
    user: (role, options) => createTestUser(db, role, options),
    async close() {
      agent.destroy();
      await app.close();
    },
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
