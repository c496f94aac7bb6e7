/**
 * Applies the retention period of ended cases (db/retention.ts) to DATABASE_URL: the cases that
 * ended (refused, withdrawn, expired) before the start of the year RETENTION_YEARS (default 6)
 * years back lose their documents and the organisation's name; an organisation none of whose cases
 * is kept is anonymised, with its people's accounts. The worker runs the same once a day.
 *
 *   npm run retention:apply [-- --dry-run]   (lists what would go, changes nothing)
 */
import { parseArgs } from 'node:util';
import { ConfigError, databaseUrlOf, loadEnv } from '../config/env';
import { createDb } from '../db/connection';
import { documentStorageOf } from '../db/documents';
import { applyRetention, describeRetention } from '../db/retention';

try {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
  const env = loadEnv();
  const db = createDb(databaseUrlOf(env), { maxConnections: 1 });
  const report = await applyRetention(db, {
    now: new Date(),
    years: env.RETENTION_YEARS,
    storage: documentStorageOf(env),
    dryRun: values['dry-run'],
  }).finally(() => db.destroy());
  console.log(describeRetention(report));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
