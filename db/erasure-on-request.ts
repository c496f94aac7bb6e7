/**
 * Erasing an organisation on its request (Art. 17 DSGVO; an organisation's name is personal data
 * where it names a person, a sole trader's firm). What the retention job does once the period has
 * run (db/retention.ts), done now: each case gets a `CaseDataErased` (on request), its free texts
 * and its workflow histories (`deleteElsewhere`, the API's) go, its documents and dossiers too, its
 * people's accounts are erased, its key is deleted and its master data anonymised.
 *
 * Refused while a case of the organisation still runs (applied for, granted, suspended, or ended
 * with the workflow still owing something, such as an appeal): the certification needs its data
 * (Art. 17(3)(b): the accreditation body must keep the records of a running certification, and a
 * granted certificate must name its holder in the register). Who erased and when is recorded as an
 * `OrganisationErased` event in the organisation's own stream, naming nobody.
 */
import type { Kysely } from 'kysely';
import { type AccreditationState, isFinished } from '../domain/accreditation';
import { erasedOnRequestName, erasedOrganisationNames } from '../domain/retention';
import type { Database } from './database';
import type { DocumentStorage } from './documents';
import { appendToStream } from './event-store';
import type { IdentityActor } from './identity-events';
import { eraseOrganisationData } from './organisation-erasure';
import { erasedName, erasePerson } from './personal-data';
import { deleteDocuments, doomedDocuments, type ExpiredCase, eraseCase } from './retention';

export interface OrganisationErasureRequest {
  actor: IdentityActor;
  now: Date;
  storage: DocumentStorage;
  /**
   * Deletes what else holds the cases' data (their Temporal histories), before anything is erased
   * here; returns the cases found still running there, which refuse the erasure.
   */
  deleteElsewhere?: (accreditationIds: string[]) => Promise<string[]>;
}

export type OrganisationErasure =
  | { outcome: 'erased'; cases: string[]; documents: number; accounts: number }
  | { outcome: 'not_found' }
  | { outcome: 'already_erased' }
  | { outcome: 'running_cases'; cases: string[] };

const endedStatuses: readonly string[] = ['refused', 'withdrawn', 'expired'];

export const organisationStreamId = (organisationId: string) => `organisation-${organisationId}`;

export async function eraseOrganisationOnRequest(
  db: Kysely<Database>,
  organisationId: string,
  request: OrganisationErasureRequest,
): Promise<OrganisationErasure> {
  const organisation = await db
    .selectFrom('organisations')
    .select('name')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!organisation) return { outcome: 'not_found' };
  if (erasedOrganisationNames.includes(organisation.name)) return { outcome: 'already_erased' };

  const rows = await db
    .selectFrom('accreditations')
    .select([
      'accreditation_id',
      'stream_id',
      'status',
      'updated_at',
      'version',
      'state',
      'organisation_name',
    ])
    .where('organisation_id', '=', organisationId)
    .orderBy('updated_at')
    .execute();
  const running = rows.filter(
    (row) => !endedStatuses.includes(row.status) || !isFinished(row.state as AccreditationState),
  );
  if (running.length > 0) {
    return { outcome: 'running_cases', cases: running.map((row) => row.accreditation_id) };
  }
  const stillRunning = (await request.deleteElsewhere?.(rows.map((row) => row.accreditation_id))) ?? [];
  if (stillRunning.length > 0) return { outcome: 'running_cases', cases: stillRunning };

  const cases: ExpiredCase[] = rows
    .filter((row) => !erasedOrganisationNames.includes(row.organisation_name))
    .map((row) => ({
      accreditationId: row.accreditation_id,
      streamId: row.stream_id,
      organisationId,
      status: row.status,
      endedAt: row.updated_at.toISOString(),
      version: row.version,
    }));
  const doomed = await doomedDocuments(db, cases, [organisationId]);
  for (const ended of cases) {
    const data = { endedAt: ended.endedAt, onRequest: true } as const;
    await eraseCase(db, ended, { data, actor: request.actor, now: request.now });
  }
  const documents = await deleteDocuments(db, request.storage, doomed, [organisationId]);
  const accounts = await db
    .selectFrom('users')
    .select('user_id')
    .where('organisation_id', '=', organisationId)
    .where('name', '<>', erasedName)
    .execute();
  for (const { user_id } of accounts) await erasePerson(db, user_id, request.actor);
  await eraseOrganisationData(db, organisationId, erasedOnRequestName);
  await appendToStream(db, organisationStreamId(organisationId), 'any', [
    {
      type: 'OrganisationErased',
      data: { organisationId, cases: cases.length, documents: documents.length, accounts: accounts.length },
      metadata: { actorId: request.actor.id, actorRole: request.actor.role },
      businessTime: request.now.toISOString(),
      idempotencyKey: `${organisationStreamId(organisationId)}:erased`,
    },
  ]);
  return {
    outcome: 'erased',
    cases: cases.map((ended) => ended.accreditationId),
    documents: documents.length,
    accounts: accounts.length,
  };
}
