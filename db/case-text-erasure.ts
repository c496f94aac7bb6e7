/**
 * A case's free texts erased, with the rest of its data (`eraseCase`, db/retention.ts): the key of
 * its stream is deleted, so its statements, answers, findings, reasons and comments read as the
 * placeholder wherever its events are read (domain/events/free-texts.ts). What the projections made
 * of them before is made anew from the events as they read now: the case's stored state, its case
 * file, and the payloads of its mails in the outbox.
 */
import { type Kysely, sql } from 'kysely';
import { personalFieldsOf } from '../domain/events/personal-fields';
import type { Database } from './database';
import { readStream } from './event-store';
import { refoldAccreditationState } from './projections/accreditation';
import { refoldCaseFile } from './projections/case-file';
import { shredSubject } from './subject-keys';

export async function eraseCaseTexts(trx: Kysely<Database>, streamId: string): Promise<void> {
  await shredSubject(trx, 'stream', streamId);
  const events = await readStream(trx, streamId);
  await refoldAccreditationState(trx, streamId, events);
  await refoldCaseFile(trx, streamId, events);
  const shredded = events
    .filter((event) => personalFieldsOf(event.type).length > 0)
    .map((event) => ({ position: event.globalPosition, data: event.data }));
  if (shredded.length === 0) return;
  await sql`UPDATE notifications n SET payload = jsonb_set(n.payload, '{data}', e.data)
              FROM jsonb_to_recordset(${JSON.stringify(shredded)}::jsonb) AS e(position int8, data jsonb)
             WHERE n.stream_id = ${streamId} AND n.global_position = e.position`.execute(trx);
}
