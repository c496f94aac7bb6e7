import { describe, expect, it } from 'vitest';
import { type StepCommandInput, StepCommandSchema } from '../../domain/commands';
import { withStepDefaults } from '../../workflows/step-defaults';

/** Each kind of step whose schema has defaults, with every default left out. */
const unparsedSteps: StepCommandInput[] = [
  {
    type: 'OpenAccreditation',
    data: {
      accreditationId: 'case-1',
      organisationId: 'org-1',
      organisationName: 'Muster IT-Service GmbH',
      scope: 'Servicedesk',
      caseManagerId: 'staff-1',
    },
  },
  {
    type: 'OpenAccreditation',
    data: {
      accreditationId: 'case-2',
      organisationId: 'org-1',
      organisationName: 'Muster IT-Service GmbH',
      scope: 'Servicedesk',
      caseManagerId: 'staff-1',
      policy: { correctiveActionDeadline: { days: 60 } },
    },
  },
  { type: 'SubmitApplication', data: { items: [{ itemId: 'APP-1', statement: 'Wie beschrieben.' }] } },
  { type: 'ProvideInformation', data: { requestId: 'request-1', answer: 'Anbei.' } },
  { type: 'SubmitCorrectiveActionEvidence', data: { findingId: 'finding-1', description: 'Behoben.' } },
  { type: 'SubmitSelfAssessment', data: { selfAssessmentId: 'sa-1', statement: 'Alles erfüllt.' } },
  { type: 'ApplyForRenewal', data: {} },
];

describe('withStepDefaults (the workflow’s defaults for an unparsed step)', () => {
  it.each(unparsedSteps)('gives $type the defaults StepCommandSchema gives it', (step) => {
    expect(withStepDefaults(step)).toEqual(StepCommandSchema.parse(step));
  });

  it.each(unparsedSteps)('leaves a parsed $type as it is', (step) => {
    const parsed = StepCommandSchema.parse(step);
    expect(withStepDefaults(parsed)).toEqual(parsed);
  });
});
