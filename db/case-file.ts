import { type Kysely, sql } from 'kysely';
import type { AccreditationState } from '../domain/accreditation';
import type { DocumentUse } from '../domain/case-file/references';
import type { CaseFile } from '../domain/case-file/schema';
import { preparedStatement } from './connection';
import type { Database } from './database';
import type { DocumentTables } from './documents';
import type { EventMetadata } from './event-store';
import { foldRecorded } from './projections/case-file';

export interface StoredCaseFile {
  streamId: string;
  status: string;
  cycle: number;
  version: number;
  file: CaseFile;
}

const readStatement = preparedStatement('read_case_file');

/**
 * The case file now, in one query: the stored file and the events since (at most the snapshot
 * interval of the projection), folded here. Without a stored file (a case younger than the
 * interval, a database migrated but not rebuilt) the events are folded from the start.
 */
export async function readCaseFile(
  db: Kysely<Database>,
  accreditationId: string,
): Promise<StoredCaseFile | undefined> {
  const row = await db
    .selectFrom('accreditations as a')
    .modifyFront(readStatement)
    .leftJoin('case_files as c', 'c.stream_id', 'a.stream_id')
    .select(['a.stream_id', 'a.status', 'a.cycle', 'a.version', 'c.file', 'c.version as file_version'])
    .select(
      sql<SinceRow[]>`(SELECT coalesce(json_agg(json_build_object('version', e.stream_version,
        'type', e.event_type, 'data', e.data, 'metadata', e.metadata, 'businessTime', e.business_time)
        ORDER BY e.stream_version), '[]'::json)
        FROM events e WHERE e.stream_id = a.stream_id AND e.stream_version > coalesce(c.version, 0)
          AND e.stream_version <= a.version)`.as('since'),
    )
    .where('a.accreditation_id', '=', accreditationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const stored =
    row.file && row.file_version !== null ? { file: row.file as CaseFile, version: row.file_version } : null;
  const since = row.since.map((event) => ({
    ...event,
    businessTime: new Date(event.businessTime).toISOString(),
  }));
  const { file } = foldRecorded(since, stored);
  if (!file) return undefined;
  return { streamId: row.stream_id, status: row.status, cycle: row.cycle, version: row.version, file };
}

interface SinceRow {
  version: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  businessTime: string;
}

/** The stream of a case, if it exists (the accreditation's row in the read model). */
export async function streamOfAccreditation(db: Kysely<Database>, accreditationId: string) {
  const row = await db
    .selectFrom('accreditations')
    .select('stream_id')
    .where('accreditation_id', '=', accreditationId)
    .executeTakeFirst();
  return row?.stream_id;
}

export interface DocumentMetadata {
  sha256: string;
  name: string | null;
  mediaType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: Date;
}

/**
 * Name, media type, size and upload of documents a case file refers to (master data, joined at
 * read time). Of several uploads of the same bytes, the one by someone who used the document in
 * the case is taken, else one by the case's organisation, else the first.
 */
export async function documentMetadata(
  db: Kysely<Database>,
  references: readonly { documentId: string; uses: readonly DocumentUse[] }[],
  organisationId: string,
): Promise<Map<string, DocumentMetadata>> {
  const ids = references.map((reference) => reference.documentId).filter((id) => /^[0-9a-f]{64}$/.test(id));
  if (ids.length === 0) return new Map();
  const rows = await db
    .withTables<DocumentTables>()
    .selectFrom('documents as d')
    .innerJoin('document_uploads as u', 'u.sha256', 'd.sha256')
    .select([
      'd.sha256',
      'd.media_type',
      'd.size_bytes',
      'u.uploaded_by',
      'u.organisation_id',
      'u.filename',
      'u.uploaded_at',
    ])
    .where(sql<boolean>`d.sha256 = ANY (${ids}::text[])`)
    .orderBy('u.uploaded_at')
    .execute();
  const users = new Map(references.map((r) => [r.documentId, new Set(r.uses.map((use) => use.by))]));
  const rank = (row: (typeof rows)[number]) =>
    users.get(row.sha256)?.has(row.uploaded_by) ? 0 : row.organisation_id === organisationId ? 1 : 2;
  const chosen = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const current = chosen.get(row.sha256);
    if (!current || rank(row) < rank(current)) chosen.set(row.sha256, row);
  }
  return new Map(
    [...chosen].map(([sha256, row]) => [
      sha256,
      {
        sha256,
        name: row.filename,
        mediaType: row.media_type,
        size: row.size_bytes,
        uploadedBy: row.uploaded_by,
        uploadedAt: row.uploaded_at as Date,
      },
    ]),
  );
}

/** Names and roles of the users a case file names. */
export async function peopleNamed(db: Kysely<Database>, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['user_id', 'name', 'role'])
    .where(sql<boolean>`user_id = ANY (${userIds}::text[])`)
    .orderBy('user_id')
    .execute();
}

/** The decider's state of a case as the read model holds it. */
export async function readCaseState(db: Kysely<Database>, accreditationId: string) {
  const row = await db
    .selectFrom('accreditations')
    .select('state')
    .where('accreditation_id', '=', accreditationId)
    .executeTakeFirst();
  return row?.state as AccreditationState | undefined;
}
