import type { CommandContext, CommandOf } from '../commands';
import { addDuration } from '../duration';
import type { AccreditationCase } from '../state';
import { authorise } from './authorise';
import { accept, type Decision, reject } from './outcome';
import { findComplaint, rulesSince, unchangedBy, unknownComplaint } from './shared';

export function receiveComplaint(
  command: CommandOf<'ReceiveComplaint'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  if (rulesSince(context, 7)) {
    return reject(
      'complaint_has_own_life_cycle',
      'A complaint is recorded as one of its own: POST /complaints (with the organisation and, if known, the certificate number).',
    );
  }
  return accept({
    type: 'ComplaintReceived',
    data: {
      complaintId: `complaint-${state.issued.complaints + 1}`,
      ...command.data,
      receivedAt: context.now,
      acknowledgeBy: addDuration(context.now, state.policy.complaintAcknowledgementDeadline),
    },
  });
}

export function acknowledgeComplaint(
  command: CommandOf<'AcknowledgeComplaint'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const complaint = findComplaint(state, command.data.complaintId);
  if (!complaint) return unknownComplaint(command.data.complaintId);
  if (complaint.status !== 'received') {
    return reject('invalid_transition', `Complaint ${complaint.complaintId} is already ${complaint.status}`);
  }
  return accept({ type: 'ComplaintAcknowledged', data: command.data });
}

export function assignComplaintInvestigator(
  command: CommandOf<'AssignComplaintInvestigator'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { complaintId, investigatorId } = command.data;
  const complaint = findComplaint(state, complaintId);
  if (!complaint) return unknownComplaint(complaintId);
  if (complaint.status !== 'acknowledged' && complaint.status !== 'under_investigation') {
    return reject('invalid_transition', `Complaint ${complaintId} is ${complaint.status}`);
  }
  if (unchangedBy(context, complaint.investigatorId === investigatorId)) return accept();
  if (investigatorId === state.caseManagerId || state.auditorsInvolved.includes(investigatorId)) {
    return reject('investigator_not_independent', `${investigatorId} is involved in this case`);
  }
  return accept({ type: 'ComplaintInvestigatorAssigned', data: command.data });
}

export function decideComplaint(
  command: CommandOf<'DecideComplaint'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const complaint = findComplaint(state, command.data.complaintId);
  if (!complaint) return unknownComplaint(command.data.complaintId);
  const denied = authorise(command.type, context, state, { investigator: complaint.investigatorId });
  if (denied) return denied;
  if (complaint.status !== 'under_investigation') {
    return reject('invalid_transition', `Complaint ${complaint.complaintId} is ${complaint.status}`);
  }
  return accept({ type: 'ComplaintDecided', data: { ...command.data, decidedBy: context.actor.id } });
}

export function closeComplaint(
  command: CommandOf<'CloseComplaint'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const complaint = findComplaint(state, command.data.complaintId);
  if (!complaint) return unknownComplaint(command.data.complaintId);
  if (complaint.status !== 'decided') {
    return reject('invalid_transition', `Complaint ${complaint.complaintId} has not been decided`);
  }
  return accept({ type: 'ComplaintClosed', data: command.data });
}
