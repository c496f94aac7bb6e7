import type { CommandContext, CommandOf } from '../commands';
import type { AccreditationEvent, DeadlineTarget } from '../events';
import type { AccreditationCase } from '../state';
import type { Timer } from '../timers';
import { extension } from './audit';
import { authorise } from './authorise';
import { accept, type Decision, reject } from './outcome';
import { rulesSince } from './shared';

/**
 * A deadline that lapsed (an information request unanswered, a corrective action not verified).
 * Rule set 3: the refusal or rejection is proposed to the decision makers' queue, and the decision
 * maker who takes it confirms it or extends the deadline; where the policy says `automaticLapse`
 * it follows at once, and the event names that rule. Before, it followed at once, decided by
 * `system`.
 */
export function lapse(
  timer: Timer,
  state: AccreditationCase,
  context: CommandContext,
  lapsed: { target: DeadlineTarget; reasons: string[] },
): AccreditationEvent[] {
  const byRule = rulesSince(context, 3) && state.policy.automaticLapse === true;
  const decidedBy = byRule ? automaticLapseRule(state) : context.actor.id;
  const rule = byRule ? { rule: 'automaticLapse' } : {};
  const application = lapsed.target.kind === 'information_request';
  if (!rulesSince(context, 3) || byRule) {
    return application
      ? [
          {
            type: 'ApplicationRejected',
            data: { timerId: timer.id, reasons: lapsed.reasons, rejectedBy: decidedBy, ...rule },
          },
        ]
      : [
          {
            type: 'AccreditationRefused',
            data: {
              timerId: timer.id,
              reasons: lapsed.reasons,
              decidedBy,
              renewal: state.certificate !== null,
              ...rule,
            },
          },
        ];
  }
  return [
    {
      type: 'LapseProposed',
      data: {
        timerId: timer.id,
        proposalId: timer.id,
        outcome: application ? 'rejection' : 'refusal',
        target: lapsed.target,
        dueAt: timer.at,
        reasons: lapsed.reasons,
        recipient: { role: 'decision_maker' },
      },
    },
  ];
}

/** Who decided an automatic lapse: the policy's rule, by the policy's version. */
const automaticLapseRule = (state: AccreditationCase) => `policy ${state.policy.version}: automaticLapse`;

function openProposal(state: AccreditationCase, proposalId: string) {
  return state.lapseProposal?.proposalId === proposalId ? state.lapseProposal : null;
}

const unknownProposal = (proposalId: string) =>
  reject('unknown_lapse_proposal', `There is no open proposal ${proposalId} of a lapsed deadline`);

export function confirmLapse(
  command: CommandOf<'ConfirmLapse'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const proposal = openProposal(state, command.data.proposalId);
  if (!proposal) return unknownProposal(command.data.proposalId);
  const { proposalId, reasons } = proposal;
  return proposal.outcome === 'rejection'
    ? accept({ type: 'ApplicationRejected', data: { reasons, rejectedBy: context.actor.id, proposalId } })
    : accept({
        type: 'AccreditationRefused',
        data: { reasons, decidedBy: context.actor.id, renewal: state.certificate !== null, proposalId },
      });
}

export function extendLapsedDeadline(
  command: CommandOf<'ExtendLapsedDeadline'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const proposal = openProposal(state, command.data.proposalId);
  if (!proposal) return unknownProposal(command.data.proposalId);
  return extension(state, context, proposal.target, command.data.newDueAt, command.data.reason);
}
