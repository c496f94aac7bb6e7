import { describe, expect, it } from 'vitest';
import {
  acknowledgementDue,
  type ComplaintActor,
  type ComplaintCommand,
  type ComplaintState,
  decideComplaint,
  evolveComplaint,
  initialComplaintState,
  pendingFollowUp,
} from '../../domain/complaint';
import { publicComplaint } from '../fixtures/complaints';

const staff: ComplaintActor = { id: 'staff-1', role: 'staff' };
const anyone: ComplaintActor = { id: 'public', role: 'public' };
const investigator: ComplaintActor = { id: 'auditor-9', role: 'auditor' };
const system: ComplaintActor = { id: 'system', role: 'system' };
const at = '2026-06-01T09:00:00.000Z';

const lodge: ComplaintCommand = {
  type: 'LodgeComplaint',
  data: {
    complaintId: 'c-1',
    complainantId: 'p-1',
    ...publicComplaint,
    acknowledgementDeadline: { days: 14 },
  },
};

/** Decides and folds each step in turn; throws on a refusal. */
function run(steps: [ComplaintCommand, ComplaintActor][], state = initialComplaintState()): ComplaintState {
  let current = state;
  for (const [command, actor] of steps) {
    const decision = decideComplaint(command, current, { now: at, actor });
    if (!decision.ok) throw new Error(decision.rejection.code);
    current = decision.events.reduce(evolveComplaint, current);
  }
  return current;
}

const refusal = (command: ComplaintCommand, actor: ComplaintActor, state: ComplaintState) => {
  const decision = decideComplaint(command, state, { now: at, actor });
  return decision.ok ? 'accepted' : decision.rejection.code;
};

const appoint = (investigatorId: string, involvedPeople: string[] = []): ComplaintCommand => ({
  type: 'AppointComplaintInvestigator',
  data: { investigatorId, involvedPeople },
});
const resolve = (followUp: 'none' | 'suspension' | 'special_audit'): ComplaintCommand => ({
  type: 'ResolveComplaint',
  data: { outcome: 'upheld', reasons: 'Belegt durch Fotos.', followUp },
});

describe('a complaint of its own', () => {
  it('is lodged by anyone with the acknowledgement deadline of the policy', () => {
    const decision = decideComplaint(lodge, initialComplaintState(), { now: at, actor: anyone });
    expect(decision).toMatchObject({
      ok: true,
      events: [
        { type: 'ComplaintLodged', data: { receivedAt: at, acknowledgeBy: '2026-06-15T09:00:00.000Z' } },
      ],
    });
    const state = run([[lodge, anyone]]);
    expect(acknowledgementDue(state)).toBe('2026-06-15T09:00:00.000Z');
    expect(refusal(lodge, anyone, state)).toBe('invalid_transition');
  });

  it('goes received → acknowledged → investigated → decided → answered → closed', () => {
    const state = run([
      [lodge, anyone],
      [{ type: 'AcknowledgeComplaint', data: {} }, staff],
      [appoint(investigator.id), staff],
      [resolve('none'), investigator],
      [{ type: 'AnswerComplainant', data: {} }, staff],
      [{ type: 'ConcludeComplaint', data: {} }, staff],
    ]);
    expect(state.status).toBe('closed');
    expect(acknowledgementDue(state)).toBeNull();
  });

  it('refuses an investigator involved with the case or the organisation, and anyone else deciding', () => {
    const acknowledged = run([
      [lodge, anyone],
      [{ type: 'AcknowledgeComplaint', data: {} }, staff],
    ]);
    expect(refusal(appoint('auditor-9', ['staff-1', 'auditor-9']), staff, acknowledged)).toBe(
      'investigator_not_independent',
    );
    expect(refusal({ type: 'AcknowledgeComplaint', data: {} }, anyone, run([[lodge, anyone]]))).toBe(
      'not_authorised',
    );
    const investigating = run([[appoint('auditor-9'), staff]], acknowledged);
    expect(refusal(resolve('none'), staff, investigating)).toBe('not_authorised');
    expect(refusal(resolve('none'), { id: 'auditor-2', role: 'auditor' }, investigating)).toBe(
      'not_authorised',
    );
  });

  it('escalates a missed acknowledgement once, and owes a decided follow-up until it is recorded', () => {
    const missed = run(
      [
        [{ type: 'MissComplaintAcknowledgement', data: {} }, system],
        [{ type: 'MissComplaintAcknowledgement', data: {} }, system],
      ],
      run([[lodge, anyone]]),
    );
    expect(missed.acknowledgementMissed).toBe(true);
    expect(acknowledgementDue(missed)).toBeNull();
    const decided = run(
      [
        [{ type: 'AcknowledgeComplaint', data: {} }, staff],
        [appoint(investigator.id), staff],
        [resolve('suspension'), investigator],
      ],
      missed,
    );
    expect(pendingFollowUp(decided)).toBe('suspension');
    const recorded = run(
      [[{ type: 'RecordComplaintFollowUp', data: { status: 'no_running_case', detail: null } }, system]],
      decided,
    );
    expect(pendingFollowUp(recorded)).toBeNull();
    expect(recorded.followUpStatus).toBe('no_running_case');
  });
});
