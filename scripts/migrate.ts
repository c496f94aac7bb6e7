/** Applies pending migrations to DATABASE_URL (production deploys; `npm start` migrates itself). */
import { ConfigError, databaseUrlOf, loadEnv } from '../config/env';
import { createDb } from '../db/connection';
import { migrateToLatest } from '../db/migrate';

try {
  const db = createDb(databaseUrlOf(loadEnv()), { maxConnections: 1 });
  const applied = await migrateToLatest(db);
  await db.destroy();
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Up to date.');
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
