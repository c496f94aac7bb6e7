import { expect } from 'vitest';
import { allConforming, applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { eventually, organisationBody } from './api-harness';
import type { TestStack } from './stack';

/**
 * A case opened by `staff` whose Antrag is submitted and accepted and whose Dokumentenprüfung is
 * given to `auditor` (who then holds its task); returns its id and its organisation's user.
 */
export async function inDocumentReview(
  api: TestStack,
  staff: TestUser,
  auditor: TestUser,
  name?: string,
): Promise<{ id: string; organisation: TestUser }> {
  const opened = await api.call(staff, 'POST', '/accreditations', {
    ...organisationBody(name),
    policy: { auditorObjectionWindow: { seconds: 1 }, appealWindow: { seconds: 2 } },
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const id: string = opened.body.id;
  const organisation = await api.user('organisation', { organisationId: opened.body.organisation.id });
  await takeSteps(api, id, [
    [organisation, 'application', { items: applicationByStatements }],
    [staff, 'application/accept', {}],
    [staff, 'document-reviewer', { auditorId: auditor.id, conflictOfInterestDeclaredFree: true }],
  ]);
  return { id, organisation };
}

async function takeSteps(api: TestStack, id: string, steps: [TestUser, string, unknown][]) {
  for (const [user, path, body] of steps) {
    const response = await api.call(user, 'POST', `/accreditations/${id}/${path}`, body);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
  }
}

/**
 * A case opened by `staff` and taken through the API to its decision (Antrag, Dokumentenprüfung and
 * Vor-Ort-Audit by `auditor`, no findings); returns its id and its organisation's user.
 */
export async function awaitingDecision(
  api: TestStack,
  staff: TestUser,
  auditor: TestUser,
  name?: string,
): Promise<{ id: string; organisation: TestUser }> {
  const { id, organisation } = await inDocumentReview(api, staff, auditor, name);
  await takeSteps(api, id, [
    [auditor, 'document-review', { results: allConforming }],
    [staff, 'lead-auditor', { auditorId: auditor.id, conflictOfInterestDeclaredFree: true }],
    [auditor, 'audit-date', { auditDate: '2030-01-15' }],
  ]);
  await eventually(
    () => api.call(staff, 'GET', `/accreditations/${id}`),
    (response) => response.body.status === 'audit',
  );
  for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check']) {
    await api.call(auditor, 'POST', `/accreditations/${id}/audit-elements`, { element, findings: [] });
  }
  return { id, organisation };
}
