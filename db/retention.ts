/**
 * The retention period of ended cases (issue 22 item 6). A case that ended (refused, withdrawn,
 * expired) and whose workflow has nothing left to do (`isFinished`) passes its retention period at
 * `retentionCutoff`; then:
 *
 * - a `CaseDataErased` event is appended to its stream (through the inline projections): its fold
 *   replaces the organisation's name in the case, its tasks, the public register and the case
 *   file, so a projection rebuild, which replays that event after the ones naming the
 *   organisation, brings nothing back; the hash chain stays valid, as nothing is rewritten;
 * - the name is replaced in the case's notifications (the outbox is kept through a rebuild), and
 *   its decision dossiers are deleted (`erase_dossiers`, which only an erased case's may be);
 * - its free texts go: the key of its stream is deleted, and what the projections made of them is
 *   made anew (db/case-text-erasure.ts);
 * - the documents its events refer to, unless a case still kept refers to them, are deleted
 *   (bytes and upload records);
 * - once every case of an organisation is erased: the organisation's data is erased
 *   (`eraseOrganisationData`: its key deleted, so its name sealed in the events reads as a
 *   placeholder; its master data anonymised), its uploads not used by a kept case are deleted,
 *   and its people's accounts are erased as an erasure on request would (`erasePerson`);
 * - complaints closed before the cutoff lose their free texts, their complainants (with no
 *   complaint kept) their contact (db/complaint-retention.ts).
 *
 * Idempotent, so a run that stopped half-way is finished by the next; concurrent runs meet at the
 * stream's expected version.
 */
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { type AccreditationState, isFinished } from '../domain/accreditation';
import {
  erasedNameOf,
  erasedOrganisationName,
  erasedOrganisationNames,
  retentionCutoff,
} from '../domain/retention';
import { eraseCaseTexts } from './case-text-erasure';
import { eraseComplainant } from './complainants';
import {
  complainantsPastRetention,
  complaintsPastRetention,
  type ExpiredComplaint,
  eraseComplaint,
} from './complaint-retention';
import type { Database } from './database';
import { type DocumentStorage, withDocumentTables } from './documents';
import { appendToStream } from './event-store';
import { VersionConflict } from './event-types';
import type { IdentityActor } from './identity-events';
import { eraseOrganisationData } from './organisation-erasure';
import { erasedName, erasePerson } from './personal-data';
import { inlineProjections } from './projections/index';

export interface RetentionOptions {
  now: Date;
  years: number;
  storage: DocumentStorage;
  /** List what would go, change nothing. */
  dryRun?: boolean;
}

export interface ExpiredCase {
  accreditationId: string;
  streamId: string;
  organisationId: string;
  status: string;
  endedAt: string;
  version: number;
}

export interface RetentionReport {
  cutoff: string;
  years: number;
  dryRun: boolean;
  cases: ExpiredCase[];
  /** SHA-256 of the documents deleted (or, in a dry run, to be deleted). */
  documents: string[];
  /** Organisations whose master data was anonymised, with their people's accounts. */
  organisations: string[];
  accounts: string[];
  /** Closed complaints whose free texts were erased, and complainants whose contact was. */
  complaints: string[];
  complainants: string[];
}

const endedStatuses = ['refused', 'withdrawn', 'expired'] as const;
const retentionActor: IdentityActor = { id: 'system:retention', role: 'system' };

/** Ended, finished cases whose last event lies before the cutoff, not yet erased. */
export async function casesPastRetention(db: Kysely<Database>, cutoff: Date): Promise<ExpiredCase[]> {
  const rows = await db
    .selectFrom('accreditations')
    .select(['accreditation_id', 'stream_id', 'organisation_id', 'status', 'updated_at', 'version', 'state'])
    .where('status', 'in', endedStatuses)
    .where('updated_at', '<', cutoff)
    .where('organisation_name', 'not in', erasedOrganisationNames)
    .orderBy('updated_at')
    .execute();
  return rows
    .filter((row) => isFinished(row.state as AccreditationState))
    .map((row) => ({
      accreditationId: row.accreditation_id,
      streamId: row.stream_id,
      organisationId: row.organisation_id,
      status: row.status,
      endedAt: row.updated_at.toISOString(),
      version: row.version,
    }));
}

/** The documents (SHA-256) the events of the streams refer to, wherever in an event they are named. */
function documentsReferredBy(db: Kysely<Database>, streams: { in: string[] } | { notIn: string[] }) {
  const inStreams =
    'in' in streams
      ? sql`e.stream_id = ANY (${streams.in}::text[])`
      : sql`e.stream_id LIKE 'accreditation-%' AND NOT e.stream_id = ANY (${streams.notIn}::text[])
            AND NOT EXISTS (SELECT 1 FROM accreditations a WHERE a.stream_id = e.stream_id
                            AND a.organisation_name = ANY (${erasedOrganisationNames}::text[]))`;
  return sql<{ sha256: string }>`
    SELECT DISTINCT jsonb_path_query(e.data, 'lax $.**.documentIds[*]') #>> '{}' AS sha256
      FROM events e WHERE ${inStreams}`
    .execute(db)
    .then((result) => new Set(result.rows.map((row) => row.sha256)));
}

/** Organisations with at least one case, every one of them erased (or about to be), not yet anonymised. */
async function organisationsPastRetention(db: Kysely<Database>, erasing: readonly ExpiredCase[]) {
  const erasingIds = erasing.map((expired) => expired.streamId);
  const rows = await db
    .selectFrom('organisations as o')
    .select('o.organisation_id')
    .where('o.name', 'not in', erasedOrganisationNames)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('accreditations as a')
          .select('a.stream_id')
          .whereRef('a.organisation_id', '=', 'o.organisation_id'),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('accreditations as a')
            .select('a.stream_id')
            .whereRef('a.organisation_id', '=', 'o.organisation_id')
            .where('a.organisation_name', 'not in', erasedOrganisationNames)
            .where(sql<boolean>`NOT a.stream_id = ANY (${erasingIds}::text[])`),
        ),
      ),
    )
    .execute();
  return rows.map((row) => row.organisation_id);
}

/** What a run at `now` erases (dry run: would erase). */
export async function applyRetention(
  db: Kysely<Database>,
  options: RetentionOptions,
): Promise<RetentionReport> {
  const cutoff = retentionCutoff(options.now, options.years);
  const dryRun = options.dryRun ?? false;
  const candidates = await casesPastRetention(db, cutoff);
  const organisations = await organisationsPastRetention(db, candidates);
  const doomed = await doomedDocuments(db, candidates, organisations);
  const accounts = (
    await db
      .selectFrom('users')
      .select('user_id')
      .where('organisation_id', 'in', orNone(organisations))
      .where('name', '<>', erasedName)
      .execute()
  ).map((row) => row.user_id);
  const expiredComplaints = await complaintsPastRetention(db, cutoff);
  const complainants = await complainantsPastRetention(db, expiredComplaints);
  const report = {
    cutoff: cutoff.toISOString(),
    years: options.years,
    dryRun,
    organisations,
    accounts,
    complainants,
  };
  const complaintIds = (complaints: readonly ExpiredComplaint[]) => complaints.map((c) => c.complaintId);
  if (dryRun)
    return {
      ...report,
      cases: candidates,
      documents: doomed.all,
      complaints: complaintIds(expiredComplaints),
    };

  const erased: ExpiredCase[] = [];
  for (const expired of candidates) {
    const data = { endedAt: expired.endedAt, retentionYears: options.years };
    if (await eraseCase(db, expired, { data, actor: retentionActor, now: options.now })) erased.push(expired);
  }
  const documents = await deleteDocuments(db, options.storage, doomed, organisations);
  for (const organisationId of organisations)
    await eraseOrganisationData(db, organisationId, erasedOrganisationName);
  for (const userId of accounts) await erasePerson(db, userId, retentionActor);
  const erasedComplaints: ExpiredComplaint[] = [];
  for (const complaint of expiredComplaints) {
    const erasure = { now: options.now, years: options.years, actor: retentionActor };
    if (await eraseComplaint(db, complaint, erasure)) erasedComplaints.push(complaint);
  }
  for (const complainantId of complainants) await eraseComplainant(db, complainantId, options.now);
  return { ...report, cases: erased, documents, complaints: complaintIds(erasedComplaints) };
}

/** `in` with an empty list is no SQL; a list matching nothing stands in. */
const orNone = (ids: readonly string[]) => (ids.length > 0 ? [...ids] : ['']);

/**
 * The documents the erased cases refer to, and the erased organisations' uploads, that no kept
 * case refers to.
 */
export async function doomedDocuments(
  db: Kysely<Database>,
  cases: readonly ExpiredCase[],
  organisations: string[],
) {
  const streamIds = cases.map((c) => c.streamId);
  const kept = await documentsReferredBy(db, { notIn: streamIds });
  const ofCases = [...(await documentsReferredBy(db, { in: streamIds }))].filter(
    (sha256) => !kept.has(sha256),
  );
  const uploads = await withDocumentTables(db)
    .selectFrom('document_uploads')
    .select('sha256')
    .distinct()
    .where('organisation_id', 'in', orNone(organisations))
    .execute();
  const ofOrganisations = uploads.map((row) => row.sha256).filter((sha256) => !kept.has(sha256));
  return { ofCases, ofOrganisations, all: [...new Set([...ofCases, ...ofOrganisations])].sort() };
}

/** How a case is erased: after its retention period, or on the organisation's request. */
export interface CaseErasure {
  data: { endedAt: string; retentionYears?: number; onRequest?: true };
  actor: IdentityActor;
  now: Date;
}

/** False when another run erased it first (or the stream moved on). */
export async function eraseCase(
  db: Kysely<Database>,
  expired: ExpiredCase,
  erasure: CaseErasure,
): Promise<boolean> {
  const erasedName = erasedNameOf(erasure.data);
  try {
    await db.transaction().execute(async (trx) => {
      await appendToStream(
        trx,
        expired.streamId,
        expired.version,
        [
          {
            type: 'CaseDataErased',
            data: erasure.data,
            metadata: { actorId: erasure.actor.id, actorRole: erasure.actor.role },
            businessTime: erasure.now.toISOString(),
            idempotencyKey: `${expired.streamId}:${erasure.data.onRequest ? 'request' : 'retention'}`,
          },
        ],
        { projections: inlineProjections },
      );
      await eraseCaseTexts(trx, expired.streamId);
      await sql`SELECT erase_dossiers(${expired.accreditationId})`.execute(trx);
      await sql`UPDATE notifications
                   SET payload = jsonb_set(payload, '{organisationName}', to_jsonb(${erasedName}::text))
                 WHERE stream_id = ${expired.streamId} AND payload ? 'organisationName'`.execute(trx);
    });
    return true;
  } catch (error) {
    if (error instanceof VersionConflict) return false;
    throw error;
  }
}

/**
 * Every upload of a case's documents goes, and the erased organisations' own uploads; the bytes go
 * when nobody's upload is left (someone else may have stored the same bytes). Returns their hashes.
 */
export async function deleteDocuments(
  db: Kysely<Database>,
  storage: DocumentStorage,
  doomed: { ofCases: string[]; ofOrganisations: string[]; all: string[] },
  organisations: string[],
): Promise<string[]> {
  if (doomed.all.length === 0) return [];
  const deleted = await withDocumentTables(db)
    .transaction()
    .execute(async (trx) => {
      await trx.deleteFrom('document_uploads').where('sha256', 'in', orNone(doomed.ofCases)).execute();
      await trx
        .deleteFrom('document_uploads')
        .where('sha256', 'in', orNone(doomed.ofOrganisations))
        .where('organisation_id', 'in', orNone(organisations))
        .execute();
      return trx
        .deleteFrom('documents')
        .where('sha256', 'in', doomed.all)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('document_uploads as u')
                .select('u.sha256')
                .whereRef('u.sha256', '=', 'documents.sha256'),
            ),
          ),
        )
        .returning(['sha256', 'storage'])
        .execute();
    });
  const files = deleted.filter((row) => row.storage === 'directory');
  if (files.length > 0 && storage.kind !== 'directory')
    throw new Error(
      `${files.length} deleted documents were files, but DOCUMENT_DIR is not set: their files remain`,
    );
  for (const { sha256 } of files) {
    if (storage.kind === 'directory') await unlink(join(storage.path, sha256)).catch(ignoreMissing);
  }
  return deleted.map((row) => row.sha256).sort();
}

const ignoreMissing = (error: NodeJS.ErrnoException) => {
  if (error.code !== 'ENOENT') throw error;
};

/** The report as lines for an operator: what went (or would go), case by case. */
export function describeRetention(report: RetentionReport): string {
  const verb = report.dryRun ? 'would be erased' : 'erased';
  return [
    `Retention ${report.years} years: cases ended before ${report.cutoff} ${verb}` +
      (report.dryRun ? ' (dry run, nothing changed)' : ''),
    ...report.cases.map(
      (c) =>
        `  case ${c.accreditationId} (${c.status}, ended ${c.endedAt}, organisation ${c.organisationId})`,
    ),
    `${report.cases.length} cases, ${report.documents.length} documents, ` +
      `${report.organisations.length} organisations, ${report.accounts.length} accounts, ` +
      `${report.complaints.length} complaints, ${report.complainants.length} complainants ${verb}`,
    ...report.documents.map((sha256) => `  document ${sha256}`),
    ...report.organisations.map((id) => `  organisation ${id}`),
    ...report.accounts.map((id) => `  account ${id}`),
    ...report.complaints.map((id) => `  complaint ${id}`),
    ...report.complainants.map((id) => `  complainant ${id}`),
  ].join('\n');
}
