import { describe, expect, it } from 'vitest';
import { openTasks } from '../../domain/tasks';
import { caseManager, command, leadAuditor, newCase, otherStaff, reviewer } from './support';

const summary = (tasks: ReturnType<typeof openTasks>) =>
  tasks.map(({ kind, assigneeRole, assigneeId, dueAt }) => [kind, assigneeRole, assigneeId, dueAt]);

describe('open tasks', () => {
  it('asks the organisation for its application, then the case manager for a review', () => {
    expect(summary(openTasks(newCase().open().state))).toEqual([
      ['submit_application', 'organisation', 'org-1', null],
    ]);
    expect(summary(openTasks(newCase().applicationSubmitted().state))).toEqual([
      ['review_application', 'staff', caseManager.id, null],
    ]);
  });

  it('follow the case to a new case manager', () => {
    const handedOver = newCase()
      .applicationSubmitted()
      .do(command('AssignCaseManager', { caseManagerId: otherStaff.id }), caseManager);
    expect(summary(openTasks(handedOver.state))).toEqual([
      ['review_application', 'staff', otherStaff.id, null],
    ]);
  });

  it('shows an information request with its deadline', () => {
    expect(summary(openTasks(newCase().awaitingApplicant().state))).toEqual([
      ['answer_request', 'organisation', 'org-1', '2026-02-07T09:00:00.000Z'],
    ]);
  });

  it('hands the document review to the reviewer once assigned', () => {
    expect(summary(openTasks(newCase().inDocumentReview().state))).toEqual([
      ['assign_document_reviewer', 'staff', caseManager.id, null],
    ]);
    expect(summary(openTasks(newCase().reviewerAssigned().state))).toEqual([
      ['complete_document_review', 'auditor', reviewer.id, '2026-02-06T09:00:00.000Z'],
    ]);
  });

  it('lists the outstanding audit elements and corrective actions', () => {
    const corrective = newCase().inCorrectiveActions();
    expect(summary(openTasks(corrective.state))).toEqual([
      ['submit_corrective_action_evidence', 'organisation', 'org-1', '2026-04-28T15:00:00.000Z'],
      ['submit_action_plan', 'organisation', 'org-1', '2026-02-27T15:00:00.000Z'],
    ]);
  });

  it('offers the decision to decision makers other than the auditors', () => {
    expect(openTasks(newCase().awaitingDecision().state)).toEqual([
      {
        id: 'decide_accreditation:acc-1',
        kind: 'decide_accreditation',
        assigneeRole: 'decision_maker',
        assigneeId: null,
        dueAt: null,
        subjectId: 'acc-1',
        excludedUserIds: [reviewer.id, leadAuditor.id],
      },
    ]);
  });

  it('shows a self-assessment from its first reminder and its review after submission', () => {
    const accredited = newCase().accredited();
    expect(openTasks(accredited.state)).toEqual([]);
    accredited.elapse('cycle-1:self-assessment-1:reminder-30d');
    expect(summary(openTasks(accredited.state))).toEqual([
      ['submit_self_assessment', 'organisation', 'org-1', '2027-01-31T10:00:00.000Z'],
    ]);
    accredited.do(
      command('SubmitSelfAssessment', {
        selfAssessmentId: 'cycle-1:self-assessment-1',
        statement: 'Erfüllt.',
      }),
      { id: 'user-olga', role: 'organisation', organisationId: 'org-1' },
    );
    expect(summary(openTasks(accredited.state))).toEqual([
      ['review_self_assessment', 'staff', caseManager.id, null],
    ]);
  });

  it('asks the case manager to end a suspension in time', () => {
    expect(summary(openTasks(newCase().suspended().state))).toEqual([
      ['end_suspension', 'staff', caseManager.id, '2026-09-01T09:00:00.000Z'],
    ]);
  });
});
