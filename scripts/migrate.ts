/**
 * Applies pending migrations as the schema owner (MIGRATION_DATABASE_URL, else DATABASE_URL) and
 * grants the application role (DATABASE_URL's user, when it is another) its rights: production
 * deploys; `npm start` migrates itself.
 */
import { applicationRoleOf, ConfigError, loadEnv, migrationDatabaseUrlOf } from '../config/env';
import { createDb } from '../db/connection';
import { migrateAndGrant } from '../db/roles';

try {
  const env = loadEnv();
  const db = createDb(migrationDatabaseUrlOf(env), { maxConnections: 1 });
  const app = applicationRoleOf(env);
  const applied = await migrateAndGrant(db, app);
  await db.destroy();
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Up to date.');
  console.log(
    app
      ? `Rights of the application role ${app} granted.`
      : 'One role for the application and the migrations.',
  );
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
