import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../domain/policy';
import { openTasks } from '../../domain/tasks';
import { dueTimers } from '../../domain/timers';
import {
  applicant,
  caseManager,
  command,
  completeApplication,
  leadAuditor,
  newCase,
  reviewer,
} from './support';

const majorFinding = 'cycle-1:finding-1';

describe('auditor deadlines', () => {
  const reviewReminder = 'cycle-1:document-review-reminder-2026-02-06T09:00:00.000Z';
  const reportReminder = 'cycle-1:audit-report-reminder-2026-02-11T00:00:00.000Z';

  it('give the document review a due date from the assignment, and remind the reviewer before it', () => {
    const assigned = newCase().reviewerAssigned();
    expect(assigned.events.at(-1)?.data).toMatchObject({ reviewDueBy: '2026-02-06T09:00:00.000Z' });
    expect(openTasks(assigned.state)).toMatchObject([
      { kind: 'complete_document_review', assigneeId: reviewer.id, dueAt: '2026-02-06T09:00:00.000Z' },
    ]);
    expect(dueTimers(assigned.state).find((timer) => timer.id === reviewReminder)?.at).toBe(
      '2026-02-03T09:00:00.000Z',
    );
    assigned.elapse(reviewReminder);
    expect(assigned.events.at(-1)).toEqual({
      type: 'AuditorDeadlineApproaching',
      data: {
        timerId: reviewReminder,
        task: 'complete_document_review',
        dueAt: '2026-02-06T09:00:00.000Z',
        recipient: { role: 'auditor', userId: reviewer.id },
      },
    });
    expect(dueTimers(assigned.state).map((timer) => timer.id)).not.toContain(reviewReminder);
  });

  it('end with the document review: no reminder once it is completed', () => {
    const reviewed = newCase().reviewerAssigned().completeDocumentReview();
    expect(dueTimers(reviewed.state).map((timer) => timer.id)).not.toContain(reviewReminder);
  });

  it('give the audit report a due date from the audit day, and remind the lead auditor before it', () => {
    const audit = newCase().inAudit();
    const auditDateSet = audit.events.find((event) => event.type === 'AuditDateSet');
    expect(auditDateSet?.data).toEqual({ auditDate: '2026-01-28', reportDueBy: '2026-02-11T00:00:00.000Z' });
    expect(openTasks(audit.state).filter((task) => task.kind === 'complete_audit_element')).toHaveLength(3);
    expect(openTasks(audit.state).every((task) => task.dueAt === '2026-02-11T00:00:00.000Z')).toBe(true);

    audit.completeAuditElement('on_site_audit').elapse(reportReminder);
    expect(audit.events.at(-1)).toEqual({
      type: 'AuditorDeadlineApproaching',
      data: {
        timerId: reportReminder,
        task: 'complete_audit_elements',
        dueAt: '2026-02-11T00:00:00.000Z',
        recipient: { role: 'auditor', userId: leadAuditor.id },
      },
    });
  });

  it('need no reminder once every audit element is completed', () => {
    const decided = newCase().awaitingDecision();
    expect(dueTimers(decided.state).map((timer) => timer.id)).not.toContain(reportReminder);
  });

  it('give the verification of evidence a due date from its submission, and remind the lead auditor before it', () => {
    const submitted = newCase()
      .inCorrectiveActions()
      .do(
        command('SubmitCorrectiveActionEvidence', { findingId: majorFinding, description: 'Eingeführt.' }),
        applicant,
        '2026-02-02T10:00:00.000Z',
      );
    const verifyBy = '2026-02-16T10:00:00.000Z';
    const reminder = `${majorFinding}:verification-reminder-${verifyBy}`;
    expect(submitted.events.at(-1)?.data).toMatchObject({ findingId: majorFinding, verifyBy });
    expect(openTasks(submitted.state)).toContainEqual(
      expect.objectContaining({ kind: 'verify_corrective_action', subjectId: majorFinding, dueAt: verifyBy }),
    );
    expect(dueTimers(submitted.state).find((timer) => timer.id === reminder)?.at).toBe(
      '2026-02-13T10:00:00.000Z',
    );

    const reminded = newCase().record(submitted.events).elapse(reminder);
    expect(reminded.events.at(-1)).toEqual({
      type: 'AuditorDeadlineApproaching',
      data: {
        timerId: reminder,
        task: 'verify_finding',
        dueAt: verifyBy,
        findingId: majorFinding,
        recipient: { role: 'auditor', userId: leadAuditor.id },
      },
    });

    submitted.do(
      command('VerifyCorrectiveAction', { findingId: majorFinding, effective: true, comment: 'Ok.' }),
      leadAuditor,
      '2026-02-03T10:00:00.000Z',
    );
    expect(dueTimers(submitted.state).map((timer) => timer.id)).not.toContain(reminder);
  });

  it('do not exist for a case opened under a policy without them (opened before they existed)', () => {
    const { auditorDeadlines: _, ...olderPolicy } = defaultPolicy;
    const older = newCase();
    older.record([
      {
        type: 'AccreditationOpened',
        data: {
          accreditationId: 'acc-1',
          organisationId: 'org-1',
          organisationName: 'Muster IT-Service GmbH',
          scope: 'IT-Servicedesk',
          caseManagerId: caseManager.id,
          edition: 'DIM 1002:2024',
          policy: olderPolicy,
          openedAt: older.now,
        },
      },
    ]);
    older
      .do(command('SubmitApplication', { items: completeApplication }), applicant)
      .do(command('AcceptApplication', {}), caseManager)
      .assignDocumentReviewer();
    expect(older.events.at(-1)?.data).not.toHaveProperty('reviewDueBy');
    expect(openTasks(older.state)).toMatchObject([{ kind: 'complete_document_review', dueAt: null }]);
    expect(dueTimers(older.state).filter((timer) => timer.kind === 'document_review_reminder')).toEqual([]);
  });
});
