import { type Kysely, sql } from 'kysely';

/**
 * Evidence documents, content-addressed by the SHA-256 of their bytes: the same file uploaded
 * twice is stored once. The bytes live in `content` or, when the API is configured with a
 * directory, in a file named by the hash (`content` is then null). Each upload is recorded
 * separately, since who uploaded a document decides who may read it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('sha256', 'text', (col) => col.primaryKey().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('media_type', 'text', (col) => col.notNull())
    .addColumn('size_bytes', 'integer', (col) => col.notNull())
    .addColumn('content', 'bytea')
    .addColumn('storage', 'text', (col) => col.notNull().check(sql`storage in ('database', 'directory')`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('documents_content_stored', sql`(storage = 'database') = (content is not null)`)
    .execute();

  await db.schema
    .createTable('document_uploads')
    .addColumn('sha256', 'text', (col) => col.notNull().references('documents.sha256'))
    .addColumn('uploaded_by', 'text', (col) => col.notNull().references('users.user_id'))
    .addColumn('organisation_id', 'text', (col) => col.references('organisations.organisation_id'))
    .addColumn('filename', 'text')
    .addColumn('uploaded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('document_uploads_pkey', ['sha256', 'uploaded_by'])
    .execute();
  await db.schema
    .createIndex('document_uploads_organisation')
    .on('document_uploads')
    .columns(['organisation_id', 'sha256'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_uploads').ifExists().execute();
  await db.schema.dropTable('documents').ifExists().execute();
}
