import { describe, expect, it } from 'vitest';
import { StepCommandSchema } from '../../domain/commands';
import { stepPagePath } from '../../domain/step-pages';
import { cases } from '../../web/src/cases/messages';
import { organisationFormStepTypes, stepTypeOfPath } from '../support/step-pages';

describe('the step page: one path for the web router and the e-mails', () => {
  const stepTypes = StepCommandSchema.options.map((option) => option.shape.type.value);

  it.each(stepTypes)('%s: the path e-mails link to opens its step on the router’s page', (stepType) => {
    const path = stepPagePath('c0ffee-1', stepType, 'cycle-1:request-1');
    expect(stepTypeOfPath(path)).toEqual({ id: 'c0ffee-1', stepType });
    expect(new URL(path, 'http://web.test').searchParams.get('subject')).toBe('cycle-1:request-1');
  });

  it('registers the organisation’s forms under real step types', async () => {
    const formTypes = await organisationFormStepTypes();
    expect(formTypes).toContain('SubmitSelfAssessment');
    expect(formTypes.filter((type) => !stepTypes.includes(type as never))).toEqual([]);
  });

  it('names every step on a case in German and English (a button never shows the command)', () => {
    const onACase = stepTypes.filter((type) => type !== 'OpenAccreditation');
    expect(onACase.filter((type) => !(type in cases.de.command))).toEqual([]);
    expect(onACase.filter((type) => !(type in cases.en.command))).toEqual([]);
  });

  it('is not the case page or a path outside the router', () => {
    expect(stepTypeOfPath('/accreditations/c0ffee-1')).toBeUndefined();
    expect(stepTypeOfPath('/tasks')).toBeUndefined();
  });
});
