/**
 * What a complaint with a life cycle of its own (domain/complaint, rule set 6) does on the case:
 * its decided suspension is proposed to a decision maker, who confirms or rejects it as any other
 * proposal.
 */
import type { CommandContext, CommandOf } from '../commands';
import { complaintSuspensionProposalId } from '../complaint/model';
import type { AccreditationCase } from '../state';
import { authorise } from './authorise';
import { accept, type Decision, reject } from './outcome';
import { rulesSince } from './shared';

export function proposeSuspension(
  command: CommandOf<'ProposeSuspension'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  if (!rulesSince(context, 6)) {
    return reject('invalid_transition', 'A complaint proposes a suspension from rule set 6 on');
  }
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const { complaintId, reason } = command.data;
  const proposalId = complaintSuspensionProposalId(complaintId);
  if (state.suspensionProposal?.proposalId === proposalId) return accept();
  if (state.suspensionProposal) {
    return reject(
      'suspension_already_proposed',
      `Suspension proposal ${state.suspensionProposal.proposalId} awaits its decision`,
    );
  }
  return accept({
    type: 'SuspensionProposed',
    data: { proposalId, complaintId, reason, recipient: { role: 'decision_maker' } },
  });
}
