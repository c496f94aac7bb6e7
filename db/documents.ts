import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { DocumentMediaType } from '../domain/media-types';
import type { Database, UserRow } from './database';

/** The document tables (migration 2026-11-26-20-documents), kept beside the others' `Database`. */
export type DocumentTables = {
  documents: {
    sha256: string;
    media_type: string;
    size_bytes: number;
    content: Buffer | null;
    storage: 'database' | 'directory';
    created_at: Date | undefined;
  };
  document_uploads: {
    sha256: string;
    uploaded_by: string;
    organisation_id: string | null;
    filename: string | null;
    uploaded_at: Date | undefined;
  };
};

type DocumentsDb = Kysely<Database & DocumentTables>;
export const withDocumentTables = (db: Kysely<Database>): DocumentsDb => db.withTables<DocumentTables>();

export type DocumentRow = Omit<Selectable<DocumentTables['documents']>, 'content'>;

/** Where the bytes go: PostgreSQL (default) or a directory, one file per hash. */
export type DocumentStorage = { kind: 'database' } | { kind: 'directory'; path: string };

/** The storage a deployment configured (`DOCUMENT_DIR`, else PostgreSQL). */
export const documentStorageOf = (env: { DOCUMENT_DIR?: string | undefined }): DocumentStorage =>
  env.DOCUMENT_DIR ? { kind: 'directory', path: env.DOCUMENT_DIR } : { kind: 'database' };

export const sha256Hex = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Each accepted media type's check of the first bytes. */
export const documentTypes: Record<DocumentMediaType, (content: Buffer) => boolean> = {
  'application/pdf': (content) => content.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (content) =>
    content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (content) => content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  'text/plain': (content) => !content.includes(0) && isUtf8(content),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': isZip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': isZip,
};

function isZip(content: Buffer): boolean {
  return content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}

function isUtf8(content: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

export interface StoredDocument extends DocumentRow {
  /**
   * False when this uploader stored the same bytes before. Whether anyone else did is nobody's
   * business: it would tell that someone holds a given file. `created_at` is likewise this
   * uploader's first upload.
   */
  created: boolean;
}

/** The upload would take the uploader's party over its quota (nothing was stored). */
export class DocumentQuotaExceeded extends Error {
  constructor(
    readonly usedBytes: number,
    readonly quotaBytes: number,
  ) {
    super(`Document quota exceeded: ${usedBytes} of ${quotaBytes} bytes used`);
  }
}

/**
 * Stores the bytes once per hash and records who uploaded them (for read access). The documents
 * of one party — an organisation (the party of its cases), or a user without one — may add up to
 * `quotaBytes`; bytes the party stored before do not count twice.
 */
export async function saveDocument(
  db: Kysely<Database>,
  storage: DocumentStorage,
  upload: { content: Buffer; mediaType: string; filename: string | null; uploadedBy: UserRow },
  quotaBytes: number,
): Promise<StoredDocument> {
  const sha256 = sha256Hex(upload.content);
  const { user_id: userId, organisation_id: organisationId } = upload.uploadedBy;
  return withDocumentTables(db)
    .transaction()
    .execute(async (trx) => {
      // One upload of a party at a time, so that parallel uploads cannot pass the quota together.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`document-quota:${organisationId ?? userId}`}))`.execute(
        trx,
      );
      const ofParty = (eb: ExpressionBuilder<Database & DocumentTables, 'document_uploads'>) =>
        organisationId ? eb('organisation_id', '=', organisationId) : eb('uploaded_by', '=', userId);
      const usage = await trx
        .selectFrom('documents')
        .select(sql<string>`coalesce(sum(size_bytes), 0)`.as('used'))
        .select(sql<boolean>`bool_or(sha256 = ${sha256})`.as('held'))
        .where('sha256', 'in', (eb) => eb.selectFrom('document_uploads').select('sha256').where(ofParty))
        .executeTakeFirstOrThrow();
      const used = Number(usage.used);
      if (!usage.held && used + upload.content.length > quotaBytes) {
        throw new DocumentQuotaExceeded(used, quotaBytes);
      }
      if (storage.kind === 'directory') await writeContentFile(storage.path, sha256, upload.content);
      await trx
        .insertInto('documents')
        .values({
          sha256,
          media_type: upload.mediaType,
          size_bytes: upload.content.length,
          content: storage.kind === 'database' ? upload.content : null,
          storage: storage.kind,
        })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      const inserted = await trx
        .insertInto('document_uploads')
        .values({ sha256, uploaded_by: userId, organisation_id: organisationId, filename: upload.filename })
        .onConflict((oc) => oc.columns(['sha256', 'uploaded_by']).doNothing())
        .returning('sha256')
        .executeTakeFirst();
      const row = await trx
        .selectFrom('documents')
        .innerJoin('document_uploads as u', 'u.sha256', 'documents.sha256')
        .select(['documents.sha256', 'media_type', 'size_bytes', 'storage', 'u.uploaded_at as created_at'])
        .where('documents.sha256', '=', sha256)
        .where('u.uploaded_by', '=', userId)
        .executeTakeFirstOrThrow();
      return { ...row, created: inserted !== undefined };
    });
}

async function writeContentFile(directory: string, sha256: string, content: Buffer) {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const target = join(directory, sha256);
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, target);
}

/**
 * The document if the user may read it: DIM staff and decision makers every document; others
 * what they uploaded themselves; organisations what their organisation uploaded; auditors also
 * what the organisations of the cases they are involved in uploaded.
 */
export async function findReadableDocument(
  db: Kysely<Database>,
  user: UserRow,
  sha256: string,
): Promise<DocumentRow | undefined> {
  const ddb = withDocumentTables(db);
  let query = ddb
    .selectFrom('documents')
    .select(['sha256', 'media_type', 'size_bytes', 'storage', 'created_at'])
    .where('sha256', '=', sha256);
  if (user.role === 'organisation' || user.role === 'auditor') {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('document_uploads as u')
          .select(sql.lit(1).as('one'))
          .whereRef('u.sha256', '=', 'documents.sha256')
          .where((inner) => {
            const own = inner('u.uploaded_by', '=', user.user_id);
            if (user.role === 'organisation')
              return inner.or([own, inner('u.organisation_id', '=', user.organisation_id)]);
            return inner.or([
              own,
              inner(
                'u.organisation_id',
                'in',
                inner
                  .selectFrom('accreditations')
                  .select('accreditations.organisation_id')
                  .where(sql<boolean>`${user.user_id} = any(accreditations.auditor_ids)`),
              ),
            ]);
          }),
      ),
    );
  }
  return query.executeTakeFirst();
}

export async function readDocumentContent(
  db: Kysely<Database>,
  storage: DocumentStorage,
  document: DocumentRow,
): Promise<Buffer> {
  if (document.storage === 'directory') {
    if (storage.kind !== 'directory')
      throw new Error(`Document ${document.sha256} is in a directory not configured here`);
    return readFile(join(storage.path, document.sha256));
  }
  const row = await withDocumentTables(db)
    .selectFrom('documents')
    .select('content')
    .where('sha256', '=', document.sha256)
    .executeTakeFirstOrThrow();
  if (!row.content) throw new Error(`Document ${document.sha256} has no content`);
  return row.content;
}

/**
 * Which of the documents a step refers to belong to the case: stored, and uploaded by the case's
 * organisation or by the person taking the step.
 */
export async function documentsOfCase(
  db: Kysely<Database>,
  accreditationId: string,
  actorId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await withDocumentTables(db)
    .selectFrom('document_uploads as u')
    .select('u.sha256')
    .distinct()
    .where('u.sha256', 'in', [...ids])
    .where((eb) =>
      eb.or([
        eb('u.uploaded_by', '=', actorId),
        eb(
          'u.organisation_id',
          'in',
          eb
            .selectFrom('accreditations')
            .select('organisation_id')
            .where('accreditation_id', '=', accreditationId),
        ),
      ]),
    )
    .execute();
  return new Set(rows.map((row) => row.sha256));
}
