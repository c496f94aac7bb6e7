import { describe, expect, it } from 'vitest';
import { decide } from '../../domain/accreditation';
import { caseManager, command, decisionMaker, given, newCase } from './support';

/** Rule set 6: what a complaint with its own life cycle does on the case. */
describe('a complaint’s follow-up on the case (rule set 6)', () => {
  const complaintId = 'a1b2c3d4-0000-4000-8000-000000000001';
  const propose = command('ProposeSuspension', {
    complaintId,
    reason: 'Beschwerde begründet: Zeichen missbraucht',
  });

  it('proposes the suspension to a decision maker, once; a decision maker confirms it', () => {
    const accredited = newCase().accredited();
    const now = accredited.now;
    const proposed = {
      type: 'SuspensionProposed',
      data: {
        proposalId: `complaint-${complaintId}:suspension-proposal`,
        complaintId,
        reason: 'Beschwerde begründet: Zeichen missbraucht',
        recipient: { role: 'decision_maker' },
      },
    } as const;
    given(accredited.events).when(propose, { actor: caseManager, now, ruleSet: 6 }).then([proposed]);
    given(accredited.events)
      .when(propose, { actor: caseManager, now, ruleSet: 5 })
      .then('invalid_transition');
    given(accredited.events).when(propose, { actor: decisionMaker, now, ruleSet: 6 }).then('not_authorised');

    accredited.do(propose, caseManager);
    expect(accredited.state).toMatchObject({
      suspensionProposal: { complaintId, decider: 'decision_maker' },
    });
    given(accredited.events).when(propose, { actor: caseManager, now, ruleSet: 6 }).then([]);
    const other = command('ProposeSuspension', { complaintId: 'other', reason: 'x' });
    given(accredited.events)
      .when(other, { actor: caseManager, now, ruleSet: 6 })
      .then('suspension_already_proposed');

    const proposalId = `complaint-${complaintId}:suspension-proposal`;
    accredited
      .do(command('TakeDecision', {}), decisionMaker)
      .do(command('ConfirmSuspensionProposal', { proposalId }), decisionMaker);
    expect(accredited.state.status).toBe('suspended');
  });

  it('schedules a special audit naming a complaint of its own stream', () => {
    const accredited = newCase().accredited();
    const schedule = command('ScheduleSpecialAudit', { reason: 'Beschwerde', complaintId });
    const context = { actor: caseManager, now: accredited.now };
    expect(decide(schedule, accredited.state, { ...context, ruleSet: 6 })).toMatchObject({
      ok: true,
      events: [{ type: 'SpecialAuditScheduled', data: { complaintId } }],
    });
    given(accredited.events)
      .when(schedule, { ...context, ruleSet: 5 })
      .then('unknown_complaint');
  });
});
