/**
 * Sign-in latency: `POST /auth/sign-in` through the real API (rate-limit bookkeeping, argon2id
 * verification, session insert, cookie), one client, against the argon2id verification alone
 * (its cost is the point of it). Also what a request costs with a session cookie (`GET
 * /auth/session`: session lookup and the at-most-once-a-minute touch) next to a bearer token
 * (`GET /me`: token lookup).
 *
 *   npm run bench -- sign-in [--scale 0.1]
 */

import { verify } from '@node-rs/argon2';
import { Client } from '@temporalio/client';
import { hashPassword, storePasswordHash } from '../db/passwords';
import { startBenchApi } from './api';
import { benchDatabase } from './servers';
import { formatLatency, report, scaled, summarise } from './support';

const signIns = scaled(200, 20);
const requests = scaled(2_000, 100);
const password = 'a long enough benchmark password';

const bench = await benchDatabase(4);
const api = await startBenchApi(bench.db, new Client(), 'unused');
try {
  const user = await api.user('auditor');
  const { email } = await bench.db
    .selectFrom('users')
    .select('email')
    .where('user_id', '=', user.id)
    .executeTakeFirstOrThrow();
  const passwordHash = await hashPassword(password);
  await storePasswordHash(bench.db, user.id, passwordHash);

  const timed = async (n: number, run: () => Promise<void>) => {
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      await run();
      samples.push(performance.now() - started);
    }
    return summarise(samples);
  };

  const argon2 = await timed(signIns, async () => {
    if (!(await verify(passwordHash, password))) throw new Error('argon2 verify failed');
  });
  let cookie = '';
  const signIn = await timed(signIns, async () => {
    const response = await api.call(null, 'POST', '/auth/sign-in', { email, password });
    if (response.status !== 200) throw new Error(`sign-in: HTTP ${response.status}`);
    cookie = response.headers?.['set-cookie']?.[0]?.split(';')[0] ?? '';
  });
  const session = await timed(requests, async () => {
    const response = await api.call(null, 'GET', '/auth/session', undefined, { cookie });
    if (response.status !== 200) throw new Error(`session: HTTP ${response.status}`);
  });
  const bearer = await timed(requests, async () => {
    const response = await api.call(user, 'GET', '/me');
    if (response.status !== 200) throw new Error(`me: HTTP ${response.status}`);
  });

  console.log(`argon2id verify (19 MiB, t=2, p=1)  ${formatLatency(argon2)}`);
  console.log(`POST /auth/sign-in                  ${formatLatency(signIn)}`);
  console.log(`GET /auth/session (cookie)          ${formatLatency(session)}`);
  console.log(`GET /me (bearer token)              ${formatLatency(bearer)}`);
  report({
    name: 'sign-in',
    value: signIn.p50,
    unit: 'ms p50',
    baseline: argon2.p50,
    ratio: signIn.p50 / argon2.p50,
    details: { signIn, argon2, sessionRequest: session, bearerRequest: bearer },
  });
} finally {
  await api.close();
  await bench.close();
}
