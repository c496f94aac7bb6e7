import { findCatalogue } from '../catalogue';
import type { CommandContext, CommandOf } from '../commands';
import { isBefore } from '../duration';
import { openingIssues } from '../opening-checks';
import { defaultPolicy } from '../policy';
import type { AccreditationCase } from '../state';
import { authorise } from './authorise';
import { accept, type Decision, reject } from './outcome';
import { catalogueOf, compareIds, nextRequest, rulesSince, unchangedBy } from './shared';

export function openAccreditation(
  command: CommandOf<'OpenAccreditation'>,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, null);
  if (denied) return denied;
  const { policy, ...data } = command.data;
  if (!findCatalogue(data.edition)) {
    return reject('unknown_edition', `There is no catalogue for edition ${data.edition}`);
  }
  const [issue] = rulesSince(context, 2) ? openingIssues(command.data) : [];
  if (issue) return reject(issue.code, `${issue.path.join('.')}: ${issue.message}`);
  return accept({
    type: 'AccreditationOpened',
    data: { ...data, policy: policy ?? defaultPolicy, openedAt: context.now },
  });
}

export function assignCaseManager(
  command: CommandOf<'AssignCaseManager'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  if (unchangedBy(context, command.data.caseManagerId === state.caseManagerId)) return accept();
  return accept({ type: 'CaseManagerAssigned', data: command.data });
}

export function submitApplication(
  command: CommandOf<'SubmitApplication'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const expected = catalogueOf(state).applicationItems.map((item) => item.id);
  const { unknown, duplicates, missing } = compareIds(
    command.data.items.map((item) => item.itemId),
    expected,
  );
  if (unknown.length > 0) {
    return reject('unknown_application_item', `Unknown application items: ${unknown.join(', ')}`);
  }
  if (duplicates.length > 0) {
    return reject('duplicate_application_item', `Application items given twice: ${duplicates.join(', ')}`);
  }
  if (missing.length > 0) {
    return reject('application_items_missing', `Application items missing: ${missing.join(', ')}`);
  }
  return accept({
    type: 'ApplicationSubmitted',
    data: { items: command.data.items, submittedAt: context.now },
  });
}

export function requestInformation(
  command: CommandOf<'RequestInformation'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  return accept({
    type: 'InformationRequested',
    data: { ...nextRequest(state, context), questions: command.data.questions },
  });
}

export function provideInformation(
  command: CommandOf<'ProvideInformation'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  const denied = authorise(command.type, context, state);
  if (denied) return denied;
  const request = state.openRequest;
  if (!request || request.requestId !== command.data.requestId) {
    return reject('unknown_request', `There is no open request ${command.data.requestId}`);
  }
  if (isBefore(request.respondBy, context.now)) {
    return reject('response_deadline_passed', `The answer was due by ${request.respondBy}`);
  }
  return accept({ type: 'InformationProvided', data: command.data });
}

export function acceptApplication(
  command: CommandOf<'AcceptApplication'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  return (
    authorise(command.type, context, state) ??
    accept({ type: 'ApplicationAccepted', data: { acceptedBy: context.actor.id } })
  );
}

export function rejectApplication(
  command: CommandOf<'RejectApplication'>,
  state: AccreditationCase,
  context: CommandContext,
): Decision {
  return (
    authorise(command.type, context, state) ??
    accept({
      type: 'ApplicationRejected',
      data: { reasons: command.data.reasons, rejectedBy: context.actor.id },
    })
  );
}
