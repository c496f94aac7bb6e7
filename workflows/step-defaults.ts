import { currentEdition } from '../domain/catalogue';
import type { StepCommand, StepCommandInput } from '../domain/commands';
import { defaultPolicy, type Policy } from '../domain/policy';

/**
 * The defaults `StepCommandSchema` applies, for a step that reaches the workflow unparsed: one in a
 * history recorded while the workflow still parsed steps itself, or one from a sender of an older
 * release during a rolling deploy. A parsed step comes out as it went in. The unit test holds this
 * to the schema, kind by kind.
 */
export function withStepDefaults(step: StepCommand | StepCommandInput): StepCommand {
  switch (step.type) {
    case 'OpenAccreditation': {
      const { policy, ...data } = step.data;
      return {
        type: step.type,
        data: {
          ...data,
          edition: data.edition ?? currentEdition,
          ...(policy ? { policy: { ...defaultPolicy, ...(policy as Partial<Policy>) } } : {}),
        },
      };
    }
    case 'SubmitApplication':
      return {
        type: step.type,
        data: {
          ...step.data,
          items: step.data.items.map((item) => ({ ...item, documentIds: item.documentIds ?? [] })),
        },
      };
    case 'ProvideInformation':
    case 'SubmitCorrectiveActionEvidence':
    case 'SubmitSelfAssessment':
    case 'ApplyForRenewal':
      return { ...step, data: { ...step.data, documentIds: step.data.documentIds ?? [] } } as StepCommand;
    default:
      return step as StepCommand;
  }
}
