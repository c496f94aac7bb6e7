import { describe, expect, it } from 'vitest';
import { waitingFor } from '../../domain/waiting';
import { newCase } from './support';

describe('what a case waits for', () => {
  it('names the objection window while the lead auditor may still be objected to', () => {
    const planning = newCase().inAuditPlanning();
    expect(waitingFor(planning.state)).toEqual({
      reason: 'objection_window',
      until: planning.case.leadAuditor?.objectionWindowEndsAt,
      subjectId: 'cycle-1:lead-auditor-1',
    });
  });

  it('names the audit date once the window is closed and before any report', () => {
    expect(waitingFor(newCase().inAudit().state)).toEqual({
      reason: 'audit_date',
      until: '2026-01-28T00:00:00.000Z',
      subjectId: 'acc-1',
    });
  });

  it('names the self-assessment due date of an accredited case, then the renewal window', () => {
    expect(waitingFor(newCase().accredited().state)).toMatchObject({
      reason: 'self_assessment_due',
      until: '2027-01-31T10:00:00.000Z',
    });
  });

  it('names the answer an applicant owes, the end of a suspension, and nothing while only people work', () => {
    expect(waitingFor(newCase().awaitingApplicant().state)).toMatchObject({ reason: 'information_request' });
    expect(waitingFor(newCase().suspended().state)).toMatchObject({
      reason: 'suspension_end',
      until: '2026-09-01T09:00:00.000Z',
    });
    expect(waitingFor(newCase().applicationSubmitted().state)).toBeNull();
    expect(waitingFor(newCase().awaitingDecision().state)).toBeNull();
  });

  it('names a lapsed deadline waiting for a decision maker, with no end of its own', () => {
    const lapsed = newCase().awaitingApplicant().elapse('cycle-1:request-1:deadline');
    expect(waitingFor(lapsed.state)).toMatchObject({ reason: 'lapse_decision', until: null });
  });
});
