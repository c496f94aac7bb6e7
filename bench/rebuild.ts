/**
 * Projection rebuild speed: a scripted mix of ≥ 200 000 accreditation events (thousands of cases
 * driven through the real decider) is loaded into the store, then every projection is rebuilt
 * from it. Prints events per second against the goal of 10 000, and, for scale, how fast the same
 * events are merely read in the same batches.
 *
 *   npx tsx bench/rebuild.ts           (starts its own PostgreSQL; or set DATABASE_URL to a server)
 *   BENCH_EVENTS=50000 npx tsx bench/rebuild.ts
 */
import { sql } from 'kysely';
import { rebuildProjections } from '../db/projections/rebuild';
import { accreditationScenario, type ScenarioAppend } from '../test/support/scenarios';
import { benchDatabase, report } from './support';

const targetEvents = Number(process.env.BENCH_EVENTS ?? 200_000);
const goal = 10_000;

const bench = await benchDatabase(4);
const { db } = bench;

async function load(appends: ScenarioAppend[]) {
  // Many appends per statement through the store's own append function (hash chain and all);
  // projections are left to the rebuild.
  const payload = JSON.stringify(
    appends.map((a) => ({
      streamId: a.streamId,
      expectedVersion: a.expectedVersion,
      types: a.events.map((e) => e.type),
      data: a.events.map((e) => e.data),
      metadata: a.events.map((e) => e.metadata),
      times: a.events.map((e) => e.businessTime),
      keys: a.events.map((e) => e.idempotencyKey),
    })),
  );
  const { rows } = await sql<{ outcome: string }>`
    SELECT (append_events(a->>'streamId', (a->>'expectedVersion')::bigint,
      ARRAY(SELECT jsonb_array_elements_text(a->'types')), a->'data', a->'metadata',
      ARRAY(SELECT jsonb_array_elements_text(a->'times'))::timestamptz[],
      ARRAY(SELECT jsonb_array_elements_text(a->'keys')))).outcome
    FROM jsonb_array_elements(${payload}::jsonb) AS x(a)`.execute(db);
  const failed = rows.find((row) => row.outcome !== 'appended');
  if (failed) throw new Error(`load failed: ${failed.outcome}`);
}

try {
  let started = performance.now();
  let loaded = 0;
  let batch: ScenarioAppend[] = [];
  let lastReport = started;
  const cases = Math.ceil(targetEvents / 24);
  for (const append of accreditationScenario({ cases, seed: 2026, maxEvents: targetEvents })) {
    batch.push(append);
    loaded += append.events.length;
    if (batch.length >= 500) {
      await load(batch);
      batch = [];
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        console.log(`loading: ${loaded} events (${Math.round((lastReport - started) / 1000)} s)`);
      }
    }
  }
  if (batch.length > 0) await load(batch);
  await sql`VACUUM ANALYZE events`.execute(db);
  const { streams } = await db
    .selectFrom('events')
    .select((eb) => eb.fn.count<number>('stream_id').distinct().as('streams'))
    .executeTakeFirstOrThrow();
  console.log(
    `loaded ${loaded} events in ${streams} streams in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // For scale: only reading the same events in the same batches.
  started = performance.now();
  let after = { streamId: '', version: 0 };
  let read = 0;
  for (;;) {
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where(sql<boolean>`(stream_id, stream_version) > (${after.streamId}, ${after.version})`)
      .orderBy('stream_id')
      .orderBy('stream_version')
      .limit(5_000)
      .execute();
    if (rows.length === 0) break;
    read += rows.length;
    const last = rows[rows.length - 1];
    if (last) after = { streamId: last.stream_id, version: last.stream_version };
  }
  const readRate = read / ((performance.now() - started) / 1000);

  let lastProgress = 0;
  const result = await rebuildProjections(db, {
    onProgress: ({ processed, total, elapsedMs }) => {
      if (processed !== total && elapsedMs - lastProgress < 2_000) return;
      lastProgress = elapsedMs;
      console.log(`rebuild: ${processed}/${total} events in ${(elapsedMs / 1000).toFixed(1)} s`);
    },
  });
  const counts = await sql<{ table: string; rows: number }>`
    SELECT 'accreditations' AS table, count(*)::int8 AS rows FROM accreditations
    UNION ALL SELECT 'tasks', count(*) FROM tasks UNION ALL SELECT 'deadlines', count(*) FROM deadlines
    UNION ALL SELECT 'certificates', count(*) FROM certificates
    UNION ALL SELECT 'notifications', count(*) FROM notifications`.execute(db);
  console.log(`rows: ${counts.rows.map((row) => `${row.table} ${row.rows}`).join(', ')}`);
  console.log(`read only:  ${Math.round(readRate)} events/s`);
  console.log(
    `rebuild:    ${Math.round(result.eventsPerSecond)} events/s (${result.events} events in ${(result.elapsedMs / 1000).toFixed(1)} s; goal ≥ ${goal})`,
  );
  report({
    name: 'rebuild',
    value: result.eventsPerSecond,
    unit: 'events/s',
    baseline: goal,
    ratio: result.eventsPerSecond / goal,
    details: {
      events: result.events,
      streams,
      elapsedMs: result.elapsedMs,
      readOnlyEventsPerSecond: readRate,
    },
  });
} finally {
  await bench.close();
}
