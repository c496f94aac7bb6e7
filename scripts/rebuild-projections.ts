/**
 * Rebuilds every inline projection (accreditations, tasks, deadlines, certificates, notifications
 * outbox) in DATABASE_URL from the events, printing progress. Appends that touch the projections
 * wait while it runs; readers see the old tables until it commits.
 *
 *   DATABASE_URL=postgres://… npx tsx scripts/rebuild-projections.ts
 */
import { ConfigError, databaseUrlOf, loadEnv } from '../config/env';
import { createDb } from '../db/connection';
import { rebuildProjections } from '../db/projections/rebuild';

try {
  const db = createDb(databaseUrlOf(loadEnv()), { maxConnections: 1 });
  let lastReport = 0;
  const result = await rebuildProjections(db, {
    onProgress: ({ processed, total, elapsedMs }) => {
      if (processed !== total && elapsedMs - lastReport < 1_000) return;
      lastReport = elapsedMs;
      const percent = total === 0 ? 100 : Math.floor((processed / total) * 100);
      console.log(`${processed}/${total} events (${percent} %) in ${(elapsedMs / 1000).toFixed(1)} s`);
    },
  }).finally(() => db.destroy());
  console.log(
    `Rebuilt ${result.projections.join(', ') || 'nothing (no projections registered)'} from ${result.events} events ` +
      `in ${(result.elapsedMs / 1000).toFixed(1)} s (${Math.round(result.eventsPerSecond)} events/s).`,
  );
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
