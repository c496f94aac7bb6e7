/**
 * Event-store append throughput: 8 concurrent writers appending one event per call through
 * appendToStream (idempotency key, optimistic concurrency on the stream row, hash chain, append-only
 * table) against the same rows INSERTed into a plain table (identity key, no other index, no
 * trigger), measured alternately in the same run. Goal: ratio ≥ 0.7. For attribution it also
 * measures the same INSERT into a copy of the events table with its keys and indexes, and
 * appendToStream with the stream-head trigger (`streams`, issue 22) switched off: what keeping the
 * heads for signed checkpoints costs; and appendToStream of events with a personal field, each
 * sealed with its organisation's key (db/subject-keys.ts): what crypto-shredding costs an append
 * that carries one (most carry none: their only cost is a lookup by event type); and of events with
 * a free text, sealed with their stream's key (kept by the process once read).
 *
 *   npm run bench -- append            (on the run's PostgreSQL; or set DATABASE_URL to a server)
 *   npm run bench -- append --scale 0.2   (shorter phases; BENCH_SECONDS / BENCH_ROUNDS override)
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendToStream, type NewEvent } from '../db/event-store';
import { benchDatabase } from './servers';
import { benchScale, report } from './support';

const writers = 8;
const streamsPerWriter = 50;
const phaseSeconds = Number(process.env.BENCH_SECONDS ?? Math.max(1, Math.round(5 * benchScale)));
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const bench = await benchDatabase(writers);
const { db } = bench;

await sql`
  CREATE TABLE raw_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id text NOT NULL, stream_version bigint NOT NULL, event_type text NOT NULL,
    data jsonb NOT NULL, metadata jsonb NOT NULL, business_time timestamptz NOT NULL,
    recorded_time timestamptz NOT NULL, idempotency_key text NOT NULL, hash text NOT NULL
  )`.execute(db);
// For attribution only: the same INSERT into a table with the events table's keys and indexes.
await sql`CREATE TABLE indexed_events (LIKE events INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES)`.execute(
  db,
);

function newEvent(writer: number, seq: number): NewEvent {
  return {
    type: 'DocumentReviewed',
    data: {
      accreditationId: randomUUID(),
      requirementId: `DIM-4.${writer}.${seq % 10}`,
      outcome: seq % 3 === 0 ? 'gap' : 'conforming',
      reviewerId: randomUUID(),
      comment: 'Nachweis geprüft; die Dokumentation ist vollständig und aktuell.',
    },
    metadata: {
      actorId: randomUUID(),
      actorRole: 'auditor',
      workflowId: `accreditation-${writer}`,
      runId: randomUUID(),
      correlationId: randomUUID(),
    },
    businessTime: new Date(Date.UTC(2026, 0, 1) + seq * 60_000).toISOString(),
    idempotencyKey: randomUUID(),
  };
}

/** The same event as one with a personal field: the organisation's name, sealed with its key. */
function withPersonalField(event: NewEvent, stream: string): NewEvent {
  const data = event.data as Record<string, unknown>;
  return {
    ...event,
    type: 'AccreditationOpened',
    data: { ...data, organisationId: `org-${stream}`, organisationName: `Musterdienst GmbH ${stream}` },
  };
}

/** The same event as one with a free text: an answer, sealed with its stream's key. */
function withFreeText(event: NewEvent): NewEvent {
  const data = event.data as Record<string, unknown>;
  return { ...event, type: 'InformationProvided', data: { ...data, answer: data.comment } };
}

type Kind = 'raw' | 'indexed' | 'store' | 'store-without-heads' | 'store-sealed' | 'store-free-text';
const withFields: Partial<Record<Kind, (event: NewEvent, stream: string) => NewEvent>> = {
  'store-sealed': withPersonalField,
  'store-free-text': withFreeText,
};
const versions = new Map<string, number>();

async function writer(kind: Kind, w: number, deadline: number, round: number): Promise<number> {
  let count = 0;
  while (performance.now() < deadline) {
    const stream = `${kind}-${w}-${count % streamsPerWriter}`;
    const event = withFields[kind]?.(newEvent(w, count), stream) ?? newEvent(w, count);
    const version = (versions.get(stream) ?? 0) + 1;
    if (kind.startsWith('store')) {
      await appendToStream(db, stream, version - 1, [event]);
    } else {
      const data = JSON.stringify(event.data);
      const metadata = JSON.stringify(event.metadata);
      const hash = createHash('sha256').update(data).digest('hex');
      await sql`INSERT INTO ${sql.table(kind === 'raw' ? 'raw_events' : 'indexed_events')} (stream_id, stream_version, event_type, data, metadata, business_time,
                  recorded_time, idempotency_key, hash)
                VALUES (${stream}, ${version}, ${event.type}, ${data}::jsonb, ${metadata}::jsonb,
                  ${event.businessTime}::timestamptz, now(), ${event.idempotencyKey}, ${hash})`.execute(db);
    }
    versions.set(stream, version);
    count++;
  }
  void round;
  return count;
}

async function phase(kind: Kind, seconds: number, round: number): Promise<number> {
  const headTrigger = kind === 'store-without-heads' ? 'DISABLE' : 'ENABLE';
  await sql.raw(`ALTER TABLE events ${headTrigger} TRIGGER events_stream_head`).execute(db);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const counts = await Promise.all(
    Array.from({ length: writers }, (_, w) => writer(kind, w, deadline, round)),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  return total / ((performance.now() - started) / 1000);
}

try {
  // Warm up both paths (connections, plans, caches).
  await phase('raw', 1, -1);
  await phase('indexed', 1, -1);
  await phase('store', 1, -1);
  await phase('store-without-heads', 1, -1);
  await phase('store-sealed', 1, -1);
  await phase('store-free-text', 1, -1);
  const raw: number[] = [];
  const indexed: number[] = [];
  const store: number[] = [];
  const withoutHeads: number[] = [];
  const sealed: number[] = [];
  const freeText: number[] = [];
  for (let round = 0; round < rounds; round++) {
    raw.push(await phase('raw', phaseSeconds, round));
    indexed.push(await phase('indexed', phaseSeconds, round));
    store.push(await phase('store', phaseSeconds, round));
    withoutHeads.push(await phase('store-without-heads', phaseSeconds, round));
    sealed.push(await phase('store-sealed', phaseSeconds, round));
    freeText.push(await phase('store-free-text', phaseSeconds, round));
    console.log(
      `round ${round + 1}/${rounds}: raw INSERT ${Math.round(raw[round] as number)}/s, ` +
        `INSERT with the events table's indexes ${Math.round(indexed[round] as number)}/s, ` +
        `appendToStream ${Math.round(store[round] as number)}/s, ` +
        `without the stream heads ${Math.round(withoutHeads[round] as number)}/s, ` +
        `with a sealed personal field ${Math.round(sealed[round] as number)}/s, ` +
        `with a sealed free text ${Math.round(freeText[round] as number)}/s`,
    );
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const value = mean(store);
  const baseline = mean(raw);
  console.log(`appendToStream: ${Math.round(value)} appends/s (${writers} writers, 1 event per append)`);
  console.log(`raw INSERT:     ${Math.round(baseline)} inserts/s (same rows, plain table)`);
  console.log(
    `same INSERT into a table with the events table's 3 unique/ordering indexes: ${Math.round(mean(indexed))}/s ` +
      `(appendToStream = ${(value / mean(indexed)).toFixed(3)} of it)`,
  );
  console.log(
    `appendToStream without the stream-head trigger: ${Math.round(mean(withoutHeads))}/s ` +
      `(the heads cost ${((1 - value / mean(withoutHeads)) * 100).toFixed(1)} %)`,
  );
  console.log(
    `appendToStream of events with a sealed personal field: ${Math.round(mean(sealed))}/s ` +
      `(sealing costs ${((1 - mean(sealed) / value) * 100).toFixed(1)} % of such an append)`,
  );
  console.log(
    `appendToStream of events with a free text: ${Math.round(mean(freeText))}/s ` +
      `(sealing costs ${((1 - mean(freeText) / value) * 100).toFixed(1)} % of such an append)`,
  );
  console.log(`ratio:          ${(value / baseline).toFixed(3)} (goal ≥ 0.7)`);
  report({
    name: 'append',
    value,
    unit: 'appends/s',
    baseline,
    ratio: value / baseline,
    goal: 'appends/s ≥ 0.7 × raw INSERTs/s of the same rows, 8 writers',
    met: value / baseline >= 0.7,
    details: {
      writers,
      phaseSeconds,
      rounds,
      raw,
      indexed,
      store,
      withoutHeads,
      sealed,
      freeText,
      indexedBaseline: mean(indexed),
    },
  });
} finally {
  await bench.close();
}
