import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import type { ScenarioAppend } from '../test/fixtures/scenarios';

/**
 * Appends many scripted appends in one statement through the store's own SQL function
 * `append_events` (optimistic concurrency, idempotency, hash chain), without the projections —
 * for loading an event store quickly; rebuild the projections afterwards.
 */
export async function loadAppends(db: Kysely<Database>, appends: ScenarioAppend[]): Promise<void> {
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
