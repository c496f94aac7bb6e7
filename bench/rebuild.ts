/**
 * Projection rebuild speed: a scripted mix of 1 000 000 accreditation events (thousands of cases
 * driven through the real decider) is loaded into the store, then every projection is rebuilt
 * from it. Prints events per second against the goal of 10 000, and, for scale, how fast the same
 * events are merely read in the same batches.
 *
 *   npm run bench -- rebuild           (starts its own PostgreSQL; or set DATABASE_URL to a server)
 *   npm run bench -- rebuild --scale 0.05   (50 000 events; BENCH_EVENTS overrides)
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { rebuildProjections } from '../db/projections/rebuild';
import { accreditationScenario, type ScenarioAppend } from '../test/support/scenarios';
import { loadAppends } from './seed';
import { benchDatabase, pool, report, scaled } from './support';

const targetEvents = Number(process.env.BENCH_EVENTS ?? scaled(1_000_000, 1_000));
const goal = 10_000;

const bench = await benchDatabase(4);
const { db } = bench;

/**
 * The scripted histories: up to `distinctEvents` from the real decider (which runs at a few
 * thousand events/s), the rest copies of those streams with fresh accreditation ids and
 * certificate numbers, appended through the store like the originals.
 */
const distinctEvents = Math.min(targetEvents, Number(process.env.BENCH_DISTINCT_EVENTS ?? 150_000));
const loaders = 3;
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const certificatePattern = /DIM1002-(\d{4})-[0-9A-HJKMNP-TV-Z]{8}/g;
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const certificates = new Set<string>();

/** Rewrites appends into a copy's: the same map for all appends of one copy. */
function copier() {
  const ids = new Map<string, string>();
  const numbers = new Map<string, string>();
  const freshNumber = (year: string) => {
    for (;;) {
      const code = Array.from({ length: 8 }, () => crockford[Math.floor(Math.random() * 32)]).join('');
      const number = `DIM1002-${year}-${code}`;
      if (!certificates.has(number)) {
        certificates.add(number);
        return number;
      }
    }
  };
  return (append: ScenarioAppend): ScenarioAppend => {
    const text = JSON.stringify(append)
      .replace(uuidPattern, (id) => ids.get(id) ?? (ids.set(id, randomUUID()).get(id) as string))
      .replace(certificatePattern, (number, year: string) => {
        const known = numbers.get(number) ?? freshNumber(year);
        numbers.set(number, known);
        return known;
      });
    return JSON.parse(text) as ScenarioAppend;
  };
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
  for (const append of originals) {
    for (const match of JSON.stringify(append).matchAll(certificatePattern)) certificates.add(match[0]);
  }
  console.log(
    `scripted ${distinctEvents} events through the decider in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  // Each copy: a prefix of the originals (the last one cut at the target), appended in order by one
  // loader; copies are independent streams, so `loaders` of them load at once.
  const copies: ScenarioAppend[][] = [];
  for (let planned = 0; planned < targetEvents; ) {
    const copy: ScenarioAppend[] = [];
    for (const append of originals) {
      if (planned + append.events.length > targetEvents) break;
      copy.push(append);
      planned += append.events.length;
    }
    if (copy.length === 0) break;
    copies.push(copy);
  }
  await pool(copies.length, loaders, async (c) => {
    const appends = copies[c] as ScenarioAppend[];
    const rewrite = c === 0 ? (append: ScenarioAppend) => append : copier();
    for (let i = 0; i < appends.length; i += 500) {
      const batch = appends.slice(i, i + 500).map(rewrite);
      await loadAppends(db, batch);
      loaded += batch.reduce((sum, append) => sum + append.events.length, 0);
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        console.log(`loading: ${loaded} events (${Math.round((lastReport - started) / 1000)} s)`);
      }
    }
  });
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
