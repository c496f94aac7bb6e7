import { type Kysely, sql } from 'kysely';
import type { AccreditationState } from '../domain/accreditation';
import type { DocumentUse } from '../domain/case-file/references';
import type { CaseFile } from '../domain/case-file/schema';
import { preparedStatement } from './connection';
import type { Database } from './database';
import type { DocumentTables } from './documents';
import { readStream } from './event-store';
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
 * The case file as the projection holds it: one row. Should the projection be behind the case
 * (a database migrated but not yet rebuilt), the file is folded from the events instead.
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
    .where('a.accreditation_id', '=', accreditationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const base = { streamId: row.stream_id, status: row.status, cycle: row.cycle, version: row.version };
  if (row.file && row.file_version === row.version) return { ...base, file: row.file as CaseFile };
  const { file } = foldRecorded(await readStream(db, row.stream_id, { toVersion: row.version }));
  return file ? { ...base, file } : undefined;
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
