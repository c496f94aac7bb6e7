import { type Kysely, sql } from 'kysely';
import type { Database, UserRow } from './database';
import { withDocumentTables } from './documents';
import { type IdentityActor, identityStreamId, recordIdentityEvent } from './identity-events';
import { openPersonalFields } from './subject-keys';

/**
 * Everything the engine holds about one person (DSGVO Art. 15): the account and its settings, the
 * sign-in sessions, API tokens and calendar feeds (without their secrets, which are stored only as
 * hashes), the auditor's competences, the documents they uploaded, the mails sent to them, and every
 * step they took (the events naming them as actor, with what they recorded).
 */
export async function personalData(db: Kysely<Database>, user: UserRow) {
  const id = user.user_id;
  const [
    password,
    sessions,
    apiTokens,
    calendarFeeds,
    competences,
    documents,
    accountMails,
    notifications,
    events,
  ] = await Promise.all([
    db.selectFrom('passwords').select('changed_at').where('user_id', '=', id).executeTakeFirst(),
    db
      .selectFrom('sessions')
      .select(['created_at', 'last_seen_at', 'expires_at'])
      .where('user_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('api_tokens')
      .select(['label', 'created_at', 'expires_at', 'revoked_at'])
      .where('user_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('calendar_feeds')
      .select(['label', 'created_at', 'revoked_at'])
      .where('user_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('auditor_competences')
      .select('technical_area')
      .where('user_id', '=', id)
      .orderBy('technical_area')
      .execute(),
    withDocumentTables(db)
      .selectFrom('document_uploads as u')
      .innerJoin('documents as d', 'd.sha256', 'u.sha256')
      .select([
        'u.sha256',
        'u.filename',
        'd.media_type',
        'd.size_bytes',
        'u.organisation_id',
        'u.uploaded_at',
      ])
      .where('u.uploaded_by', '=', id)
      .orderBy('u.uploaded_at')
      .execute(),
    db
      .selectFrom('account_mails')
      .select(['kind', 'status', 'created_at', 'sent_at'])
      .where('user_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('notifications')
      .select([
        'kind',
        'status',
        'created_at',
        'sent_at',
        sql<string | null>`payload->>'accreditationId'`.as('accreditation_id'),
      ])
      .where('recipient_id', '=', id)
      .orderBy('created_at')
      .execute(),
    // Read rarely (a request by the person), so a scan of the store is acceptable.
    db
      .selectFrom('events')
      .select(['stream_id', 'stream_version', 'event_type', 'data', 'business_time'])
      .select(sql<string | null>`metadata->>'actorId'`.as('actor_id'))
      .where((eb) =>
        eb.or([eb(sql<string>`metadata->>'actorId'`, '=', id), eb('stream_id', '=', identityStreamId(id))]),
      )
      .orderBy('global_position')
      .execute()
      .then((rows) => openPersonalFields(db, rows, (row) => row.event_type)),
  ]);
  return {
    account: {
      id,
      name: user.name,
      email: user.email,
      role: user.role,
      organisationId: user.organisation_id,
      language: user.language,
      notificationDigest: user.notification_digest,
      createdAt: user.created_at.toISOString(),
      passwordChangedAt: iso(password?.changed_at),
    },
    sessions: sessions.map((row) => ({
      createdAt: iso(row.created_at),
      lastSeenAt: iso(row.last_seen_at),
      expiresAt: iso(row.expires_at),
    })),
    apiTokens: apiTokens.map((row) => ({
      label: row.label,
      createdAt: iso(row.created_at),
      expiresAt: iso(row.expires_at),
      revokedAt: iso(row.revoked_at),
    })),
    calendarFeeds: calendarFeeds.map((row) => ({
      label: row.label,
      createdAt: iso(row.created_at),
      revokedAt: iso(row.revoked_at),
    })),
    auditorCompetences: competences.map((row) => row.technical_area),
    documentsUploaded: documents.map((row) => ({
      sha256: row.sha256,
      filename: row.filename,
      mediaType: row.media_type,
      size: Number(row.size_bytes),
      organisationId: row.organisation_id,
      uploadedAt: iso(row.uploaded_at),
    })),
    accountMails: accountMails.map((row) => ({
      kind: row.kind,
      status: row.status,
      createdAt: iso(row.created_at),
      sentAt: iso(row.sent_at),
    })),
    notifications: notifications.map((row) => ({
      kind: row.kind,
      status: row.status,
      accreditationId: row.accreditation_id,
      createdAt: iso(row.created_at),
      sentAt: iso(row.sent_at),
    })),
    steps: events.filter((row) => row.actor_id === id).map(recorded),
    identity: events
      .filter((row) => row.stream_id === identityStreamId(id))
      .map((row) => ({
        ...recorded(row),
        byThemselves: row.actor_id === id,
      })),
  };
}

export type PersonalData = Awaited<ReturnType<typeof personalData>>;

const recorded = (row: {
  stream_id: string;
  stream_version: number | string;
  event_type: string;
  data: unknown;
  business_time: Date | string;
}) => ({
  stream: row.stream_id,
  version: Number(row.stream_version),
  type: row.event_type,
  at: iso(row.business_time),
  data: row.data,
});

/**
 * Erasure (DSGVO Art. 17) of a person's account: name and e-mail address replaced, password,
 * sessions, API tokens, calendar feeds, sign-in links and their mails deleted, so the person can no
 * longer sign in and nothing readable names them. The events keep the account's id (a reference
 * without meaning once the account is anonymised), so the hash chain stays valid and a projection
 * rebuild, which reads names from the accounts, shows the anonymised name; the erasure itself is an
 * event of the person's identity stream. Decision dossiers stay
 * as frozen (a decision's record is kept by law, Art. 17(3)(b)).
 */
export async function erasePerson(db: Kysely<Database>, userId: string, actor: IdentityActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await recordIdentityEvent(trx, actor, userId, { type: 'PersonalDataErased', data: {} });
    await trx
      .updateTable('users')
      .set({ name: erasedName, email: `erased-${userId}@invalid`, notification_digest: false })
      .where('user_id', '=', userId)
      .execute();
    const tables = [
      'account_mails',
      'account_tokens',
      'passwords',
      'sessions',
      'api_tokens',
      'calendar_feeds',
    ] as const;
    for (const table of tables) await trx.deleteFrom(table).where('user_id', '=', userId).execute();
  });
}

/** What an erased person's name reads as wherever the engine shows a name. */
export const erasedName = 'Gelöschte Person';

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

/** The open tasks held by the person: erasure waits until they are given to someone else. */
export async function openTasksHeldBy(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('assignee_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
