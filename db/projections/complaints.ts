import type { Insertable, Transaction } from 'kysely';
import {
  type ComplaintEvent,
  type ComplaintEventOf,
  type ComplaintEventType,
  complaintEventTypes,
} from '../../domain/complaint';
import { inClear } from '../../domain/events/personal-fields';
import { complaintDataErasedType, erasedComplaintText } from '../../domain/retention';
import type { ComplaintsTable } from '../complaint-tables';
import type { Database } from '../database';
import type { RecordedEvent } from '../event-types';
import type { InlineProjection } from './inline';

/** What a complaint's mail needs besides the event (notifications/copy/complaint-life-cycle.ts). */
export interface ComplaintNotificationPayload {
  complaintId: string;
  /** As registered, or as the complainant wrote it; null when they named none. */
  organisationName: string | null;
  /** The decision as the complainant is told it (their answer), else null. */
  decision: { outcome: string; reasons: string } | null;
  data: unknown;
}

/** Who is told of which event: the outbox row's kind and recipient (role, and id unless every holder). */
const recipients: Partial<
  Record<ComplaintEventType, (event: ComplaintEvent) => { role: string; id: string | null }>
> = {
  ComplaintLodged: () => ({ role: 'staff', id: null }),
  ComplaintAcknowledgedToComplainant: (event) => ({
    role: 'complainant',
    id: (event as ComplaintEventOf<'ComplaintAcknowledgedToComplainant'>).data.complainantId,
  }),
  ComplaintAcknowledgementMissed: () => ({ role: 'staff', id: null }),
  ComplaintInvestigatorAppointed: (event) => ({
    role: 'investigator',
    id: (event as ComplaintEventOf<'ComplaintInvestigatorAppointed'>).data.investigatorId,
  }),
  ComplaintAnsweredToComplainant: (event) => ({
    role: 'complainant',
    id: (event as ComplaintEventOf<'ComplaintAnsweredToComplainant'>).data.complainantId,
  }),
};

/** The outbox kind of a complaint event: its type in snake case. */
export const complaintNotificationKind = (type: ComplaintEventType) =>
  type.replace(/[A-Z]/g, (letter, index) => (index ? '_' : '') + letter.toLowerCase());

type RowChange = Partial<Insertable<ComplaintsTable>>;

function change(event: ComplaintEvent, at: string): RowChange {
  switch (event.type) {
    case 'ComplaintLodged':
      return {};
    case 'ComplaintAcknowledgedToComplainant':
      return { status: 'acknowledged', acknowledged_at: at };
    case 'ComplaintAcknowledgementMissed':
      return { acknowledgement_missed: true };
    case 'ComplaintInvestigatorAppointed':
      return { status: 'under_investigation', investigator_id: event.data.investigatorId };
    case 'ComplaintResolved': {
      const { outcome, reasons, followUp, decidedBy } = event.data;
      return {
        status: 'decided',
        outcome,
        reasons,
        follow_up: followUp,
        decided_by: decidedBy,
        decided_at: at,
      };
    }
    case 'ComplaintFollowUpRecorded':
      return { follow_up_status: event.data.status };
    case 'ComplaintAnsweredToComplainant':
      return { status: 'answered', answered_at: at };
    case 'ComplaintConcluded':
      return { status: 'closed', closed_at: at };
  }
}

interface Projected {
  organisationName: string | null;
  outcome: string | null;
  reasons: string | null;
}

async function applyOne(trx: Transaction<Database>, recorded: RecordedEvent): Promise<Projected> {
  if (recorded.type === complaintDataErasedType) {
    // A registered organisation's name is that organisation's, erased with it; a name the complainant wrote is free text.
    await trx
      .updateTable('complaints')
      .set((eb) => ({
        text: erasedComplaintText,
        reasons: eb.case().when('reasons', 'is not', null).then(erasedComplaintText).else(null).end(),
        organisation_name: eb
          .case()
          .when('organisation_id', 'is', null)
          .then(null)
          .else(eb.ref('organisation_name'))
          .end(),
        version: recorded.version,
      }))
      .where('stream_id', '=', recorded.streamId)
      .execute();
    return { organisationName: null, outcome: null, reasons: null };
  }
  const event = { type: recorded.type, data: recorded.data } as ComplaintEvent;
  if (event.type === 'ComplaintLodged') {
    const { complaintId, complainantId, text, subject, channel, receivedAt, acknowledgeBy } = event.data;
    // The store opened it: `inClear` only narrows the type.
    const organisationName = subject.organisationName === null ? null : inClear(subject.organisationName);
    await trx
      .insertInto('complaints')
      .values({
        complaint_id: complaintId,
        stream_id: recorded.streamId,
        version: recorded.version,
        status: 'received',
        channel,
        complainant_id: complainantId,
        organisation_id: subject.organisationId,
        accreditation_id: subject.accreditationId,
        certificate_number: subject.certificateNumber,
        organisation_name: organisationName,
        text,
        received_at: receivedAt,
        acknowledge_by: acknowledgeBy,
      })
      .onConflict((oc) => oc.column('complaint_id').doNothing())
      .execute();
    return { organisationName, outcome: null, reasons: null };
  }
  const updated = await trx
    .updateTable('complaints')
    .set({ ...change(event, recorded.businessTime), version: recorded.version })
    .where('stream_id', '=', recorded.streamId)
    .returning(['organisation_name', 'outcome', 'reasons'])
    .executeTakeFirst();
  return {
    organisationName: updated?.organisation_name ?? null,
    outcome: updated?.outcome ?? null,
    reasons: updated?.reasons ?? null,
  };
}

/** The `complaints` read table and the complaint mails of the outbox, in the append's transaction. */
export const complaintProjection: InlineProjection = {
  name: 'complaints',
  canHandle: [...complaintEventTypes, complaintDataErasedType],
  tables: ['complaints', 'notifications'],
  preserveOnRebuild: ['notifications'],
  async apply(trx, events) {
    for (const recorded of events) {
      const { organisationName, outcome, reasons } = await applyOne(trx, recorded);
      const recipient = recipients[recorded.type as ComplaintEventType]?.(
        recorded as unknown as ComplaintEvent,
      );
      if (!recipient) continue;
      const kind = complaintNotificationKind(recorded.type as ComplaintEventType);
      const payload: ComplaintNotificationPayload = {
        complaintId: (recorded.data as { complaintId: string }).complaintId,
        organisationName,
        decision:
          recorded.type === 'ComplaintAnsweredToComplainant' && outcome && reasons
            ? { outcome, reasons }
            : null,
        data: recorded.data,
      };
      await trx
        .insertInto('notifications')
        .values({
          notification_id: `${recorded.streamId}/${recorded.version}/${kind}/${recipient.role}`,
          stream_id: recorded.streamId,
          global_position: recorded.globalPosition,
          event_type: recorded.type,
          kind,
          recipient_role: recipient.role,
          recipient_id: recipient.id,
          payload: JSON.stringify(payload),
          created_at: recorded.businessTime,
        })
        .onConflict((oc) => oc.column('notification_id').doNothing())
        .execute();
    }
  },
};
