import { addDuration } from '../duration';
import type {
  ComplaintActorRole,
  ComplaintCommand,
  ComplaintCommandType,
  ComplaintContext,
  ComplaintEvent,
  ComplaintState,
  ComplaintStatus,
} from './model';

export interface ComplaintRejection {
  /** Stable: the API answers with it. */
  code: string;
  message: string;
}
export type ComplaintDecision =
  | { ok: true; events: ComplaintEvent[] }
  | { ok: false; rejection: ComplaintRejection };

const accept = (...events: ComplaintEvent[]): ComplaintDecision => ({ ok: true, events });
const reject = (code: string, message: string): ComplaintDecision => ({
  ok: false,
  rejection: { code, message },
});

/** Who may give each command; `investigator` is the person appointed to this complaint. */
export const complaintPermits: Record<
  ComplaintCommandType,
  readonly (ComplaintActorRole | 'investigator')[]
> = {
  LodgeComplaint: ['public', 'staff'],
  AcknowledgeComplaint: ['staff'],
  AppointComplaintInvestigator: ['staff'],
  ResolveComplaint: ['investigator'],
  AnswerComplainant: ['staff'],
  ConcludeComplaint: ['staff'],
  RecordComplaintFollowUp: ['system'],
  MissComplaintAcknowledgement: ['system'],
};

/** The status each command needs. */
const requiredStatus: Record<ComplaintCommandType, ComplaintStatus> = {
  LodgeComplaint: 'none',
  AcknowledgeComplaint: 'received',
  AppointComplaintInvestigator: 'acknowledged',
  ResolveComplaint: 'under_investigation',
  AnswerComplainant: 'decided',
  ConcludeComplaint: 'answered',
  RecordComplaintFollowUp: 'decided',
  MissComplaintAcknowledgement: 'received',
};

function authorise(command: ComplaintCommand, state: ComplaintState, context: ComplaintContext) {
  const permitted = complaintPermits[command.type];
  const { actor } = context;
  if (permitted.includes(actor.role)) return undefined;
  if (
    permitted.includes('investigator') &&
    state.investigatorId !== null &&
    actor.id === state.investigatorId
  ) {
    return undefined;
  }
  return reject('not_authorised', `${actor.role} ${actor.id} may not ${command.type} on this complaint`);
}

/** What a step on a complaint records: its events, or why it is refused (nothing is written then). */
export function decideComplaint(
  command: ComplaintCommand,
  state: ComplaintState,
  context: ComplaintContext,
): ComplaintDecision {
  const denied = authorise(command, state, context);
  if (denied) return denied;
  // An appointment may be changed while the investigation runs (the investigator fell ill …).
  const reappointment =
    command.type === 'AppointComplaintInvestigator' && state.status === 'under_investigation';
  if (state.status !== requiredStatus[command.type] && !reappointment) {
    return reject(
      'invalid_transition',
      `${command.type} is not possible while the complaint is ${state.status}`,
    );
  }
  const { complaintId, complainantId } = state;
  switch (command.type) {
    case 'LodgeComplaint': {
      const { acknowledgementDeadline, ...data } = command.data;
      return accept({
        type: 'ComplaintLodged',
        data: {
          ...data,
          receivedAt: context.now,
          acknowledgeBy: addDuration(context.now, acknowledgementDeadline),
        },
      });
    }
    case 'AcknowledgeComplaint':
      return accept({ type: 'ComplaintAcknowledgedToComplainant', data: { complaintId, complainantId } });
    case 'MissComplaintAcknowledgement':
      if (state.acknowledgementMissed || state.acknowledgeBy === null) return accept();
      return accept({
        type: 'ComplaintAcknowledgementMissed',
        data: { complaintId, acknowledgeBy: state.acknowledgeBy },
      });
    case 'AppointComplaintInvestigator': {
      const { investigatorId, involvedPeople } = command.data;
      if (investigatorId === state.investigatorId) return accept();
      if (involvedPeople.includes(investigatorId)) {
        return reject(
          'investigator_not_independent',
          `${investigatorId} is involved with the case or the organisation complained about`,
        );
      }
      return accept({ type: 'ComplaintInvestigatorAppointed', data: { complaintId, investigatorId } });
    }
    case 'ResolveComplaint':
      return accept({
        type: 'ComplaintResolved',
        data: { complaintId, ...command.data, decidedBy: context.actor.id },
      });
    case 'RecordComplaintFollowUp':
      if (state.followUp === null || state.followUpStatus !== null) return accept();
      return accept({
        type: 'ComplaintFollowUpRecorded',
        data: { complaintId, followUp: state.followUp, ...command.data },
      });
    case 'AnswerComplainant':
      return accept({ type: 'ComplaintAnsweredToComplainant', data: { complaintId, complainantId } });
    case 'ConcludeComplaint':
      return accept({ type: 'ComplaintConcluded', data: { complaintId } });
  }
}
