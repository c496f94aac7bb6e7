import type { Kysely } from 'kysely';

/**
 * The technical areas (the edition's fields of application, §2) in which staff have found an
 * auditor competent: master data, kept by staff through the API. A policy with
 * `requireAuditorCompetence` assigns only auditors competent in every area of the case.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auditor_competences')
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.user_id').onDelete('cascade'))
    .addColumn('technical_area', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('auditor_competences_pkey', ['user_id', 'technical_area'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auditor_competences').execute();
}
