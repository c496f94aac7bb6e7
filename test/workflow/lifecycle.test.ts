import { describe, expect, it } from 'vitest';
import { allConforming, completeApplication } from '../fixtures/application';
import { inDays, pilotPolicy } from '../support/policies';
import { useTestStack } from '../support/stack';

/**
 * A whole three-year cycle: the same workflow and domain as production, with the pilot policy's
 * durations in days (DESIGN.md §2: every duration is policy, not code), on the time-skipping test
 * server: the test waits for no timer, the server clock runs to the case's next deadline instead.
 */

describe('the accreditation workflow drives a whole cycle', () => {
  const stack = useTestStack({ temporal: 'time-skipping' });

  it('application → information request → audit with a major finding → certificate → self-assessments → renewal → cycle 2', async () => {
    const accreditation = stack.driver();
    const { caseManager, applicant, reviewer, leadAuditor, otherAuditor, decisionMaker } = accreditation.cast;
    await accreditation.open(inDays(pilotPolicy));
    await accreditation.step(applicant, { type: 'SubmitApplication', data: { items: completeApplication } });
    await accreditation.step(caseManager, {
      type: 'RequestInformation',
      data: { questions: ['Bitte reichen Sie das Organigramm nach.'] },
    });
    await accreditation.step(applicant, {
      type: 'ProvideInformation',
      data: { requestId: 'cycle-1:request-1', answer: 'Liegt bei.', documentIds: ['doc-organigramm'] },
    });
    await accreditation.step(caseManager, { type: 'AcceptApplication', data: {} });
    await accreditation.step(caseManager, {
      type: 'AssignDocumentReviewer',
      data: { auditorId: reviewer.id, conflictOfInterestDeclaredFree: true },
    });
    await accreditation.step(reviewer, { type: 'CompleteDocumentReview', data: { results: allConforming } });
    await accreditation.step(caseManager, {
      type: 'AssignLeadAuditor',
      data: { auditorId: leadAuditor.id, conflictOfInterestDeclaredFree: true },
    });
    await accreditation.step(caseManager, { type: 'SetAuditDate', data: { auditDate: '2030-01-01' } });
    await accreditation.waitForEvent('AuditorObjectionWindowClosed');
    await accreditation.step(leadAuditor, {
      type: 'CompleteAuditElement',
      data: {
        element: 'on_site_audit',
        findings: [
          { requirementId: 'SEC-2', severity: 'major', description: 'Kein Penetrationstest seit 2023.' },
        ],
      },
    });
    for (const element of ['customer_satisfaction_analysis', 'it_security_check']) {
      await accreditation.step(leadAuditor, {
        type: 'CompleteAuditElement',
        data: { element, findings: [] },
      });
    }
    expect(await accreditation.rejection(decisionMaker, { type: 'Grant', data: {} })).toBe(
      'open_major_findings',
    );
    await accreditation.step(applicant, {
      type: 'SubmitCorrectiveActionEvidence',
      data: {
        findingId: 'cycle-1:finding-1',
        description: 'Penetrationstest durchgeführt.',
        documentIds: ['doc-pentest'],
      },
    });
    await accreditation.step(leadAuditor, {
      type: 'VerifyCorrectiveAction',
      data: { findingId: 'cycle-1:finding-1', effective: true, comment: 'Bericht geprüft.' },
    });
    expect(await accreditation.rejection(leadAuditor, { type: 'Grant', data: {} })).toBe('not_authorised');
    const granted = await accreditation.step(decisionMaker, { type: 'Grant', data: {} });
    expect(granted).toMatchObject({ status: 'accredited', eventTypes: ['AccreditationGranted'] });

    // Self-assessment 1 on time, no reminder needed.
    await accreditation.step(applicant, {
      type: 'SubmitSelfAssessment',
      data: { selfAssessmentId: 'cycle-1:self-assessment-1', statement: 'Alle Anforderungen erfüllt.' },
    });
    await accreditation.step(caseManager, {
      type: 'ReviewSelfAssessment',
      data: { selfAssessmentId: 'cycle-1:self-assessment-1', review: { outcome: 'accepted' } },
    });

    // Self-assessment 2 late: reminder before, on the day and after, then escalation.
    await accreditation.waitForEvent('SelfAssessmentEscalated');
    await accreditation.step(applicant, {
      type: 'SubmitSelfAssessment',
      data: { selfAssessmentId: 'cycle-1:self-assessment-2', statement: 'Verspätet, aber vollständig.' },
    });
    await accreditation.step(caseManager, {
      type: 'ReviewSelfAssessment',
      data: { selfAssessmentId: 'cycle-1:self-assessment-2', review: { outcome: 'accepted' } },
    });

    // Renewal: re-audit by another auditor, decided before expiry.
    const window = await accreditation.waitForEvent('RenewalWindowOpened');
    await accreditation.step(applicant, { type: 'ApplyForRenewal', data: { documentIds: ['doc-update'] } });
    await accreditation.step(caseManager, {
      type: 'AssignDocumentReviewer',
      data: { auditorId: otherAuditor.id, conflictOfInterestDeclaredFree: true },
    });
    await accreditation.step(otherAuditor, {
      type: 'CompleteDocumentReview',
      data: { results: allConforming },
    });
    await accreditation.step(caseManager, {
      type: 'AssignLeadAuditor',
      data: { auditorId: otherAuditor.id, conflictOfInterestDeclaredFree: true },
    });
    await accreditation.step(caseManager, { type: 'SetAuditDate', data: { auditDate: '2030-01-01' } });
    await accreditation.waitForEvent('AuditorObjectionWindowClosed', { after: window.stream_version });
    for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check']) {
      await accreditation.step(otherAuditor, {
        type: 'CompleteAuditElement',
        data: { element, findings: [] },
      });
    }
    await accreditation.step(decisionMaker, { type: 'Grant', data: {} });

    const renewed = await accreditation.waitForEvent('CycleRenewed');
    const events = await accreditation.events();
    const grants = events.filter((event) => event.event_type === 'AccreditationGranted');
    const firstValidUntil = (grants[0]?.data as { validUntil: string } | undefined)?.validUntil;
    expect(firstValidUntil).toBeDefined();
    expect(grants.map((grant) => grant.data)).toEqual([
      expect.objectContaining({ cycle: 1, renewal: false }),
      expect.objectContaining({
        cycle: 2,
        renewal: true,
        validFrom: firstValidUntil,
      }),
    ]);
    expect(renewed.data).toMatchObject({ cycle: 2 });

    expect(events.map((event) => event.event_type)).toEqual([
      'AccreditationOpened',
      'ApplicationSubmitted',
      'InformationRequested',
      'InformationProvided',
      'ApplicationAccepted',
      'DocumentReviewerAssigned',
      'DocumentReviewCompleted',
      'LeadAuditorAssigned',
      'AuditDateSet',
      'AuditorObjectionWindowClosed',
      'AuditElementCompleted',
      'AuditElementCompleted',
      'AuditElementCompleted',
      'CorrectiveActionEvidenceSubmitted',
      'CorrectiveActionVerified',
      'AccreditationGranted',
      'SelfAssessmentSubmitted',
      'SelfAssessmentAccepted',
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentReminderSent',
      'SelfAssessmentEscalated',
      'SelfAssessmentSubmitted',
      'SelfAssessmentAccepted',
      'RenewalWindowOpened',
      'RenewalApplied',
      'DocumentReviewerAssigned',
      'DocumentReviewCompleted',
      'LeadAuditorAssigned',
      'AuditDateSet',
      'AuditorObjectionWindowClosed',
      'AuditElementCompleted',
      'AuditElementCompleted',
      'AuditElementCompleted',
      'AccreditationGranted',
      'CycleRenewed',
    ]);
    expect(events.map((event) => event.stream_version)).toEqual(events.map((_, index) => index + 1));

    // Cycle 2 runs in a new run of the same workflow, carrying the state over.
    const handle = stack.temporal.client.workflow.getHandle(accreditation.workflowId);
    await expect
      .poll(async () => (await handle.describe()).runId, { timeout: 10_000 })
      .not.toBe(events.find((event) => event.event_type === 'AccreditationOpened')?.metadata.runId);
    const live = await accreditation.state();
    expect(live.version).toBe(events.length);
    expect(live.state).toMatchObject({ status: 'accredited', cycle: 2 });
  }, 90_000);
});
