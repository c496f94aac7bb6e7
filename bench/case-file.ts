/**
 * The case file: `GET /accreditations/{id}/file` of a case with 300 events (goal p95 ≤ 20 ms), and
 * the same "as of" an instant on a stream of 2 000 events (goal p95 ≤ 50 ms), among the
 * dashboard's 100 000 cases (seeded as bench/dashboard.ts seeds them, case files included). Each
 * request is measured against its own SQL sent raw through node-postgres, alternately: the row
 * lookup for the file, the stream read for "as of".
 *
 * The two long cases are scripted histories of the real decider (bench/long-case.ts: cycle after
 * cycle of audit, findings, grant, self-assessments, renewal, now and then a complaint) appended
 * through the store with the inline projections, one append per step; each step's append is timed with and without the case-file projection,
 * alternately, for what keeping the case file costs per step.
 *
 *   npm run bench -- case-file [--scale 0.05]
 */
import { Client } from '@temporalio/client';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { readStreamAsOf } from '../db/as-of';
import { readCaseFile } from '../db/case-file';
import type { Database } from '../db/database';
import { saveDocument } from '../db/documents';
import { appendToStream, type NewEvent } from '../db/event-store';
import { insertOrganisationOnce } from '../db/identity';
import { accreditationProjection } from '../db/projections/accreditation';
import { inlineProjections } from '../db/projections/index';
import { longCase } from '../test/fixtures/long-case';
import type { ScenarioAppend } from '../test/fixtures/scenarios';
import type { TestUser } from '../test/fixtures/users';
import { type BenchApi, expectStatus, startBenchApi } from './api';
import { seedAccreditations } from './seed';
import { benchDatabase } from './servers';
import { formatLatency, type LatencySummary, report, scaled, summarise } from './support';

const accreditations = scaled(100_000, 1_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? scaled(300, 50));
const goals = { file: 20, asOf: 50 };

const bench = await benchDatabase(8);
const { db } = bench;
let api: BenchApi | undefined;
const raw = new pg.Pool({ connectionString: bench.url, max: 2 });
raw.on('error', () => {});

/** The people and documents the scripted histories name, as real users and uploads. */
async function castOfScripts(db: Kysely<Database>) {
  await insertOrganisationOnce(db, 'org-1', {
    name: 'Muster IT-Service GmbH org-1',
    street: 'Hauptstraße 5',
    postal_code: '80331',
    city: 'München',
    country: 'DE',
    contact_email: 'kontakt@musterdienst.example',
    language: 'de',
  });
  const people = [
    ['staff-anna', 'staff', null],
    ['staff-bernd', 'staff', null],
    ['dm-dora', 'decision_maker', null],
    ['auditor-rita', 'auditor', null],
    ['auditor-lars', 'auditor', null],
    ['user-org-1', 'organisation', 'org-1'],
  ] as const;
  for (const [userId, role, organisationId] of people) {
    await db
      .insertInto('users')
      .values({
        user_id: userId,
        email: `${userId}@bench.example`,
        name: userId,
        role,
        organisation_id: organisationId,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const uploader = await db
    .selectFrom('users')
    .selectAll()
    .where('user_id', '=', 'user-org-1')
    .executeTakeFirstOrThrow();
  const documents = new Map<string, string>();
  for (const name of ['doc-process-description', 'doc-itsm-policy', 'doc-security-policy', 'doc-x']) {
    const content = Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`);
    const stored = await saveDocument(
      db,
      { kind: 'database' },
      {
        content,
        mediaType: 'application/pdf',
        filename: `${name}.pdf`,
        uploadedBy: uploader,
      },
      Number.MAX_SAFE_INTEGER,
    );
    documents.set(name, stored.sha256);
  }
  return documents;
}

/** The history with the documents the store holds under their SHA-256. */
function withDocuments(appends: ScenarioAppend[], documents: Map<string, string>): ScenarioAppend[] {
  return appends.map((append) => {
    let text = JSON.stringify(append.events);
    for (const [name, sha256] of documents) text = text.replaceAll(`"${name}"`, `"${sha256}"`);
    return { ...append, events: JSON.parse(text) as NewEvent[] };
  });
}

/**
 * Appends a case step by step through the store. Alternately, the same step of a copy of the
 * case is appended without the case-file projection: the difference is what the case file costs.
 */
async function appendCase(appends: ScenarioAppend[], copy: ScenarioAppend[]) {
  const withFile: number[] = [];
  const withoutFile: number[] = [];
  for (const [index, append] of appends.entries()) {
    let t0 = performance.now();
    await appendToStream(db, append.streamId, append.expectedVersion, append.events, {
      projections: inlineProjections,
    });
    withFile.push(performance.now() - t0);
    const other = copy[index] as ScenarioAppend;
    t0 = performance.now();
    await appendToStream(db, other.streamId, other.expectedVersion, other.events, {
      projections: [accreditationProjection],
    });
    withoutFile.push(performance.now() - t0);
  }
  const streamId = appends[0]?.streamId as string;
  return { streamId, accreditationId: streamId.slice('accreditation-'.length), withFile, withoutFile };
}

/** Endpoint and raw SQL, request by request, alternately. */
async function measure(call: () => Promise<void>, rawQuery: () => Promise<unknown>, n: number) {
  const endpoint: number[] = [];
  const rawSql: number[] = [];
  for (let i = 0; i < Math.min(20, n); i++) {
    await call();
    await rawQuery();
  }
  for (let i = 0; i < n; i++) {
    let t0 = performance.now();
    await call();
    endpoint.push(performance.now() - t0);
    t0 = performance.now();
    await rawQuery();
    rawSql.push(performance.now() - t0);
  }
  return { endpoint: summarise(endpoint), rawSql: summarise(rawSql) };
}

/** The text of the one statement `read` sends (its parameters are given anew at each call). */
async function capturedSql(read: (capturing: Kysely<Database>) => Promise<unknown>): Promise<string> {
  const statements: string[] = [];
  const capturing = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: bench.url, max: 1 }) }),
    log: (event) => {
      if (event.level === 'query') statements.push(event.query.sql);
    },
  });
  try {
    await read(capturing);
  } finally {
    await capturing.destroy();
  }
  if (statements.length !== 1) throw new Error(`expected one statement, got ${statements.length}`);
  return statements[0] as string;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);

try {
  api = await startBenchApi(db, new Client(), 'unused');
  const benchApi = api;
  const staffUsers = await Promise.all(Array.from({ length: 20 }, () => benchApi.user('staff')));
  const auditors = await Promise.all(Array.from({ length: 50 }, () => benchApi.user('auditor')));
  let started = performance.now();
  await seedAccreditations(db, {
    accreditations,
    staffIds: staffUsers.map((user) => user.id),
    auditorIds: auditors.map((user) => user.id),
    caseFiles: true,
  });
  console.log(
    `seeded ${accreditations} accreditations with case files in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  started = performance.now();
  const documents = await castOfScripts(db);
  const script = (id: number, events: number) =>
    withDocuments(longCase(`00000000-0000-4000-8000-${String(id).padStart(12, '0')}`, events), documents);
  // Each twice, the second copy (its own ids) appended without the case-file projection.
  const short = await appendCase(script(300, 300), script(301, 300));
  const long = await appendCase(script(2000, 2_000), script(2001, 2_000));
  const appendsWith = [...short.withFile, ...long.withFile];
  const appendsWithout = [...short.withoutFile, ...long.withoutFile];
  console.log(
    `appended 2 scripted cases (${short.withFile.length} and ${long.withFile.length} steps) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const [name, appended] of [
    ['300-event case', short],
    ['2 000-event case', long],
  ] as const) {
    console.log(
      `  append per step, ${name}: ${mean(appended.withFile).toFixed(2)} ms with the case-file projection, ${mean(appended.withoutFile).toFixed(2)} ms without (mean)`,
    );
  }

  const staff = staffUsers[0] as TestUser;
  const organisation = await benchApi.user('organisation', { organisationId: 'org-1' });
  const sizes = await raw.query(
    `SELECT a.accreditation_id, a.version, length(c.file::text) AS bytes FROM accreditations a
     JOIN case_files c USING (stream_id) WHERE a.accreditation_id = ANY($1)`,
    [[short.accreditationId, long.accreditationId]],
  );
  for (const row of sizes.rows)
    console.log(`  case ${row.accreditation_id}: ${row.version} events, file ${row.bytes} bytes`);

  // The SQL the endpoint sends, as Kysely compiles it, for the raw baseline.
  const fileQuery = await capturedSql((capturing) =>
    readCaseFile(capturing, short.accreditationId, staff.id),
  );
  const eventsQuery = await capturedSql((capturing) => readStreamAsOf(capturing, long.streamId, new Date()));
  const get = (user: TestUser, path: string) => async () => {
    const response = await benchApi.call(user, 'GET', path);
    expectStatus(response, 200, path);
  };
  const fileOfShort = `/accreditations/${short.accreditationId}/file`;
  const fileAsStaff = await measure(
    get(staff, fileOfShort),
    () => raw.query(fileQuery, [short.accreditationId, staff.id]),
    iterations,
  );
  const fileAsOrganisation = await measure(
    get(organisation, fileOfShort),
    () => raw.query(fileQuery, [short.accreditationId, organisation.id]),
    iterations,
  );

  // "As of" instants across the long stream (each the recorded time of an event, drawn at random),
  // and the last one, where all 2 000 events are read and folded.
  const times = await raw.query(
    `SELECT (recorded_time + interval '1 ms') AS at FROM events WHERE stream_id = $1 ORDER BY stream_version`,
    [long.streamId],
  );
  const instants = times.rows.map((row: { at: Date }) => row.at.toISOString());
  // A fixed sequence of positions over the stream (a linear congruential walk), the same every run.
  let drawn = 0;
  const random = () => {
    drawn = (drawn * 7919 + 104_729) % instants.length;
    return instants[drawn] as string;
  };
  const atRandom = (path: string) => {
    let instant = random();
    return {
      call: async () => {
        instant = random();
        await get(staff, `${path}?asOf=${encodeURIComponent(instant)}`)();
      },
      raw: () => raw.query(eventsQuery, [long.streamId, new Date(instant)]),
    };
  };
  const fileAtRandom = atRandom(`/accreditations/${long.accreditationId}/file`);
  const fileAsOf = await measure(fileAtRandom.call, fileAtRandom.raw, iterations);
  const caseAtRandom = atRandom(`/accreditations/${long.accreditationId}`);
  const caseAsOf = await measure(caseAtRandom.call, caseAtRandom.raw, iterations);
  const last = instants[instants.length - 1] as string;
  const lastQuery = `?asOf=${encodeURIComponent(last)}`;
  const fileAsOfLast = await measure(
    get(staff, `/accreditations/${long.accreditationId}/file${lastQuery}`),
    () => raw.query(eventsQuery, [long.streamId, new Date(last)]),
    iterations,
  );
  const fileOfLong = await measure(
    get(staff, `/accreditations/${long.accreditationId}/file`),
    () => raw.query(fileQuery, [long.accreditationId, staff.id]),
    iterations,
  );

  const show = (what: string, result: { endpoint: LatencySummary; rawSql: LatencySummary }) => {
    console.log(what);
    console.log(`  endpoint: ${formatLatency(result.endpoint)}`);
    console.log(`  raw SQL:  ${formatLatency(result.rawSql)}`);
  };
  show(`case file, ${short.withFile.length} steps (300 events), as staff`, fileAsStaff);
  show('  the same as the organisation (visibility query, filtered file)', fileAsOrganisation);
  show('case file of the 2 000-event case, now', fileOfLong);
  show('case file as of an instant on the 2 000-event stream (random instants)', fileAsOf);
  show('  the case (GET /accreditations/{id}) as of the same instants', caseAsOf);
  show('  the case file as of its last event (all 2 000 folded)', fileAsOfLast);

  const machineDetails = {
    accreditations,
    iterations,
    appendMsWithCaseFile: mean(appendsWith),
    appendMsWithoutCaseFile: mean(appendsWithout),
    sizes: sizes.rows,
  };
  report({
    name: 'case-file',
    value: fileAsStaff.endpoint.p95,
    unit: 'ms',
    baseline: fileAsStaff.rawSql.p95,
    ratio: fileAsStaff.endpoint.p95 / fileAsStaff.rawSql.p95,
    goal: `case file of a case with 300 events, p95 ≤ ${goals.file} ms`,
    met: fileAsStaff.endpoint.p95 <= goals.file,
    details: { ...machineDetails, fileAsStaff, fileAsOrganisation, fileOfLong },
  });
  report({
    name: 'case-file-as-of',
    value: fileAsOf.endpoint.p95,
    unit: 'ms',
    baseline: fileAsOf.rawSql.p95,
    ratio: fileAsOf.endpoint.p95 / fileAsOf.rawSql.p95,
    goal: `case file as of an instant on a stream of 2 000 events, p95 ≤ ${goals.asOf} ms`,
    met: fileAsOf.endpoint.p95 <= goals.asOf,
    details: { ...machineDetails, fileAsOf, caseAsOf, fileAsOfLast },
  });
} finally {
  await api?.close();
  await raw.end();
  await bench.close();
}
