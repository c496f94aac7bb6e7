import { expect } from 'vitest';
import type { PolicyInput } from '../../domain/policy-schema';
import { allConforming, completeApplication } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { eventually, organisationBody, pdf } from './api-harness';
import type { TestStack } from './stack';

/** The standard's periods, except the organisation's window to object to the auditor (1 s). */
const quickPlanningPolicy: PolicyInput = {
  version: 'test-quick-planning',
  auditorObjectionWindow: { seconds: 1 },
};

/**
 * Drives one accreditation through the API from opening to the grant, each step by a user of the
 * right role, and answers the certificate (valid for the standard's three years, unless `policy`
 * says otherwise; its objection window must be short, as the grant waits for it to close).
 */
export async function grantedCertificate(
  api: Pick<TestStack, 'user' | 'call'>,
  organisationName: string,
  policy: PolicyInput = quickPlanningPolicy,
): Promise<{ accreditationId: string; certificateNumber: string }> {
  const [staff, decisionMaker, reviewer, leadAuditor] = await Promise.all([
    api.user('staff'),
    api.user('decision_maker'),
    api.user('auditor'),
    api.user('auditor'),
  ]);
  const opened = await api.call(staff, 'POST', '/accreditations', {
    ...organisationBody(organisationName),
    policy,
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const id: string = opened.body.id;
  const applicant = await api.user('organisation', { organisationId: opened.body.organisation.id });
  const step = async (user: TestUser, name: string, body: unknown) => {
    const response = await api.call(user, 'POST', `/accreditations/${id}/${name}`, body);
    expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(200);
    return response.body;
  };

  const upload = await api.call(applicant, 'POST', '/documents?filename=nachweis.pdf', pdf(id), {
    'content-type': 'application/pdf',
  });
  expect(upload.status).toBe(201);
  const items = completeApplication.map((item) =>
    item.documentIds ? { ...item, documentIds: [upload.body.id] } : item,
  );
  await step(applicant, 'application', { items });
  await step(staff, 'application/accept', {});
  await step(staff, 'document-reviewer', { auditorId: reviewer.id, conflictOfInterestDeclaredFree: true });
  await step(reviewer, 'document-review', { results: allConforming });
  await step(staff, 'lead-auditor', { auditorId: leadAuditor.id, conflictOfInterestDeclaredFree: true });
  await step(leadAuditor, 'audit-date', { auditDate: '2030-01-01' });
  await eventually(
    () => api.call(leadAuditor, 'GET', `/accreditations/${id}`),
    (response) => response.body.status === 'audit',
  );
  for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check']) {
    await step(leadAuditor, 'audit-elements', { element, findings: [] });
  }
  const granted = await step(decisionMaker, 'grant', {});
  return { accreditationId: id, certificateNumber: granted.certificate.number };
}
