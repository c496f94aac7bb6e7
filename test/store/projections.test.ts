import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { appendToStream, type NewEvent, type RecordedEvent, readStream } from '../../db/event-store';
import { inlineProjections } from '../../db/projections/index';
import type { InlineProjection } from '../../db/projections/inline';
import { rebuildProjections } from '../../db/projections/rebuild';
import { type AccreditationState, evolve, initialState } from '../../domain/accreditation';
import type { AccreditationEvent } from '../../domain/events';
import { openTasks } from '../../domain/tasks';
import { dueTimers } from '../../domain/timers';
import {
  applicant,
  caseManager,
  command,
  decisionMaker,
  newCase,
  validCertificateNumber,
} from '../domain/support';
import { accreditationScenario } from '../fixtures/scenarios';
import { testDatabaseRoles } from '../support/global-setup';
import { projectionSnapshot } from '../support/projection-snapshot';
import { useTestStack } from '../support/stack';

const stack = useTestStack({ temporal: false, maxConnections: 12 });

function event(type: string, data: unknown): NewEvent {
  return {
    type,
    data,
    metadata: { actorId: 'user-1', actorRole: 'staff' },
    businessTime: '2026-01-01T10:00:00.000Z',
    idempotencyKey: randomUUID(),
  };
}

describe('inline projection mechanism', () => {
  // A synthetic projection: counts Deposited amounts per stream; throws on a negative amount.
  const calls: string[][] = [];
  const balances: InlineProjection = {
    name: 'balances',
    canHandle: ['Deposited'],
    // biome-ignore lint/suspicious/noExplicitAny: a table of this test only
    tables: ['test_balances' as any],
    async apply(trx: Transaction<Database>, events: readonly RecordedEvent[]) {
      calls.push(events.map((e) => `${e.streamId}@${e.version}`));
      for (const e of events) {
        const amount = (e.data as { amount: number }).amount;
        if (amount < 0) throw new Error('negative deposit');
        await sql`INSERT INTO test_balances (stream_id, balance, version) VALUES (${e.streamId}, ${amount}, ${e.version})
                  ON CONFLICT (stream_id) DO UPDATE SET balance = test_balances.balance + excluded.balance,
                  version = excluded.version`.execute(trx);
      }
    },
  };
  const projections = [balances];
  const balance = async (streamId: string) =>
    (
      await sql<{
        balance: number;
        version: number;
      }>`SELECT balance, version FROM test_balances WHERE stream_id = ${streamId}`.execute(stack.db)
    ).rows[0];

  beforeAll(async () => {
    // A table is the schema owner's to make; the application writes it, as it writes projections.
    const { owner } = stack.database;
    await sql`CREATE TABLE test_balances (stream_id text PRIMARY KEY, balance int NOT NULL, version int NOT NULL)`.execute(
      owner,
    );
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON test_balances TO ${sql.id(testDatabaseRoles.app.name)}`.execute(
      owner,
    );
  });

  it('updates the projection in the append transaction, with only the events it handles', async () => {
    const { db } = stack;
    const id = `account-${randomUUID()}`;
    calls.length = 0;
    await appendToStream(
      db,
      id,
      0,
      [event('Opened', {}), event('Deposited', { amount: 5 }), event('Deposited', { amount: 7 })],
      {
        projections,
      },
    );
    expect(await balance(id)).toEqual({ balance: 12, version: 3 });
    expect(calls).toEqual([[`${id}@2`, `${id}@3`]]);
    await appendToStream(db, id, 3, [event('Renamed', {})], { projections });
    expect(calls).toHaveLength(1);
  });

  it('rolls back the events when a projection fails', async () => {
    const { db } = stack;
    const id = `account-${randomUUID()}`;
    await appendToStream(db, id, 0, [event('Deposited', { amount: 1 })], { projections });
    await expect(
      appendToStream(db, id, 1, [event('Deposited', { amount: 2 }), event('Deposited', { amount: -1 })], {
        projections,
      }),
    ).rejects.toThrow(/Projection balances failed: negative deposit/);
    expect(await readStream(db, id)).toHaveLength(1);
    expect(await balance(id)).toEqual({ balance: 1, version: 1 });
  });

  it('does not apply an idempotent retry twice', async () => {
    const { db } = stack;
    const id = `account-${randomUUID()}`;
    const deposit = event('Deposited', { amount: 10 });
    await appendToStream(db, id, 0, [deposit], { projections });
    const retry = await appendToStream(db, id, 0, [deposit], { projections });
    expect(retry.duplicate).toBe(true);
    expect(await balance(id)).toEqual({ balance: 10, version: 1 });
  });

  it('joins the caller’s transaction when given one', async () => {
    const { db } = stack;
    const id = `account-${randomUUID()}`;
    await expect(
      db.transaction().execute(async (trx) => {
        await appendToStream(trx, id, 0, [event('Deposited', { amount: 3 })], { projections });
        expect((await readStream(trx, id)).length).toBe(1);
        throw new Error('caller aborts');
      }),
    ).rejects.toThrow('caller aborts');
    expect(await readStream(db, id)).toHaveLength(0);
    expect(await balance(id)).toBeUndefined();
  });

  it('rebuilds its table from the events', async () => {
    const { db } = stack;
    const before = (await sql`SELECT * FROM test_balances ORDER BY stream_id`.execute(db)).rows;
    await sql`UPDATE test_balances SET balance = 0`.execute(db);
    const result = await rebuildProjections(db, { projections, batchSize: 2 });
    expect(result.projections).toEqual(['balances']);
    expect((await sql`SELECT * FROM test_balances ORDER BY stream_id`.execute(db)).rows).toEqual(before);
  });

  it('leaves the tables as they were when a rebuild pass fails while the next batch is on its way', async () => {
    const { db } = stack;
    const before = (await sql`SELECT * FROM test_balances ORDER BY stream_id`.execute(db)).rows;
    expect(before.length).toBeGreaterThan(0);
    let batches = 0;
    const failingOnTheSecondWrite: InlineProjection = {
      ...balances,
      startRebuild: () => ({
        fold(events) {
          const stream = events[0]?.streamId ?? 'none';
          const balance = ++batches === 2 ? null : events.length;
          return async (trx) => {
            await sql`INSERT INTO test_balances (stream_id, balance, version) VALUES (${stream}, ${balance}, 0)
                      ON CONFLICT (stream_id) DO NOTHING`.execute(trx);
          };
        },
      }),
    };
    await expect(
      rebuildProjections(db, { projections: [failingOnTheSecondWrite], batchSize: 1 }),
    ).rejects.toThrow(/Projection balances failed: .*null value/);
    expect(batches).toBeGreaterThan(2);
    expect((await sql`SELECT * FROM test_balances ORDER BY stream_id`.execute(db)).rows).toEqual(before);
  });
});

const extendedScope = 'IT-Servicemanagement und Servicedesk, Standorte Musterstadt und Beispielheim';

/** One case granted, then its scope extended (approved by staff, granted by a decision maker). */
function scopeChangedCase() {
  const scopeChangeId = 'cycle-1:scope-change-1';
  const granted = newCase()
    .accredited()
    .do(
      command('ApplyScopeChange', { kind: 'extension', scope: extendedScope, reason: 'Zweiter Standort' }),
      applicant,
    )
    .do(command('AssessScopeChange', { scopeChangeId, assessment: { method: 'approve' } }), caseManager)
    .do(command('DecideScopeChange', { scopeChangeId, granted: true, reason: 'geprüft' }), decisionMaker);
  if (granted.state.status === 'none') throw new Error('not opened');
  return {
    streamId: `accreditation-${granted.state.accreditationId}`,
    expectedVersion: 0,
    events: granted.events.map((domainEvent) => event(domainEvent.type, domainEvent.data)),
  };
}

describe('accreditation projections', () => {
  const cases = 260;
  let appended = 0;
  let streams: string[] = [];

  beforeAll(async () => {
    const { db } = stack;
    // Eight lanes append concurrently; each stream stays in one lane, in order.
    const lanes: { streamId: string; expectedVersion: number; events: NewEvent[] }[][] = Array.from(
      { length: 8 },
      () => [],
    );
    const laneOf = new Map<string, number>();
    for (const append of accreditationScenario({ cases, seed: 42, maxEvents: 5_000 })) {
      if (!laneOf.has(append.streamId)) laneOf.set(append.streamId, laneOf.size % lanes.length);
      lanes[laneOf.get(append.streamId) as number]?.push(append);
      appended += append.events.length;
    }
    const scopeChanged = scopeChangedCase();
    lanes[0]?.push(scopeChanged);
    appended += scopeChanged.events.length;
    streams = [...laneOf.keys(), scopeChanged.streamId];
    await Promise.all(
      lanes.map(async (lane) => {
        for (const append of lane)
          await appendToStream(db, append.streamId, append.expectedVersion, append.events, {
            projections: inlineProjections,
          });
      }),
    );
  }, 120_000);

  it('keeps one row per case, derived from the folded domain state', async () => {
    const { db } = stack;
    expect(appended).toBeGreaterThanOrEqual(5_000);
    const rows = await db.selectFrom('accreditations').selectAll().execute();
    expect(rows).toHaveLength(streams.length);
    expect(streams.length).toBeGreaterThan(cases * 0.9);
    const statuses = new Set(rows.map((row) => row.status));
    expect(statuses.size).toBeGreaterThan(5);
    for (const status of ['accredited', 'expired', 'refused']) {
      expect(statuses).toContain(status);
    }

    for (const streamId of streams.slice(0, 25)) {
      const events = await readStream(db, streamId);
      const state = events.reduce<AccreditationState>(
        (s, e) => evolve(s, { type: e.type, data: e.data } as AccreditationEvent),
        initialState(),
      );
      if (state.status === 'none') throw new Error('not opened');
      const row = rows.find((r) => r.stream_id === streamId);
      expect(row?.state).toEqual(JSON.parse(JSON.stringify(state)));
      expect(row).toMatchObject({
        status: state.status,
        organisation_name: state.organisationName,
        version: events.length,
        certificate_number: state.certificate?.certificateNumber ?? null,
        next_deadline_kind: dueTimers(state)[0]?.kind ?? null,
      });
      const tasks = await db
        .selectFrom('tasks')
        .select('task_id')
        .where('stream_id', '=', streamId)
        .execute();
      expect(tasks.map((t) => t.task_id).sort()).toEqual(
        openTasks(state)
          .map((t) => t.id)
          .sort(),
      );
      const deadlines = await db
        .selectFrom('deadlines')
        .select('deadline_id')
        .where('stream_id', '=', streamId)
        .execute();
      expect(deadlines.map((d) => d.deadline_id).sort()).toEqual(
        dueTimers(state)
          .map((t) => t.id)
          .sort(),
      );
    }
  });

  it('counts the cases entering and leaving each status by month: summed up, the cases in each status now', async () => {
    const { db } = stack;
    const now = await db
      .selectFrom('accreditations')
      .select(['status', (eb) => eb.fn.countAll<number>().as('cases')])
      .groupBy('status')
      .execute();
    const summed = await db
      .selectFrom('stage_months')
      .select(['status', (eb) => eb.fn.sum<number>('cases').as('cases')])
      .groupBy('status')
      .having((eb) => eb.fn.sum('cases'), '<>', 0)
      .execute();
    const byStatus = (rows: { status: string; cases: number | string }[]) =>
      Object.fromEntries(rows.map((row) => [row.status, Number(row.cases)]));
    expect(byStatus(summed)).toEqual(byStatus(now));
    const months = await db
      .selectFrom('stage_months')
      .select((eb) => eb.fn.count<number>('month').distinct().as('months'))
      .executeTakeFirstOrThrow();
    expect(Number(months.months)).toBeGreaterThan(12);
  });

  it('lists certificates in the public register without personal data, and the outbox', async () => {
    const { db } = stack;
    const register = await db.selectFrom('certificates').selectAll().execute();
    expect(register.length).toBeGreaterThan(100);
    const statuses = new Set(register.map((c) => c.status));
    expect(statuses).toContain('valid');
    expect(statuses).toContain('expired');
    for (const status of statuses) expect(['valid', 'suspended', 'withdrawn', 'expired']).toContain(status);
    expect(Object.keys(register[0] ?? {}).sort()).toEqual(
      [
        'certificate_number',
        'organisation_name',
        'scope',
        'status',
        'stream_id',
        'updated_at',
        'valid_from',
        'valid_until',
      ].sort(),
    );
    const accredited = await db
      .selectFrom('accreditations')
      .select(['certificate_number'])
      .where('status', '=', 'accredited')
      .execute();
    const valid = new Set(register.filter((c) => c.status === 'valid').map((c) => c.certificate_number));
    for (const row of accredited) expect(valid).toContain(row.certificate_number);
    // A granted scope change: the register states the new scope, the number and validity stay.
    expect(register.find((c) => c.certificate_number === validCertificateNumber)).toMatchObject({
      status: 'valid',
      scope: extendedScope,
    });
    expect(register.every((c) => c.scope.length > 0)).toBe(true);

    const outbox = await db.selectFrom('notifications').selectAll().execute();
    expect(outbox.length).toBeGreaterThan(300);
    expect(outbox.every((n) => n.status === 'pending')).toBe(true);
    const kinds = new Set(outbox.map((n) => n.kind));
    for (const kind of ['accreditation_granted', 'self_assessment_reminder_sent', 'lead_auditor_assigned']) {
      expect(kinds).toContain(kind);
    }
  });

  it('rebuilds projections equal, row by row, to the live ones', async () => {
    const { db } = stack;
    // The dispatcher has sent some notifications: a rebuild must keep that.
    await sql`UPDATE notifications SET status = 'sent', sent_at = '2026-06-01T00:00:00Z', attempts = 1
              WHERE notification_id IN (SELECT notification_id FROM notifications ORDER BY notification_id LIMIT 50)`.execute(
      db,
    );
    const live = await projectionSnapshot(db);
    // Damage the read model; the rebuild must not care.
    await sql`DELETE FROM tasks WHERE stream_id IN (SELECT stream_id FROM tasks LIMIT 20)`.execute(db);
    await sql`UPDATE accreditations SET status = 'withdrawn', state = '{}'`.execute(db);
    await sql`UPDATE stage_months SET cases = 0`.execute(db);
    await sql`DELETE FROM notifications WHERE status = 'pending' AND notification_id LIKE 'accreditation-a%'`.execute(
      db,
    );

    const progress: number[] = [];
    const result = await rebuildProjections(db, {
      batchSize: 1_000,
      onProgress: (p) => progress.push(p.processed),
    });
    expect(result.events).toBe(appended);
    expect(progress.at(-1)).toBe(appended);
    expect(progress.length).toBeGreaterThan(3);

    const rebuilt = await projectionSnapshot(db);
    expect(rebuilt.accreditations).toEqual(live.accreditations);
    expect(rebuilt.tasks).toEqual(live.tasks);
    expect(rebuilt.deadlines).toEqual(live.deadlines);
    expect(rebuilt.certificates).toEqual(live.certificates);
    expect(rebuilt.stageMonths).toEqual(live.stageMonths);
    expect(rebuilt.notifications).toEqual(live.notifications);
  });

  it('rebuilds and verifies from the command line', () => {
    const env = { ...process.env, DATABASE_URL: stack.database.url };
    const rebuild = spawnSync('npx', ['tsx', 'scripts/rebuild-projections.ts'], { env, encoding: 'utf8' });
    expect(rebuild.status, rebuild.stderr).toBe(0);
    expect(rebuild.stdout).toMatch(new RegExp(`${appended}/${appended} events \\(100 %\\)`));
    expect(rebuild.stdout).toMatch(/Rebuilt accreditations, case_files, complaints from \d+ events/);

    const verify = spawnSync('npx', ['tsx', 'scripts/verify-events.ts'], { env, encoding: 'utf8' });
    expect(verify.status, verify.stderr).toBe(0);
    const [, events, streamCount] = /OK: (\d+) events in (\d+) streams/.exec(verify.stdout) ?? [];
    expect(Number(events)).toBeGreaterThanOrEqual(appended);
    expect(Number(streamCount)).toBeGreaterThanOrEqual(streams.length);
  });

  it('verify names the tampered event and exits non-zero', async () => {
    // Only the schema's owner can disable the append-only trigger.
    const db = stack.database.owner;
    const target = streams[7] as string;
    await sql`ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete`.execute(db);
    await sql`UPDATE events SET data = jsonb_set(data, '{organisationName}', '"Fälscher GmbH"')
              WHERE stream_id = ${target} AND stream_version = 1`.execute(db);
    await sql`ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete`.execute(db);
    const verify = spawnSync('npx', ['tsx', 'scripts/verify-events.ts'], {
      env: { ...process.env, DATABASE_URL: stack.database.url },
      encoding: 'utf8',
    });
    expect(verify.status).toBe(1);
    expect(verify.stderr).toContain(`First tampered event: hash-mismatch at stream ${target} version 1`);
    expect(verify.stderr).toMatch(/expected [0-9a-f]{64}, found [0-9a-f]{64}/);
  });
});
