import { beforeAll, describe, expect, it } from 'vitest';
import { allConforming, completeApplication } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { eventually, organisationBody, pdf } from '../support/api-harness';
import { pilotPolicy } from '../support/policies';
import { useTestStack } from '../support/stack';

/**
 * End to end through HTTP: the real API on a port, a worker, Temporal and PostgreSQL. One
 * organisation from opening to certificate and through a self-assessment, each step by the user of
 * the right role with their own token — the users themselves created through the API.
 */
describe('one organisation from opening to certificate, through HTTP', () => {
  const api = useTestStack({ api: true });
  let admin: TestUser;

  beforeAll(async () => {
    admin = await api.user('admin');
  });

  /** A user created through the API by an administrator or case manager, with the token it got. */
  async function createUser(
    by: TestUser,
    role: TestUser['role'],
    organisationId?: string,
  ): Promise<TestUser> {
    const email = `${role}-${Math.random().toString(36).slice(2)}@example.org`;
    const created = await api.call(by, 'POST', '/users', {
      email,
      name: `${role} person`,
      role,
      ...(organisationId ? { organisationId } : {}),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { user, token } = created.body;
    return {
      id: user.id,
      role,
      organisationId: user.organisationId,
      token: token.token,
      headers: { authorization: `Bearer ${token.token}` },
    };
  }

  it('opening → application → review → audit → corrective action → grant → register → self-assessment', async () => {
    const caseManager = await createUser(admin, 'staff');
    const decisionMaker = await createUser(admin, 'decision_maker');
    const reviewer = await createUser(admin, 'auditor');
    const leadAuditor = await createUser(admin, 'auditor');

    const opened = await api.call(caseManager, 'POST', '/accreditations', {
      ...organisationBody(),
      policy: pilotPolicy,
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id: string = opened.body.id;
    const organisationId: string = opened.body.organisation.id;
    const applicant = await createUser(caseManager, 'organisation', organisationId);
    const path = (step: string) => `/accreditations/${id}/${step}`;
    const step = async (user: TestUser, name: string, body: unknown, expectedStatus?: string) => {
      const response = await api.call(user, 'POST', path(name), body);
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(200);
      if (expectedStatus) expect(response.body.status).toBe(expectedStatus);
      return response.body;
    };
    const inbox = async (user: TestUser) =>
      (await api.call(user, 'GET', '/tasks')).body.items as { kind: string; accreditationId: string }[];

    // The organisation sees its task, uploads evidence and applies.
    expect((await inbox(applicant)).map((task) => task.kind)).toEqual(['submit_application']);
    const upload = await api.call(applicant, 'POST', '/documents?filename=prozesse.pdf', pdf('prozesse'), {
      'content-type': 'application/pdf',
    });
    expect(upload.status).toBe(201);
    const documentId: string = upload.body.id;
    const items = completeApplication.map((item) =>
      item.documentIds ? { ...item, documentIds: [documentId] } : item,
    );
    await step(applicant, 'application', { items }, 'application_review');

    // The case manager accepts and assigns the document reviewer, who finds the task in the inbox.
    await step(caseManager, 'application/accept', {}, 'document_review');
    await step(caseManager, 'document-reviewer', {
      auditorId: reviewer.id,
      conflictOfInterestDeclaredFree: true,
    });
    expect(await inbox(reviewer)).toEqual([
      expect.objectContaining({ kind: 'complete_document_review', accreditationId: id }),
    ]);
    expect((await api.call(reviewer, 'GET', `/documents/${documentId}`)).status).toBe(200);
    await step(reviewer, 'document-review', { results: allConforming }, 'audit_planning');

    // Audit planning: lead auditor, date, objection window (a timer of one second).
    await step(caseManager, 'lead-auditor', {
      auditorId: leadAuditor.id,
      conflictOfInterestDeclaredFree: true,
    });
    await step(leadAuditor, 'audit-date', { auditDate: '2030-01-01' });
    await eventually(
      () => api.call(leadAuditor, 'GET', `/accreditations/${id}`),
      (response) => response.body.status === 'audit',
    );

    // The audit with a major finding: no grant until the corrective action is verified.
    await step(leadAuditor, 'audit-elements', {
      element: 'on_site_audit',
      findings: [
        { requirementId: 'SEC-2', severity: 'major', description: 'Kein Penetrationstest seit 2023.' },
      ],
    });
    for (const element of ['customer_satisfaction_analysis', 'it_security_check']) {
      await step(leadAuditor, 'audit-elements', { element, findings: [] });
    }
    const early = await api.call(decisionMaker, 'POST', path('grant'), {});
    expect(early.status).toBe(409);
    expect(early.contentType).toContain('application/problem+json');
    expect(early.body).toMatchObject({ type: '/problems/conflict', code: 'open_major_findings' });
    expect((await api.call(leadAuditor, 'POST', path('grant'), {})).status).toBe(403);

    expect((await inbox(applicant)).map((task) => task.kind)).toEqual(['submit_corrective_action_evidence']);
    await step(applicant, 'corrective-actions', {
      findingId: 'cycle-1:finding-1',
      description: 'Penetrationstest durchgeführt.',
      documentIds: [documentId],
    });
    await step(leadAuditor, 'corrective-actions/verify', {
      findingId: 'cycle-1:finding-1',
      effective: true,
      comment: 'Bericht geprüft.',
    });

    // The decision: in the decision maker's inbox, granted with a certificate number.
    expect(await inbox(decisionMaker)).toEqual([
      expect.objectContaining({ kind: 'decide_accreditation', accreditationId: id }),
    ]);
    const granted = await step(decisionMaker, 'grant', {}, 'accredited');
    const certificateNumber: string = granted.certificate.number;
    expect(certificateNumber).toMatch(/\S+/);

    // The public verifies it without a token, and sees no personal data.
    const register = await api.call(
      null,
      'GET',
      `/register?certificateNumber=${encodeURIComponent(certificateNumber)}`,
    );
    expect(register.status).toBe(200);
    expect(register.body.items).toEqual([
      {
        certificateNumber,
        organisationName: 'Musterdienst GmbH',
        scope: 'IT-Servicedesk und Rechenzentrumsbetrieb am Standort München',
        status: 'valid',
        validFrom: granted.certificate.validFrom,
        validUntil: granted.certificate.validUntil,
      },
    ]);
    expect(JSON.stringify(register.body)).not.toMatch(/kontakt@|Hauptstraße|80331/);
    expect(
      (await api.call(null, 'GET', `/register/${encodeURIComponent(certificateNumber)}`)).body.status,
    ).toBe('valid');

    // The first yearly self-assessment, submitted by the organisation and reviewed by the case manager.
    await step(applicant, 'self-assessments', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      statement: 'Alle Anforderungen erfüllt.',
      documentIds: [documentId],
    });
    expect(await inbox(caseManager)).toEqual([expect.objectContaining({ kind: 'review_self_assessment' })]);
    const reviewed = await step(caseManager, 'self-assessments/review', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      review: { outcome: 'accepted' },
    });

    // The timeline names who did each step.
    const actors = Object.fromEntries(
      reviewed.timeline.map((event: { type: string; actorId: string }) => [event.type, event.actorId]),
    );
    expect(actors).toMatchObject({
      AccreditationOpened: caseManager.id,
      ApplicationSubmitted: applicant.id,
      DocumentReviewCompleted: reviewer.id,
      CorrectiveActionEvidenceSubmitted: applicant.id,
      CorrectiveActionVerified: leadAuditor.id,
      AccreditationGranted: decisionMaker.id,
      SelfAssessmentAccepted: caseManager.id,
    });
    expect(reviewed.status).toBe('accredited');

    // Suspension shows in the public register at once; reinstatement makes it valid again.
    await step(caseManager, 'suspend', { reason: 'Beschwerde wird geprüft.' }, 'suspended');
    expect(
      (await api.call(null, 'GET', `/register/${encodeURIComponent(certificateNumber)}`)).body.status,
    ).toBe('suspended');
    await step(caseManager, 'reinstate', { reason: 'Beschwerde unbegründet.' }, 'accredited');
    const found = await api.call(null, 'GET', '/register?organisation=musterdienst');
    expect(found.body.items).toEqual([expect.objectContaining({ certificateNumber, status: 'valid' })]);
  }, 60_000);
});
