import { describe, expect, it } from 'vitest';
import { decide, initialState } from '../../domain/accreditation';
import { dim1002Edition2024 } from '../../domain/catalogue';
import { type Command, CommandSchema } from '../../domain/commands';
import { isNeverLonger } from '../../domain/duration';
import { defaultPolicy, type Policy } from '../../domain/policy';
import { caseManager } from './support';

/** Issue 20: a policy may shorten the standard's periods, never exceed them. */

const opening = (policy: Partial<Policy>, extra: Record<string, unknown> = {}) => ({
  type: 'OpenAccreditation' as const,
  data: {
    accreditationId: 'acc-1',
    organisationId: 'org-1',
    organisationName: 'Muster IT-Service GmbH',
    scope: 'Servicedesk',
    caseManagerId: caseManager.id,
    edition: dim1002Edition2024.edition,
    policy: { ...defaultPolicy, ...policy },
    ...extra,
  },
});

function issues(policy: Partial<Policy>, extra: Record<string, unknown> = {}) {
  const parsed = CommandSchema.safeParse(opening(policy, extra));
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
}

const now = '2026-01-05T09:00:00.000Z';

describe('the edition’s limits of the policy', () => {
  it('are data of the catalogue edition', () => {
    expect(dim1002Edition2024.policyLimits).toEqual([
      { field: 'certificateValidity', atMost: { years: 3 }, section: '5.3' },
      { field: 'selfAssessmentInterval', atMost: { months: 12 }, section: '5.3' },
      { field: 'maximumSuspension', atMost: { months: 6 }, section: 'practice' },
      { field: 'appealWindow', atMost: { months: 3 }, section: 'practice' },
      { field: 'appealDecisionDeadline', atMost: { months: 3 }, section: 'practice' },
    ]);
  });

  it.each<[string, Partial<Policy>, string]>([
    ['10 years of validity', { certificateValidity: { years: 10 } }, 'data.policy.certificateValidity'],
    ['3 years and a day', { certificateValidity: { years: 3, days: 1 } }, 'data.policy.certificateValidity'],
    ['1 096 days of validity', { certificateValidity: { days: 1096 } }, 'data.policy.certificateValidity'],
    [
      'a 2-year self-assessment interval',
      { selfAssessmentInterval: { years: 2 } },
      'data.policy.selfAssessmentInterval',
    ],
    ['a 3-year suspension', { maximumSuspension: { years: 3 } }, 'data.policy.maximumSuspension'],
    [
      'a suspension of 6 months and 1 hour',
      { maximumSuspension: { months: 6, hours: 1 } },
      'data.policy.maximumSuspension',
    ],
    ['an appeal window of a year', { appealWindow: { years: 1 } }, 'data.policy.appealWindow'],
    [
      'appeals decided within half a year',
      { appealDecisionDeadline: { months: 6 } },
      'data.policy.appealDecisionDeadline',
    ],
  ])('refuse %s, naming the field', (_, policy, field) => {
    expect(issues(policy)).toContain(field);
    const decision = decide(opening(policy) as Command, initialState(), { actor: caseManager, now });
    expect(decision.ok ? 'accepted' : decision.rejection).toMatchObject({
      code: 'policy_beyond_limits',
      message: expect.stringContaining(field.replace('data.', '')),
    });
  });

  it.each<[string, Partial<Policy>]>([
    ['the standard’s own periods', {}],
    ['36 months and 1 095 days of validity', { certificateValidity: { months: 36 } }],
    [
      'two years of validity and a half-yearly self-assessment',
      { certificateValidity: { years: 2 }, selfAssessmentInterval: { months: 6 } },
    ],
    ['a suspension of 180 days', { maximumSuspension: { days: 180 } }],
  ])('accept %s', (_, policy) => {
    expect(issues(policy)).toEqual([]);
    expect(decide(opening(policy) as Command, initialState(), { actor: caseManager, now }).ok).toBe(true);
  });

  it('do not bind a run of rule set 1 (its history replays as it was)', () => {
    const tenYears = opening({ certificateValidity: { years: 10 } }) as Command;
    expect(decide(tenYears, initialState(), { actor: caseManager, now, ruleSet: 1 }).ok).toBe(true);
  });

  it('compare calendar and fixed periods for every start date', () => {
    expect(isNeverLonger({ days: 1095 }, { years: 3 })).toBe(true);
    expect(isNeverLonger({ days: 1096 }, { years: 3 })).toBe(false);
    expect(isNeverLonger({ months: 36 }, { years: 3 })).toBe(true);
    expect(isNeverLonger({ months: 35, days: 28 }, { years: 3 })).toBe(true);
    expect(isNeverLonger({ months: 35, days: 29 }, { years: 3 })).toBe(false);
    expect(isNeverLonger({ years: 4 }, { years: 3, days: 366 })).toBe(true);
    expect(isNeverLonger({ years: 4 }, { years: 3, days: 365 })).toBe(false);
    expect(isNeverLonger({ seconds: 36 }, { years: 3 })).toBe(true);
  });
});

describe('technical areas of a case', () => {
  it('must be the edition’s, and named when the policy requires competent auditors', () => {
    expect(issues({}, { technicalAreas: ['itsm_operations', 'service_desk_support'] })).toEqual([]);
    expect(issues({}, { technicalAreas: ['astrology'] })).toEqual(['data.technicalAreas']);
    expect(issues({ requireAuditorCompetence: true })).toEqual(['data.technicalAreas']);
    const unnamed = opening({ requireAuditorCompetence: true }) as Command;
    const decision = decide(unnamed, initialState(), { actor: caseManager, now });
    expect(decision.ok ? 'accepted' : decision.rejection.code).toBe('technical_areas_missing');
  });
});
