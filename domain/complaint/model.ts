/**
 * A complaint to DIM about an organisation (ISO/IEC 17021-1 §9.8 practice), a life cycle of its
 * own: one stream and one workflow per complaint, whether the organisation's accreditation is
 * running, has ended or never existed. The complainant is a contact record (`complainants`), the
 * events carry only its id. Pure: no I/O, no clock (the workflow passes the time).
 */
import type { Duration, IsoDateTime } from '../duration';
import type { PersonalText } from '../events/personal-fields';

export const complaintStatuses = [
  'none',
  'received',
  'acknowledged',
  'under_investigation',
  'decided',
  'answered',
  'closed',
] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

export const complaintOutcomes = ['upheld', 'not_upheld'] as const;
export type ComplaintOutcome = (typeof complaintOutcomes)[number];
export const complaintFollowUps = ['none', 'special_audit', 'suspension'] as const;
export type ComplaintFollowUp = (typeof complaintFollowUps)[number];
/** What became of a decided follow-up on the accreditation case. */
export const followUpStatuses = [
  'proposed_to_case',
  'refused_by_case',
  'no_running_case',
  'awaiting_special_audit',
] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];
/** The suspension proposal a complaint's follow-up makes on the case, by which it is found again. */
export const complaintSuspensionProposalId = (complaintId: string) =>
  `complaint-${complaintId}:suspension-proposal`;
export const complaintChannels = ['public', 'staff'] as const;
export type ComplaintChannel = (typeof complaintChannels)[number];

/** Whom the complaint is about: the organisation as known, or only as the complainant named it. */
export interface ComplaintSubject {
  organisationId: string | null;
  accreditationId: string | null;
  certificateNumber: string | null;
  /**
   * As registered (sealed with the organisation's key when it reaches the workflow), or as the
   * complainant wrote it when the organisation is unknown.
   */
  organisationName: PersonalText | null;
}

/** What is lodged, by whom and about whom: the command's and the event's data alike. */
export interface LodgedComplaint {
  complaintId: string;
  complainantId: string;
  text: string;
  subject: ComplaintSubject;
  channel: ComplaintChannel;
}

/** `public`: someone without an account, through the public form. */
export type ComplaintActorRole =
  | 'public'
  | 'admin'
  | 'staff'
  | 'decision_maker'
  | 'auditor'
  | 'organisation'
  | 'system';
export interface ComplaintActor {
  id: string;
  role: ComplaintActorRole;
}

export interface ComplaintContext {
  now: IsoDateTime;
  actor: ComplaintActor;
}

export type ComplaintCommand =
  | {
      type: 'LodgeComplaint';
      data: LodgedComplaint & {
        /** The policy's `complaintAcknowledgementDeadline` (the case's, or the default). */
        acknowledgementDeadline: Duration;
      };
    }
  | { type: 'AcknowledgeComplaint'; data: Record<string, never> }
  | {
      type: 'AppointComplaintInvestigator';
      data: {
        investigatorId: string;
        /** Everyone involved with the case and the organisation's own people (the API reads them). */
        involvedPeople: string[];
      };
    }
  | {
      type: 'ResolveComplaint';
      data: { outcome: ComplaintOutcome; reasons: string; followUp: ComplaintFollowUp };
    }
  | { type: 'AnswerComplainant'; data: Record<string, never> }
  | { type: 'ConcludeComplaint'; data: Record<string, never> }
  | { type: 'RecordComplaintFollowUp'; data: { status: FollowUpStatus; detail: string | null } }
  | { type: 'MissComplaintAcknowledgement'; data: Record<string, never> };

export type ComplaintCommandType = ComplaintCommand['type'];
export type ComplaintCommandOf<Type extends ComplaintCommandType> = Extract<ComplaintCommand, { type: Type }>;

/** The commands people send (the others are the workflow's own). */
export const humanComplaintCommands = [
  'LodgeComplaint',
  'AcknowledgeComplaint',
  'AppointComplaintInvestigator',
  'ResolveComplaint',
  'AnswerComplainant',
  'ConcludeComplaint',
] as const satisfies readonly ComplaintCommandType[];
export type HumanComplaintCommandType = (typeof humanComplaintCommands)[number];

export type ComplaintEvent =
  | {
      type: 'ComplaintLodged';
      data: LodgedComplaint & {
        receivedAt: IsoDateTime;
        acknowledgeBy: IsoDateTime;
      };
    }
  | { type: 'ComplaintAcknowledgedToComplainant'; data: { complaintId: string; complainantId: string } }
  | { type: 'ComplaintAcknowledgementMissed'; data: { complaintId: string; acknowledgeBy: IsoDateTime } }
  | { type: 'ComplaintInvestigatorAppointed'; data: { complaintId: string; investigatorId: string } }
  | {
      type: 'ComplaintResolved';
      data: {
        complaintId: string;
        outcome: ComplaintOutcome;
        reasons: string;
        followUp: ComplaintFollowUp;
        decidedBy: string;
      };
    }
  | {
      type: 'ComplaintFollowUpRecorded';
      data: {
        complaintId: string;
        followUp: ComplaintFollowUp;
        status: FollowUpStatus;
        detail: string | null;
      };
    }
  | { type: 'ComplaintAnsweredToComplainant'; data: { complaintId: string; complainantId: string } }
  | { type: 'ComplaintConcluded'; data: { complaintId: string } };

export type ComplaintEventType = ComplaintEvent['type'];
export type ComplaintEventOf<Type extends ComplaintEventType> = Extract<ComplaintEvent, { type: Type }>;

export const complaintEventTypes: readonly ComplaintEventType[] = [
  'ComplaintLodged',
  'ComplaintAcknowledgedToComplainant',
  'ComplaintAcknowledgementMissed',
  'ComplaintInvestigatorAppointed',
  'ComplaintResolved',
  'ComplaintFollowUpRecorded',
  'ComplaintAnsweredToComplainant',
  'ComplaintConcluded',
];

export interface ComplaintState {
  status: ComplaintStatus;
  complaintId: string;
  complainantId: string;
  subject: ComplaintSubject;
  acknowledgeBy: IsoDateTime | null;
  acknowledged: boolean;
  acknowledgementMissed: boolean;
  investigatorId: string | null;
  outcome: ComplaintOutcome | null;
  followUp: ComplaintFollowUp | null;
  followUpStatus: FollowUpStatus | null;
}

export const initialComplaintState = (): ComplaintState => ({
  status: 'none',
  complaintId: '',
  complainantId: '',
  subject: { organisationId: null, accreditationId: null, certificateNumber: null, organisationName: null },
  acknowledgeBy: null,
  acknowledged: false,
  acknowledgementMissed: false,
  investigatorId: null,
  outcome: null,
  followUp: null,
  followUpStatus: null,
});

export function evolveComplaint(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  switch (event.type) {
    case 'ComplaintLodged': {
      const { complaintId, complainantId, subject, acknowledgeBy } = event.data;
      return { ...state, status: 'received', complaintId, complainantId, subject, acknowledgeBy };
    }
    case 'ComplaintAcknowledgedToComplainant':
      return { ...state, status: 'acknowledged', acknowledged: true };
    case 'ComplaintAcknowledgementMissed':
      return { ...state, acknowledgementMissed: true };
    case 'ComplaintInvestigatorAppointed':
      return { ...state, status: 'under_investigation', investigatorId: event.data.investigatorId };
    case 'ComplaintResolved':
      return { ...state, status: 'decided', outcome: event.data.outcome, followUp: event.data.followUp };
    case 'ComplaintFollowUpRecorded':
      return { ...state, followUpStatus: event.data.status };
    case 'ComplaintAnsweredToComplainant':
      return { ...state, status: 'answered' };
    case 'ComplaintConcluded':
      return { ...state, status: 'closed' };
  }
}

/** The follow-up the workflow still owes the case: decided, not yet recorded as acted on. */
export function pendingFollowUp(state: ComplaintState): ComplaintFollowUp | null {
  if (state.followUp === null || state.followUp === 'none' || state.followUpStatus !== null) return null;
  return state.followUp;
}

/** Whether the acknowledgement deadline still waits (for the workflow's timer). */
export function acknowledgementDue(state: ComplaintState): IsoDateTime | null {
  if (state.status !== 'received' || state.acknowledgementMissed) return null;
  return state.acknowledgeBy;
}
