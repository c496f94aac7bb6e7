import { describe, expect, it } from 'vitest';
import type { Command } from '../../domain/commands';
import {
  caseManager,
  command,
  given,
  leadAuditor,
  newCase,
  otherAuditor,
  otherStaff,
  reviewer,
} from './support';

/** Issue 20: a step that would change nothing records nothing (and so sends nothing). */

const at = (actor = caseManager) => ({ actor, now: '2026-01-12T10:00:00.000Z' });
const assignReviewer = (auditorId: string) =>
  command('AssignDocumentReviewer', { auditorId, conflictOfInterestDeclaredFree: true });
const assignLead = (auditorId: string) =>
  command('AssignLeadAuditor', { auditorId, conflictOfInterestDeclaredFree: true });

describe('a step that would change nothing', () => {
  const reviewing = newCase().reviewerAssigned();
  const planning = newCase().inAuditPlanning();
  const dated = newCase()
    .inAuditPlanning()
    .do(command('SetAuditDate', { auditDate: '2026-02-10' }), caseManager);

  it.each<[string, { events: Parameters<typeof given>[0] }, Command]>([
    ['assigning the document reviewer already assigned', reviewing, assignReviewer(reviewer.id)],
    ['assigning the lead auditor already assigned', planning, assignLead(leadAuditor.id)],
    ['setting the audit date already set', dated, command('SetAuditDate', { auditDate: '2026-02-10' })],
    [
      'assigning the case manager already in charge',
      reviewing,
      command('AssignCaseManager', { caseManagerId: caseManager.id }),
    ],
  ])('records nothing: %s', (_, { events }, step) => {
    given(events).when(step, at()).then([]);
  });

  it('is still checked first: a declaration withheld or a caller without the right is refused', () => {
    given(reviewing.events)
      .when(
        command('AssignDocumentReviewer', { auditorId: reviewer.id, conflictOfInterestDeclaredFree: false }),
        at(),
      )
      .then('conflict_of_interest_not_declared');
    given(reviewing.events).when(assignReviewer(reviewer.id), at(otherAuditor)).then('not_authorised');
  });

  it('is recorded when something does change', () => {
    const decision = given(reviewing.events).when(assignReviewer(otherAuditor.id), at()).decision;
    expect(decision.ok && decision.events.map((event) => event.type)).toEqual(['DocumentReviewerAssigned']);
    const reassigned = given(planning.events).when(assignLead(otherAuditor.id), at()).decision;
    expect(reassigned.ok && reassigned.events[0]?.data).toMatchObject({
      assignmentId: 'cycle-1:lead-auditor-2',
    });
    const handedOver = given(reviewing.events).when(
      command('AssignCaseManager', { caseManagerId: otherStaff.id }),
      at(),
    ).decision;
    expect(handedOver.ok && handedOver.events.length).toBe(1);
  });

  it('was recorded again by a run of rule set 1 (its history replays as it was)', () => {
    const decision = given(reviewing.events).when(assignReviewer(reviewer.id), {
      ...at(),
      ruleSet: 1,
    }).decision;
    expect(decision.ok && decision.events.map((event) => event.type)).toEqual(['DocumentReviewerAssigned']);
  });

  it('covers the investigator of a complaint and a deadline extended to itself', () => {
    const complaint = newCase()
      .accredited()
      .onRuleSet(6)
      .do(command('ReceiveComplaint', { complainant: 'Kunde', summary: 'Label missbraucht.' }), caseManager)
      .do(command('AcknowledgeComplaint', { complaintId: 'complaint-1' }), caseManager)
      .do(
        command('AssignComplaintInvestigator', { complaintId: 'complaint-1', investigatorId: otherStaff.id }),
        caseManager,
      );
    given(complaint.events)
      .when(
        command('AssignComplaintInvestigator', { complaintId: 'complaint-1', investigatorId: otherStaff.id }),
        at(),
      )
      .then([]);
    const requested = newCase().awaitingApplicant();
    const respondBy = requested.case.openRequest?.respondBy ?? '';
    given(requested.events)
      .when(
        command('ExtendDeadline', {
          target: { kind: 'information_request', id: 'cycle-1:request-1' },
          newDueAt: respondBy,
          reason: 'Versehentlich doppelt.',
        }),
        at(),
      )
      .then([]);
  });
});
