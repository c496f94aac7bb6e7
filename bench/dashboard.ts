/**
 * The staff dashboard over 100 000 accreditations: `GET /accreditations` through the real API
 * (authentication, filters, keyset pagination, response schema) against the same SQL the endpoint
 * runs, sent raw through node-postgres. Goal: p95 of the endpoint ≤ 20 ms.
 *
 * Seeding goes straight into the projections: a few dozen scripted cases (the real decider, see
 * test/fixtures/scenarios.ts) are appended and projected the normal way, and their rows — state,
 * tasks and all — are copied to 100 000 accreditations with their own ids, organisations, case
 * managers, auditors and dates spread over three years.
 *
 *   npm run bench -- dashboard [--scale 0.05]
 */
import { Client } from '@temporalio/client';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/database';
import type { TestUser } from '../test/fixtures/users';
import { type BenchApi, expectStatus, startBenchApi } from './api';
import { measureSummary, seedDashboardReadModel } from './dashboard-summary';
import { seedAccreditations } from './seed';
import { benchDatabase } from './servers';
import { formatLatency, type LatencySummary, report, scaled, summarise } from './support';

const accreditations = scaled(100_000, 1_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 50);
const goalMs = 20;

const bench = await benchDatabase(8);
const { db } = bench;
let api: BenchApi | undefined;
let probeApi: BenchApi | undefined;
const raw = new pg.Pool({ connectionString: bench.url, max: 2 });
raw.on('error', () => {});
// A second handle whose queries are recorded: the SQL the endpoint runs, for the raw baseline.
let captured: CapturedQuery[] = [];
const capturingPool = new pg.Pool({ connectionString: bench.url, max: 2 });
capturingPool.on('error', () => {});
const capturing = new Kysely<Database>({
  dialect: new PostgresDialect({ pool: capturingPool }),
  log: (event) => {
    if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
  },
});

interface Scenario {
  name: string;
  user: TestUser;
  query: string;
  /** Pages to walk with the cursor (keyset pagination). */
  pages: number;
}

/** The list query the endpoint sends, as Kysely compiles it, captured from a probe request. */
interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
}

try {
  // The API needs a Temporal client; the list endpoint never uses it (the connection is lazy).
  const client = new Client();
  api = await startBenchApi(db, client, 'unused');
  const probe = await startBenchApi(capturing, client, 'unused');
  probeApi = probe;
  const benchApi = api;

  const staffUsers = await Promise.all(Array.from({ length: 20 }, () => benchApi.user('staff')));
  const auditors = await Promise.all(Array.from({ length: 50 }, () => benchApi.user('auditor')));
  let started = performance.now();
  await seedAccreditations(db, {
    accreditations,
    staffIds: staffUsers.map((user) => user.id),
    auditorIds: auditors.map((user) => user.id),
  });
  await seedDashboardReadModel(db);
  const { count } = await db
    .selectFrom('accreditations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const taskCount = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM tasks`.execute(db)).rows[0]?.n;
  const statuses = await sql<{ status: string; n: number }>`
    SELECT status, count(*)::int AS n FROM accreditations GROUP BY status ORDER BY n DESC`.execute(db);
  console.log(
    `seeded ${count} accreditations and ${taskCount} open tasks in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`  by status: ${statuses.rows.map((row) => `${row.status} ${row.n}`).join(', ')}`);

  const staffUser = staffUsers[0] as TestUser;
  const auditor = auditors[3] as TestUser;
  const scenarios: Scenario[] = [
    { name: 'first page', user: staffUser, query: 'limit=50', pages: 1 },
    { name: 'status=accredited', user: staffUser, query: 'status=accredited&limit=50', pages: 1 },
    {
      name: 'status=3 procedure statuses',
      user: staffUser,
      query: 'status=document_review,audit_planning,audit&limit=50',
      pages: 1,
    },
    { name: 'keyset, pages 1–20', user: staffUser, query: 'limit=50', pages: 20 },
    { name: 'status + keyset, pages 1–10', user: staffUser, query: 'status=accredited&limit=50', pages: 10 },
    { name: `auditor=<id>`, user: staffUser, query: `auditor=${auditor.id}&limit=50`, pages: 1 },
    { name: 'overdue=true', user: staffUser, query: 'overdue=true&limit=50', pages: 1 },
    { name: 'expiringWithinDays=90', user: staffUser, query: 'expiringWithinDays=90&limit=50', pages: 1 },
    { name: 'organisationName=Nord', user: staffUser, query: 'organisationName=Nord&limit=50', pages: 1 },
    { name: 'as an auditor (own cases)', user: auditor, query: 'limit=50', pages: 1 },
  ];

  // One pass through the capturing API: the SQL of every page of every scenario.
  const rawQueries = new Map<string, CapturedQuery[]>();
  for (const scenario of scenarios) {
    const queries: CapturedQuery[] = [];
    let cursor: string | null | undefined = null;
    for (let page = 0; page < scenario.pages; page++) {
      captured = [];
      const response: { status: number; body: { nextCursor: string | null } } = await probe.call(
        scenario.user,
        'GET',
        `/accreditations?${scenario.query}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expectStatus(response, 200, scenario.name);
      const list = captured.find(
        (query) => /from "accreditations"/.test(query.sql) && / limit /i.test(query.sql),
      );
      if (!list) throw new Error(`no list query captured for ${scenario.name}`);
      queries.push(list);
      cursor = response.body.nextCursor;
      if (!cursor) break;
    }
    rawQueries.set(scenario.name, queries);
  }
  // The summary's SQL, captured the same way (the probe API stays up for it).
  const probeSummary = () => probe.call(staffUser, 'GET', '/dashboard');

  // Warm up both paths.
  for (const scenario of scenarios) {
    await benchApi.call(scenario.user, 'GET', `/accreditations?${scenario.query}`);
    for (const query of rawQueries.get(scenario.name) ?? [])
      await raw.query(query.sql, [...query.parameters]);
  }

  // Measured alternately, request by request: endpoint page, then the same page's raw SQL.
  async function measureAll(repetitions: number) {
    const endpoint = new Map<string, number[]>();
    const rawSql = new Map<string, number[]>();
    for (const scenario of scenarios) {
      const e: number[] = [];
      const r: number[] = [];
      const queries = rawQueries.get(scenario.name) ?? [];
      for (let rep = 0; rep < Math.max(3, Math.ceil(repetitions / scenario.pages)); rep++) {
        let cursor: string | null | undefined = null;
        for (let page = 0; page < queries.length; page++) {
          let t0 = performance.now();
          const response: { status: number; body: { nextCursor: string | null } } = await benchApi.call(
            scenario.user,
            'GET',
            `/accreditations?${scenario.query}${cursor ? `&cursor=${cursor}` : ''}`,
          );
          e.push(performance.now() - t0);
          expectStatus(response, 200, scenario.name);
          cursor = response.body.nextCursor;
          const query = queries[page] as CapturedQuery;
          t0 = performance.now();
          await raw.query(query.sql, [...query.parameters]);
          r.push(performance.now() - t0);
        }
      }
      endpoint.set(scenario.name, e);
      rawSql.set(scenario.name, r);
    }
    return { endpoint, rawSql };
  }
  async function plan(scenario: Scenario) {
    const first = (rawQueries.get(scenario.name) ?? [])[0] as CapturedQuery;
    const result = await raw.query(`EXPLAIN (ANALYZE, BUFFERS) ${first.sql}`, [...first.parameters]);
    const lines = result.rows.map((row: Record<string, string>) => row['QUERY PLAN'] as string);
    const time = lines.find((line) => /Execution Time/.test(line))?.trim() ?? '';
    return {
      lines,
      summary: `${time}; ${lines
        .find((line) => /Scan|Sort/.test(line))
        ?.trim()
        .slice(0, 90)}`,
    };
  }

  started = performance.now();
  const { endpoint, rawSql } = await measureAll(iterations);
  console.log(`measured in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const perScenario: Record<string, { endpoint: LatencySummary; rawSql: LatencySummary; plan: string[] }> =
    {};
  for (const scenario of scenarios) {
    const explained = await plan(scenario);
    perScenario[scenario.name] = {
      endpoint: summarise(endpoint.get(scenario.name) ?? []),
      rawSql: summarise(rawSql.get(scenario.name) ?? []),
      plan: explained.lines,
    };
    console.log(`${scenario.name}`);
    console.log(`  endpoint: ${formatLatency(perScenario[scenario.name]?.endpoint as LatencySummary)}`);
    console.log(`  raw SQL:  ${formatLatency(perScenario[scenario.name]?.rawSql as LatencySummary)}`);
    console.log(`  plan:     ${explained.summary}`);
  }
  const summary = await measureSummary(
    db,
    benchApi,
    staffUser,
    raw,
    async () => {
      captured = [];
      expectStatus(await probeSummary(), 200, 'dashboard summary probe');
      return captured;
    },
    Math.max(iterations * 4, 100),
  );
  report({
    name: 'dashboard-summary',
    value: summary.endpoint.p95,
    unit: 'ms',
    baseline: summary.rawSql.p95,
    ratio: summary.endpoint.p95 / summary.rawSql.p95,
    goal: `GET /dashboard p95 ≤ ${goalMs} ms`,
    met: summary.endpoint.p95 <= goalMs,
    details: { accreditations: count, tasks: taskCount, ...summary },
  });

  const all = summarise([...endpoint.values()].flat());
  const allRaw = summarise([...rawSql.values()].flat());
  console.log(`all requests: endpoint ${formatLatency(all)}`);
  console.log(`              raw SQL  ${formatLatency(allRaw)}`);
  const worst = Object.entries(perScenario).sort((a, b) => b[1].endpoint.p95 - a[1].endpoint.p95)[0];
  console.log(`slowest filter: ${worst?.[0]} (endpoint p95 ${worst?.[1].endpoint.p95} ms)`);
  report({
    name: 'dashboard',
    value: all.p95,
    unit: 'ms',
    baseline: allRaw.p95,
    ratio: all.p95 / allRaw.p95,
    goal: `endpoint p95 ≤ ${goalMs} ms over all filters and pages`,
    met: all.p95 <= goalMs,
    details: {
      accreditations: count,
      tasks: taskCount,
      iterations,
      endpoint: all,
      rawSql: allRaw,
      perScenario,
    },
  });
} finally {
  await probeApi?.close();
  await api?.close();
  await capturing.destroy();
  await raw.end();
  await bench.close();
}
