/**
 * Least-privilege database roles (issue 22, item 3): the application role reads and appends to
 * the history and may never change it — not by UPDATE, DELETE or TRUNCATE, nor by disabling the
 * append-only triggers, which only the tables' owner could do. Test databases are made as
 * production's are (test/support/global-setup.ts): owned by the owner role, which migrated them.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../db/connection';
import type { Database } from '../../db/database';
import { appendToStream, type NewEvent, readStream } from '../../db/event-store';
import { migrateToLatest } from '../../db/migrate';
import { rebuildProjections } from '../../db/projections/rebuild';
import { migrateAndGrant, transferOwnership } from '../../db/roles';
import { verifyHashChains } from '../../db/verify';
import { roleUrl, testDatabaseRoles } from '../support/global-setup';
import { useTestStack } from '../support/stack';

const stack = useTestStack({ temporal: false });

const event = (type: string): NewEvent => ({
  type,
  data: { note: type },
  metadata: { actorId: 'user-1', actorRole: 'staff' },
  businessTime: '2026-01-01T10:00:00.000Z',
  idempotencyKey: randomUUID(),
});

/** What the application role must be refused on the tables of the history. */
const forbidden = (table: string, where: string) => [
  sql.raw(`UPDATE ${table} SET ${where === '' ? 'sha256 = sha256' : 'data = data'} ${where}`),
  sql.raw(`DELETE FROM ${table} ${where}`),
  sql.raw(`TRUNCATE ${table}`),
  sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER ALL`),
  sql.raw(`ALTER TABLE ${table} OWNER TO ${testDatabaseRoles.app.name}`),
  sql.raw(`DROP TABLE ${table}`),
];

/** The application role may do what it must, and nothing to the history. */
async function expectLeastPrivilege(app: Kysely<Database>) {
  const id = `roles-${randomUUID()}`;
  await appendToStream(app, id, 0, [event('Opened'), event('Decided')]);
  const head = await app.selectFrom('streams').selectAll().where('stream_id', '=', id).executeTakeFirst();
  expect(head).toMatchObject({ version: 2 });

  for (const statement of forbidden('events', `WHERE stream_id = '${id}'`)) {
    await expect(statement.execute(app)).rejects.toThrow(/permission denied|must be owner/);
  }
  for (const statement of forbidden('dossiers', '')) {
    await expect(statement.execute(app)).rejects.toThrow(/permission denied|must be owner/);
  }
  await expect(
    app.updateTable('streams').set({ version: 9 }).where('stream_id', '=', id).execute(),
  ).rejects.toThrow(/permission denied/);
  await expect(sql`CREATE TABLE shadow_events (id int)`.execute(app)).rejects.toThrow(/permission denied/);
  await expect(sql`SET session_replication_role = replica`.execute(app)).rejects.toThrow(/permission denied/);

  // Nothing changed, and the chain holds.
  expect(await readStream(app, id)).toHaveLength(2);
  expect((await verifyHashChains(app)).ok).toBe(true);
  // Projections are derived: the application may rebuild them (TRUNCATE, LOCK) from the events.
  await expect(rebuildProjections(app)).resolves.toBeDefined();
}

describe('least-privilege database roles (issue 22, item 3)', () => {
  it('the application role appends and reads, and is refused UPDATE, DELETE, TRUNCATE and DISABLE TRIGGER on the history', async () => {
    const { rows } = await sql<{ user: string }>`SELECT current_user AS user`.execute(stack.db);
    expect(rows[0]?.user).toBe(testDatabaseRoles.app.name);
    await expectLeastPrivilege(stack.db);
    // The owner may disable a trigger (which is why the application must not be the owner).
    const owner = stack.database.owner;
    await sql`ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete`.execute(owner);
    await sql`ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete`.execute(owner);
  });

  describe('a database migrated by the superuser before the roles existed', () => {
    const serverUrl = inject('postgresServerUrl');
    const name = `dim_test_legacy_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const opened: Kysely<Database>[] = [];
    const open = (url: string) => {
      const db = createDb(url, { maxConnections: 2 });
      opened.push(db);
      return db;
    };
    afterAll(async () => {
      await Promise.all(opened.map((db) => db.destroy()));
      const admin = createDb(serverUrl, { maxConnections: 1 });
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
    });

    it('is handed over to the owner role, and the application role is held to its rights', async () => {
      const admin = open(serverUrl);
      await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
      const superuser = open(
        roleUrl(serverUrl, name, {
          name: new URL(serverUrl).username,
          password: decodeURIComponent(new URL(serverUrl).password),
        }),
      );
      await migrateToLatest(superuser);
      await appendToStream(superuser, `legacy-${randomUUID()}`, 0, [event('Opened')]);

      await transferOwnership(superuser, testDatabaseRoles.owner.name);
      await sql`GRANT CONNECT ON DATABASE ${sql.id(name)} TO ${sql.id(testDatabaseRoles.app.name)}`.execute(
        admin,
      );
      const owner = open(roleUrl(serverUrl, name, testDatabaseRoles.owner));
      expect(await migrateAndGrant(owner, testDatabaseRoles.app.name)).toEqual([]);

      const { rows } = await sql<{ owner: string }>`
        SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'`.execute(owner);
      expect(rows).toEqual([{ owner: testDatabaseRoles.owner.name }]);
      await expectLeastPrivilege(open(roleUrl(serverUrl, name, testDatabaseRoles.app)));
    });
  });
});
