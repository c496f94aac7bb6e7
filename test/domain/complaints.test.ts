import { describe, expect, it } from 'vitest';
import { isFinished } from '../../domain/accreditation';
import { dueTimers } from '../../domain/timers';
import { caseManager, command, given, leadAuditor, newCase, otherStaff, reviewer } from './support';

const complaintId = 'complaint-1';

/** Recorded inside the case, as rule sets up to 6 did; since rule set 7 a complaint has its own life cycle. */
function receivedComplaint() {
  return newCase()
    .onRuleSet(6)
    .accredited()
    .do(
      command('ReceiveComplaint', {
        complainant: 'Stadtwerke Musterstadt',
        summary: 'Das DIM-Label wird für nicht akkreditierte Leistungen verwendet.',
      }),
      caseManager,
      '2026-06-01T09:00:00.000Z',
    );
}

describe('complaints', () => {
  it('are received with an acknowledgement deadline', () => {
    const received = receivedComplaint();
    expect(received.events.at(-1)).toEqual({
      type: 'ComplaintReceived',
      data: {
        complaintId,
        complainant: 'Stadtwerke Musterstadt',
        summary: 'Das DIM-Label wird für nicht akkreditierte Leistungen verwendet.',
        receivedAt: '2026-06-01T09:00:00.000Z',
        acknowledgeBy: '2026-06-15T09:00:00.000Z',
      },
    });
    expect(dueTimers(received.state)[0]).toEqual({
      id: `${complaintId}:acknowledgement-deadline`,
      kind: 'complaint_acknowledgement_deadline',
      at: '2026-06-15T09:00:00.000Z',
      subjectId: complaintId,
    });
  });

  it('escalate to the case manager when not acknowledged in time', () => {
    const overdue = receivedComplaint().elapse(`${complaintId}:acknowledgement-deadline`);
    expect(overdue.events.at(-1)).toEqual({
      type: 'ComplaintAcknowledgementOverdue',
      data: {
        timerId: `${complaintId}:acknowledgement-deadline`,
        complaintId,
        recipient: { role: 'staff', userId: caseManager.id },
      },
    });
  });

  it('run from receipt through an independent investigation to closure', () => {
    const complaint = receivedComplaint()
      .do(command('AcknowledgeComplaint', { complaintId }), caseManager, '2026-06-02T09:00:00.000Z')
      .do(
        command('AssignComplaintInvestigator', { complaintId, investigatorId: otherStaff.id }),
        caseManager,
      );
    expect(dueTimers(complaint.state).map((timer) => timer.kind)).not.toContain(
      'complaint_acknowledgement_deadline',
    );

    const decide = command('DecideComplaint', {
      complaintId,
      outcome: 'upheld',
      reasoning: 'Label auf Angebot für nicht akkreditierte Leistungen.',
      followUp: 'suspension',
    });
    given(complaint.events)
      .when(decide, { actor: caseManager, now: '2026-06-10T09:00:00.000Z' })
      .then('not_assigned');
    complaint.do(decide, otherStaff, '2026-06-10T09:00:00.000Z');
    expect(complaint.case.complaints[0]).toMatchObject({
      status: 'decided',
      outcome: 'upheld',
      followUp: 'suspension',
    });

    complaint.do(command('Suspend', { reason: 'Beschwerde bestätigt.', complaintId }), caseManager);
    expect(complaint.events.at(-2)).toMatchObject({ type: 'AccreditationSuspended', data: { complaintId } });

    complaint.do(command('CloseComplaint', { complaintId }), caseManager);
    expect(complaint.case.complaints).toEqual([]);
    given(complaint.events)
      .when(command('CloseComplaint', { complaintId }), { actor: caseManager, now: complaint.now })
      .then('unknown_complaint');
  });

  it('keep the steps in order', () => {
    const received = receivedComplaint();
    const context = { actor: caseManager, now: '2026-06-02T09:00:00.000Z' };
    given(received.events)
      .when(command('AssignComplaintInvestigator', { complaintId, investigatorId: otherStaff.id }), context)
      .then('invalid_transition');
    given(received.events)
      .when(command('CloseComplaint', { complaintId }), context)
      .then('invalid_transition');
  });

  it('are investigated by nobody involved in the case', () => {
    const acknowledged = receivedComplaint().do(
      command('AcknowledgeComplaint', { complaintId }),
      caseManager,
    );
    for (const investigatorId of [caseManager.id, leadAuditor.id, reviewer.id]) {
      given(acknowledged.events)
        .when(command('AssignComplaintInvestigator', { complaintId, investigatorId }), {
          actor: caseManager,
          now: acknowledged.now,
        })
        .then('investigator_not_independent');
    }
  });

  it('are possible after withdrawal, and keep the case open until closed', () => {
    const withdrawn = newCase().onRuleSet(6).withdrawn().elapse('cycle-1:withdrawal-1:appeal-window-end');
    expect(isFinished(withdrawn.state)).toBe(true);
    withdrawn.do(
      command('ReceiveComplaint', { complainant: 'Wettbewerber', summary: 'Label weiter genutzt.' }),
      caseManager,
    );
    expect(isFinished(withdrawn.state)).toBe(false);
  });

  it('are no longer recorded inside a case since rule set 7: they have a life cycle of their own', () => {
    const accredited = newCase().accredited();
    const receive = command('ReceiveComplaint', { complainant: 'Kunde', summary: 'Label missbraucht.' });
    given(accredited.events)
      .when(receive, { actor: caseManager, now: accredited.now })
      .then('complaint_has_own_life_cycle');
    given(accredited.events)
      .when(receive, { actor: caseManager, now: accredited.now, ruleSet: 6 })
      .then([
        {
          type: 'ComplaintReceived',
          data: {
            complaintId,
            complainant: 'Kunde',
            summary: 'Label missbraucht.',
            receivedAt: accredited.now,
            acknowledgeBy: '2026-02-14T10:00:00.000Z',
          },
        },
      ]);
  });
});
