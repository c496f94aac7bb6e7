/**
 * The daily digest: once a day (from `digestHour` UTC on), for each user who chose it, one
 * `daily_digest` outbox row (id `digest/<user>/<date>`, so a second run the same day adds nothing)
 * with the notifications held for them and their open tasks that are overdue or due soon; the held
 * rows become `digested` in the same transaction. The dispatcher then sends it like any other row.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import {
  type DigestItem,
  type DigestTask,
  digestId,
  heldNotifications,
  insertDigest,
  tasksDueBy,
  usersAwaitingDigest,
} from '../db/notification-digest';

export interface DigestOptions {
  now: () => Date;
  /** Hour of the day (UTC) from which the digests are made. */
  digestHour: number;
  /** Open tasks due within this many milliseconds count as "due soon". */
  horizonMs: number;
}

/** Makes the digests due now; resolves to how many were made. */
export async function makeDigests(db: Kysely<Database>, options: DigestOptions): Promise<number> {
  const at = options.now();
  if (at.getUTCHours() < options.digestHour) return 0;
  const date = at.toISOString().slice(0, 10);
  let made = 0;
  for (const user of await usersAwaitingDigest(db, date)) {
    const created = await db.transaction().execute(async (trx) => {
      const held = await heldNotifications(trx, user.user_id);
      const taskRows = await tasksDueBy(trx, user.user_id, new Date(at.getTime() + options.horizonMs));
      if (held.length === 0 && taskRows.length === 0) return false;
      const items: DigestItem[] = held.map((row) => ({
        notificationId: row.notification_id,
        kind: row.kind,
        role: row.recipient_role,
        payload: row.payload,
        createdAt: row.created_at.toISOString(),
      }));
      const tasks: DigestTask[] = taskRows.map((task) => ({
        kind: task.kind,
        accreditationId: task.accreditation_id,
        organisationName: task.organisation_name,
        dueAt: task.due_at?.toISOString() ?? null,
        overdue: task.due_at !== null && task.due_at.getTime() < at.getTime(),
      }));
      return insertDigest(trx, {
        id: digestId(user.user_id, date),
        userId: user.user_id,
        role: user.role,
        payload: { date, items, tasks },
        createdAt: at,
      });
    });
    if (created) made += 1;
  }
  return made;
}
