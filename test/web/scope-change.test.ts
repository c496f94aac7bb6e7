import { describe, expect, it } from 'vitest';
import { mayApplyForScopeChange, scopeChangeRules } from '../../web/src/scope-change/rules';

describe('the organisation’s scope change form (issue 20 item 9)', () => {
  const current = 'IT-Servicedesk, Standort München';
  const rules = scopeChangeRules(current, { required: 'required', unchanged: 'unchanged' });

  it('holds back a blank or unchanged scope and a blank reason', () => {
    expect(rules.scope('  ')).toBe('required');
    expect(rules.scope(` ${current} `)).toBe('unchanged');
    expect(rules.scope(`${current} und Augsburg`)).toBeNull();
    expect(rules.reason('\n')).toBe('required');
    expect(rules.reason('Zweiter Standort')).toBeNull();
  });

  it('is offered on a valid certificate with no change undecided', () => {
    const certificate = { number: 'DIM1002-2026-7K3M9QXA' };
    expect(mayApplyForScopeChange({ status: 'accredited', certificate, scopeChanges: [] })).toBe(true);
    expect(
      mayApplyForScopeChange({
        status: 'accredited',
        certificate,
        scopeChanges: [{ decision: { granted: true } }],
      }),
    ).toBe(true);
    expect(
      mayApplyForScopeChange({ status: 'accredited', certificate, scopeChanges: [{ decision: null }] }),
    ).toBe(false);
    expect(mayApplyForScopeChange({ status: 'suspended', certificate })).toBe(false);
    expect(mayApplyForScopeChange({ status: 'audit', certificate: null })).toBe(false);
  });
});
