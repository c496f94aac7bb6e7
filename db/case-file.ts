import { type Kysely, sql } from 'kysely';
import type { AccreditationState } from '../domain/accreditation';
import type { DocumentUse } from '../domain/case-file/references';
import type { CaseFile } from '../domain/case-file/schema';
import { preparedStatement } from './connection';
import type { AccreditationSummaryRow, Database } from './database';
import type { EventMetadata } from './event-store';
import { foldRecorded } from './projections/case-file';
import { openPersonalFields } from './subject-keys';

export interface StoredCaseFile {
  streamId: string;
  status: string;
  cycle: number;
  version: number;
  file: CaseFile;
  /** For the visibility check (`maySeeAccreditation`): the reader's own open tasks of the case. */
  visibility: Pick<AccreditationSummaryRow, 'organisation_id' | 'auditor_ids'> & { readerTasks: number };
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
  readerId = '',
): Promise<StoredCaseFile | undefined> {
  const row = await db
    .selectFrom('accreditations as a')
    .modifyFront(readStatement)
    .leftJoin('case_files as c', 'c.stream_id', 'a.stream_id')
    .select(['a.stream_id', 'a.status', 'a.cycle', 'a.version', 'c.file', 'c.version as file_version'])
    .select(['a.organisation_id', 'a.auditor_ids'])
    .select(
      sql<number>`(SELECT count(*) FROM tasks t WHERE t.stream_id = a.stream_id AND t.assignee_id = ${readerId})`.as(
        'reader_tasks',
      ),
    )
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
  const since = (await openPersonalFields(db, row.since, (event) => event.type)).map((event) => ({
    ...event,
    businessTime: new Date(event.businessTime).toISOString(),
  }));
  const { file } = foldRecorded(since, stored);
  if (!file) return undefined;
  const { organisation_id, auditor_ids, reader_tasks } = row;
  return {
    streamId: row.stream_id,
    status: row.status,
    cycle: row.cycle,
    version: row.version,
    file,
    visibility: { organisation_id, auditor_ids, readerTasks: Number(reader_tasks) },
  };
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

interface UploadRow {
  sha256: string;
  media_type: string;
  size_bytes: number;
  uploaded_by: string;
  organisation_id: string | null;
  filename: string | null;
  uploaded_at: string;
}

/**
 * What a case file refers to, from the master data, in one query: name, media type, size and
 * upload of its documents, and the names and roles of the people it names. Of several uploads of
 * the same bytes, the one by someone who used the document in the case is taken, else one by the
 * case's organisation, else the first.
 */
export async function referencedMasterData(
  db: Kysely<Database>,
  references: readonly { documentId: string; uses: readonly DocumentUse[] }[],
  userIds: readonly string[],
  organisationId: string,
) {
  const ids = references.map((reference) => reference.documentId).filter((id) => /^[0-9a-f]{64}$/.test(id));
  const { rows } = await sql<{ uploads: UploadRow[] | null; people: PersonRow[] | null }>`SELECT
    (SELECT json_agg(json_build_object('sha256', d.sha256, 'media_type', d.media_type, 'size_bytes', d.size_bytes,
        'uploaded_by', u.uploaded_by, 'organisation_id', u.organisation_id, 'filename', u.filename,
        'uploaded_at', u.uploaded_at) ORDER BY u.uploaded_at)
      FROM documents d JOIN document_uploads u ON u.sha256 = d.sha256
      WHERE d.sha256 = ANY (${ids}::text[])) AS uploads,
    (SELECT json_agg(json_build_object('user_id', user_id, 'name', name, 'role', role) ORDER BY user_id)
      FROM users WHERE user_id = ANY (${[...userIds]}::text[])) AS people`.execute(db);
  const { uploads, people } = rows[0] ?? { uploads: null, people: null };
  const users = new Map(references.map((r) => [r.documentId, new Set(r.uses.map((use) => use.by))]));
  const rank = (row: UploadRow) =>
    users.get(row.sha256)?.has(row.uploaded_by) ? 0 : row.organisation_id === organisationId ? 1 : 2;
  const chosen = new Map<string, UploadRow>();
  for (const row of uploads ?? []) {
    const current = chosen.get(row.sha256);
    if (!current || rank(row) < rank(current)) chosen.set(row.sha256, row);
  }
  const documents = new Map<string, DocumentMetadata>();
  for (const [sha256, row] of chosen) {
    documents.set(sha256, {
      sha256,
      name: row.filename,
      mediaType: row.media_type,
      size: row.size_bytes,
      uploadedBy: row.uploaded_by,
      uploadedAt: new Date(row.uploaded_at),
    });
  }
  return { documents, people: people ?? [] };
}

interface PersonRow {
  user_id: string;
  name: string;
  role: string;
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
