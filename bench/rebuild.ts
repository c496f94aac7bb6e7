/**
 * Projection rebuild speed: a scripted mix of 1 000 000 accreditation events (thousands of cases
 * driven through the real decider) is loaded into the store, then every projection is rebuilt
 * from it. Prints events per second against the goal of 10 000, and, for scale, how fast the same
 * events are merely read in the same batches.
 *
 *   npm run bench -- rebuild           (on the run's PostgreSQL; or set DATABASE_URL to a server)
 *   npm run bench -- rebuild --scale 0.05   (50 000 events; BENCH_EVENTS overrides)
 */
import { sql } from 'kysely';
import { rebuildProjections } from '../db/projections/rebuild';
import { accreditationScenario } from '../test/fixtures/scenarios';
import { loadAppends } from './seed';
import { benchDatabase } from './servers';
import { cpuMeter, pool, report, scaled } from './support';

const targetEvents = Number(process.env.BENCH_EVENTS ?? scaled(1_000_000, 1_000));
const goal = 10_000;

const bench = await benchDatabase(4);
const { db } = bench;

/**
 * The scripted histories: up to `distinctEvents` from the real decider (which runs at a few
 * thousand events/s), appended through the store; the rest copies of them made in SQL, each with
 * its own stream ids, accreditation ids, certificate numbers and idempotency keys. A copy keeps
 * its original's hashes, so its chain does not verify; a rebuild reads no hash.
 */
const distinctEvents = Math.min(targetEvents, Number(process.env.BENCH_DISTINCT_EVENTS ?? 60_000));
const loaders = 3;
const copiers = 2;

/**
 * Copy number `copy` of the originals, at most `limit` of their events (in log order): new stream
 * and accreditation ids (derived from the original's), certificate numbers suffixed with the copy.
 */
async function copyEvents(copy: number, originalsEnd: number, limit: number): Promise<number> {
  const suffix = `c${copy}`;
  const result = await sql`
    INSERT INTO events (stream_id, stream_version, event_type, data, metadata, business_time,
      recorded_time, idempotency_key, hash)
    SELECT 'accreditation-' || c.id, e.stream_version, e.event_type,
      regexp_replace(replace(e.data::text, substr(e.stream_id, 15), c.id), ${'DIM1002-[0-9]{4}-[0-9A-Z]{8}'},
        ${`\\&-${suffix.toUpperCase()}`}, 'g')::jsonb,
      e.metadata, e.business_time, e.recorded_time, e.idempotency_key || '-' || ${suffix}, e.hash
    FROM (SELECT * FROM events WHERE global_position <= ${originalsEnd} ORDER BY global_position LIMIT ${limit}) e
    CROSS JOIN LATERAL (SELECT md5(e.stream_id || ${suffix})::uuid::text AS id) c`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

try {
  let started = performance.now();
  let loaded = 0;
  let lastReport = started;
  const originals = [
    ...accreditationScenario({
      cases: Math.ceil(distinctEvents / 24),
      seed: 2026,
      maxEvents: distinctEvents,
    }),
  ];
  console.log(
    `scripted ${distinctEvents} events through the decider in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  // The originals, through the store's own append function: each loader appends the streams of
  // its share in order.
  const shares = Array.from({ length: loaders }, (_, share) =>
    originals.filter((append) => Number.parseInt(append.streamId.slice(-4), 16) % loaders === share),
  );
  await pool(loaders, loaders, async (share) => {
    const appends = shares[share] ?? [];
    for (let i = 0; i < appends.length; i += 500) {
      const batch = appends.slice(i, i + 500);
      await loadAppends(db, batch);
      loaded += batch.reduce((sum, append) => sum + append.events.length, 0);
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        console.log(`loading: ${loaded} events (${Math.round((lastReport - started) / 1000)} s)`);
      }
    }
  });
  const { originalsEnd } = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('global_position').as('originalsEnd'))
    .executeTakeFirstOrThrow();
  // Each copy is one INSERT … SELECT, which one PostgreSQL backend runs on one core: two at a time.
  const originalCount = loaded;
  const missing = targetEvents - originalCount;
  await pool(Math.ceil(missing / originalCount), copiers, async (index) => {
    const limit = Math.min(originalCount, missing - index * originalCount);
    const copied = await copyEvents(index + 1, Number(originalsEnd), limit);
    loaded += copied;
    console.log(`loading: ${loaded} events (${Math.round((performance.now() - started) / 1000)} s)`);
  });
  await sql`VACUUM ANALYZE events`.execute(db);
  const { streams } = await db
    .selectFrom('events')
    .select((eb) => eb.fn.count<number>('stream_id').distinct().as('streams'))
    .executeTakeFirstOrThrow();
  console.log(
    `loaded ${loaded} events in ${streams} streams in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // For scale: only reading events in the same batches (the first 200 000; the rate is the same).
  started = performance.now();
  let after = { streamId: '', version: 0 };
  let read = 0;
  while (read < 200_000) {
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
  const meter = cpuMeter();
  const result = await rebuildProjections(db, {
    onProgress: ({ processed, total, elapsedMs }) => {
      if (processed !== total && elapsedMs - lastProgress < 2_000) return;
      lastProgress = elapsedMs;
      console.log(`rebuild: ${processed}/${total} events in ${(elapsedMs / 1000).toFixed(1)} s`);
    },
  });
  const cpu = meter.stop();
  const counts = await sql<{ table: string; rows: number }>`
    SELECT 'accreditations' AS table, count(*)::int8 AS rows FROM accreditations
    UNION ALL SELECT 'tasks', count(*) FROM tasks UNION ALL SELECT 'deadlines', count(*) FROM deadlines
    UNION ALL SELECT 'certificates', count(*) FROM certificates
    UNION ALL SELECT 'notifications', count(*) FROM notifications`.execute(db);
  console.log(`rows: ${counts.rows.map((row) => `${row.table} ${row.rows}`).join(', ')}`);
  console.log(`read only:  ${Math.round(readRate)} events/s`);
  console.log(
    `rebuild CPU: this process ${cpu.bench.toFixed(1)} s, PostgreSQL ${cpu.postgres.toFixed(1)} s (${(result.elapsedMs / 1000).toFixed(1)} s elapsed)`,
  );
  console.log(
    `rebuild:    ${Math.round(result.eventsPerSecond)} events/s (${result.events} events in ${(result.elapsedMs / 1000).toFixed(1)} s; goal ≥ ${goal})`,
  );
  report({
    name: 'rebuild',
    value: result.eventsPerSecond,
    unit: 'events/s',
    baseline: goal,
    ratio: result.eventsPerSecond / goal,
    goal: `rebuild ≥ ${goal} events/s`,
    met: result.eventsPerSecond >= goal,
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
