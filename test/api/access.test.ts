import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor, defaultSessionConfig } from '../../api/session';
import { stepRoutes } from '../../api/step-routes';
import type { UserRole } from '../../db/database';
import { createSession, sessionUser } from '../../db/sessions';
import { currentEdition } from '../../domain/catalogue';
import { commandRoles } from '../../domain/permissions';
import { allConforming, applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { organisationBody, pdf } from '../support/api-harness';
import { useTestStack } from '../support/stack';

const roles: UserRole[] = ['admin', 'staff', 'decision_maker', 'auditor', 'organisation'];
const everyone = roles;
type Access = 'public' | UserRole[];

/**
 * The specification of who may call what. Every route the OpenAPI document lists must be here;
 * step routes take their roles from the domain's `commandPermits` (the table `decide` enforces).
 */
const spec: Record<string, Access> = {
  'POST /accreditations': ['admin', 'staff'],
  'GET /accreditations': everyone,
  'GET /accreditations/{id}': everyone,
  'GET /accreditations/{id}/file': everyone,
  'GET /accreditations/{id}/documents': everyone,
  'GET /accreditations/{id}/calendar': everyone,
  'GET /catalogue': 'public',
  'GET /catalogue/{edition}': 'public',
  'POST /calendar-feeds': everyone,
  'GET /calendar-feeds': everyone,
  'DELETE /calendar-feeds/{feedId}': everyone,
  'GET /calendar/{secret}.ics': 'public',
  'GET /accreditations/{id}/decisions/{number}/dossier': ['admin', 'staff', 'decision_maker'],
  'GET /tasks': everyone,
  'GET /register': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /register/{certificateNumber}': 'public',
  'GET /certificates/{certificateNumber}': ['admin', 'staff', 'decision_maker', 'organisation'],
  'GET /me': everyone,
  'POST /auth/sign-in': 'public',
  'GET /auth/session': everyone,
  'POST /auth/sign-out': everyone,
  'POST /auth/invitations/accept': 'public',
  'POST /auth/password-reset': 'public',
  'POST /auth/password-reset/confirm': 'public',
  'POST /users/{userId}/invitation': ['admin', 'staff'],
  'GET /users': ['admin', 'staff'],
  'POST /users': ['admin', 'staff'],
  'POST /users/{id}/tokens': ['admin', 'staff'],
  'DELETE /users/{id}/tokens': ['admin', 'staff'],
  'GET /users/{id}/competences': ['admin', 'staff'],
  'GET /me/personal-data': everyone,
  'GET /users/{id}/personal-data': ['admin'],
  'DELETE /users/{id}/personal-data': ['admin'],
  'PUT /users/{id}/competences': ['admin', 'staff'],
  'POST /documents': ['admin', 'staff', 'auditor', 'organisation'],
  'GET /documents/{sha256}': everyone,
  'GET /documents/{sha256}/content': everyone,
  'GET /notifications/health': ['admin', 'staff'],
  'GET /dashboard': ['admin', 'staff', 'decision_maker'],
  'GET /decision-queue': ['admin', 'staff', 'decision_maker'],
  'GET /accreditations/{id}/compliance': ['admin', 'staff', 'decision_maker', 'organisation'],
  'GET /compliance': ['admin', 'staff'],
  'PUT /me/notification-digest': ['admin', 'staff', 'decision_maker', 'auditor'],
  'POST /complaints': 'public',
  'GET /complaints': ['admin', 'staff'],
  'GET /complaints/{id}': ['admin', 'staff'],
  'POST /complaints/{id}/acknowledgement': ['staff'],
  'POST /complaints/{id}/investigator': ['staff'],
  'POST /complaints/{id}/decision': ['staff'],
  'POST /complaints/{id}/answer': ['staff'],
  'POST /complaints/{id}/close': ['staff'],
  'GET /complainants/{id}/personal-data': ['admin'],
  'DELETE /complainants/{id}/personal-data': ['admin'],
  'POST /organisations/{id}/erasure': ['admin'],
  ...Object.fromEntries(
    stepRoutes.map((step) => [
      `POST /accreditations/{id}/${step.path}`,
      commandRoles(step.type).filter((role) => role !== 'system') as UserRole[],
    ]),
  ),
};

/** Spot checks that the derived step roles say what the standard says. */
const stepSpotChecks: Record<string, UserRole[]> = {
  'POST /accreditations/{id}/application': ['organisation'],
  'POST /accreditations/{id}/document-review': ['auditor'],
  'POST /accreditations/{id}/grant': ['decision_maker'],
  'POST /accreditations/{id}/refuse': ['decision_maker'],
  'POST /accreditations/{id}/suspend': ['admin', 'staff'],
  'POST /accreditations/{id}/self-assessments': ['organisation'],
  'POST /accreditations/{id}/audit-date': ['admin', 'staff', 'auditor'],
  'POST /accreditations/{id}/complaints/decision': ['admin', 'staff', 'decision_maker', 'auditor'],
  // Rule set 3: the decision function decides; staff only in cases still running rule set 2.
  'POST /accreditations/{id}/suspension-proposals/confirm': ['admin', 'staff', 'decision_maker'],
  'POST /accreditations/{id}/reinstate': ['admin', 'staff', 'decision_maker'],
  'POST /accreditations/{id}/decision-maker/take': ['decision_maker'],
  'POST /accreditations/{id}/decision-maker': ['admin', 'staff'],
  'POST /accreditations/{id}/lapse-proposals/confirm': ['decision_maker'],
  'POST /accreditations/{id}/lapse-proposals/extend': ['decision_maker'],
  // Rule set 4: the organisation appeals; a decision maker not involved decides, staff may assign one.
  'POST /accreditations/{id}/appeals': ['organisation'],
  'POST /accreditations/{id}/appeals/take': ['decision_maker'],
  'POST /accreditations/{id}/appeals/handler': ['admin', 'staff'],
  'POST /accreditations/{id}/appeals/decide': ['decision_maker'],
};

/** A body that passes validation for each step, so an ownership check is what answers. */
const validBodies: Record<string, unknown> = {
  AssignCaseManager: { caseManagerId: 'someone' },
  SubmitApplication: { items: applicationByStatements },
  RequestInformation: { questions: ['Organigramm?'] },
  ProvideInformation: { requestId: 'r', answer: 'a' },
  AcceptApplication: {},
  RejectApplication: { reasons: ['unvollständig'] },
  AssignDocumentReviewer: { auditorId: 'a', conflictOfInterestDeclaredFree: true },
  RequestDocuments: { documents: ['Organigramm'] },
  CompleteDocumentReview: { results: allConforming },
  AssignLeadAuditor: { auditorId: 'a', conflictOfInterestDeclaredFree: true },
  SetAuditDate: { auditDate: '2030-01-01' },
  ObjectToAuditor: { reason: 'befangen' },
  CompleteAuditElement: { element: 'on_site_audit', findings: [] },
  SubmitActionPlan: { findingId: 'f', plan: 'p' },
  AcceptActionPlan: { findingId: 'f' },
  SubmitCorrectiveActionEvidence: { findingId: 'f', description: 'd' },
  VerifyCorrectiveAction: { findingId: 'f', effective: true, comment: 'c' },
  ExtendDeadline: {
    target: { kind: 'information_request', id: 'r' },
    newDueAt: '2030-01-01T00:00:00.000Z',
    reason: 'r',
  },
  Grant: {},
  Refuse: { reasons: ['r'] },
  TakeDecision: {},
  ConfirmLapse: { proposalId: 'p' },
  ExtendLapsedDeadline: { proposalId: 'p', newDueAt: '2030-01-01T00:00:00.000Z', reason: 'r' },
  AssignDecisionMaker: { decisionMakerId: 'd' },
  SubmitSelfAssessment: { selfAssessmentId: 's', statement: 's' },
  ReviewSelfAssessment: { selfAssessmentId: 's', review: { outcome: 'accepted' } },
  ConfirmSuspensionProposal: { proposalId: 'p' },
  RejectSuspensionProposal: { proposalId: 'p', reason: 'r' },
  ApplyForRenewal: {},
  Suspend: { reason: 'r' },
  Reinstate: { reason: 'r' },
  Withdraw: { reason: 'r' },
  ScheduleSpecialAudit: { reason: 'r' },
  ApplyScopeChange: { kind: 'extension', scope: 's', reason: 'r' },
  AssessScopeChange: { scopeChangeId: 's', assessment: { method: 'approve' } },
  ReviewScopeChangeDocuments: { scopeChangeId: 's', conforming: true, comment: 'c' },
  DecideScopeChange: { scopeChangeId: 's', granted: true, reason: 'r' },
  ReceiveComplaint: { complainant: 'c', summary: 's' },
  AcknowledgeComplaint: { complaintId: 'c' },
  AssignComplaintInvestigator: { complaintId: 'c', investigatorId: 'i' },
  DecideComplaint: { complaintId: 'c', outcome: 'upheld', reasoning: 'r', followUp: 'none' },
  CloseComplaint: { complaintId: 'c' },
  LodgeAppeal: { decisionId: 'd', reasons: ['r'] },
  TakeAppeal: { appealId: 'a' },
  AssignAppealHandler: { appealId: 'a', decisionMakerId: 'm' },
  DecideAppeal: { appealId: 'a', outcome: 'dismissed', reasons: ['r'] },
};

describe('route × role matrix', () => {
  const api = useTestStack({
    api: { credentialLimits: { perCredential: 1000, perAddress: 1000, windowMs: 60_000 } },
  });
  const users = {} as Record<UserRole, TestUser>;
  let strangerOrganisation: TestUser;
  let unassignedAuditor: TestUser;
  let target: TestUser;
  let accreditationId: string;
  let documentId: string;

  beforeAll(async () => {
    for (const role of ['admin', 'staff', 'decision_maker', 'auditor'] as const)
      users[role] = await api.user(role);
    const opened = await api.call(users.staff, 'POST', '/accreditations', organisationBody());
    accreditationId = opened.body.id;
    users.organisation = await api.user('organisation', { organisationId: opened.body.organisation.id });
    strangerOrganisation = await api.user('organisation');
    unassignedAuditor = await api.user('auditor');
    target = await api.user('organisation', { organisationId: opened.body.organisation.id });
    const steps: [TestUser, string, unknown][] = [
      [users.organisation, 'application', { items: applicationByStatements }],
      [users.staff, 'application/accept', {}],
      [
        users.staff,
        'document-reviewer',
        { auditorId: users.auditor.id, conflictOfInterestDeclaredFree: true },
      ],
    ];
    for (const [user, path, body] of steps) {
      const response = await api.call(user, 'POST', `/accreditations/${accreditationId}/${path}`, body);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    }
    const upload = await api.call(users.organisation, 'POST', '/documents', pdf('matrix'), {
      'content-type': 'application/pdf',
    });
    documentId = upload.body.id;
  }, 60_000);

  const concrete = (path: string) =>
    path
      .replace('{id}', path.startsWith('/users') ? target.id : accreditationId)
      .replace('{userId}', target.id)
      .replace('{sha256}', documentId)
      .replace('{certificateNumber}', 'DIM-0000-NONE')
      .replace('{edition}', encodeURIComponent(currentEdition))
      .replace('{feedId}', randomUUID())
      .replace('{secret}', 'no-such-feed-secret-0123456789')
      .replace('{number}', '1');

  it('covers every route the OpenAPI document lists, and nothing else', async () => {
    const document = (await api.call(null, 'GET', '/openapi.json')).body;
    expect(document.openapi).toBe('3.1.0');
    expect((await api.call(null, 'GET', '/docs/')).status).toBe(200);
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, item]) =>
        Object.keys(item)
          .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(Object.keys(spec).sort());
    for (const [route, expected] of Object.entries(stepSpotChecks))
      expect(spec[route], route).toEqual(expected);
  });

  /** Calls every route as anonymous and as every role (with `headersOf(role)`); what is not as specified. */
  async function matrixFailures(headersOf: (role: UserRole) => Promise<Record<string, string>>) {
    const failures: string[] = [];
    for (const [route, access] of Object.entries(spec)) {
      const [method = '', path = ''] = route.split(' ');
      const url = concrete(path);
      // An array is never a valid body: allowed callers get 400 and nothing changes.
      const body = method === 'POST' ? [] : undefined;
      for (const role of [null, ...roles]) {
        const name = role ?? 'anonymous';
        const response = await api.call(role ? { headers: await headersOf(role) } : null, method, url, body);
        const allowed = access === 'public' || (role !== null && access.includes(role));
        const expected = allowed ? 'allowed' : role === null ? 401 : 403;
        // Someone else's (or no) feed, a decision without a dossier, a certificate that does not exist: 404 is the answer.
        const notFoundIsAnswer =
          [
            '/register/',
            '/calendar',
            '/certificates/',
            '/complaints/',
            '/complainants/',
            '/organisations/',
          ].some((prefix) => path.startsWith(prefix)) || path.endsWith('/dossier');
        const ok =
          expected === 'allowed'
            ? response.status < 500 &&
              ![401, 403].includes(response.status) &&
              (notFoundIsAnswer || response.status !== 404)
            : response.status === expected;
        if (!ok) failures.push(`${route} as ${name}: ${response.status}, expected ${expected}`);
        // A refusal names its reason by a stable code, as a refused step does.
        const code = { 401: 'not_authenticated', 403: 'not_authorised' }[expected as number];
        if (code && ok && response.body.code !== code)
          failures.push(`${route} as ${name}: code ${response.body.code}, expected ${code}`);
        if (response.status >= 400) {
          expect(response.contentType, `${route} as ${name}`).toContain('application/problem+json');
        }
      }
    }
    return failures;
  }

  it('answers every route × role (and anonymous) as specified: 401, 403 or allowed', async () => {
    expect(await matrixFailures(async (role) => users[role].headers)).toEqual([]);
  }, 60_000);

  it('answers the same for people signed in with a session cookie and its CSRF token', async () => {
    const sessions = new Map<UserRole, string>();
    // A session of its own per role; signing out (one of the routes) ends it, so the next call gets a new one.
    const headersOf = async (role: UserRole) => {
      let sessionId = sessions.get(role);
      if (!sessionId || !(await sessionUser(api.database.db, sessionId, defaultSessionConfig))) {
        ({ sessionId } = await createSession(api.database.db, users[role].id, defaultSessionConfig));
        sessions.set(role, sessionId);
      }
      return { cookie: `dim_session=${sessionId}`, 'x-csrf-token': csrfTokenFor(sessionId) };
    };
    expect(await matrixFailures(headersOf)).toEqual([]);

    // Every write a signed-in person may make is refused without the CSRF token, before anything else.
    const unprotected: string[] = [];
    for (const [route, access] of Object.entries(spec)) {
      const [method = '', path = ''] = route.split(' ');
      if (method === 'GET' || access === 'public') continue;
      const { cookie = '' } = await headersOf(access[0] as UserRole);
      const response = await api.call({ headers: { cookie } }, method, concrete(path), []);
      if (response.status !== 403 || response.body.code !== 'csrf_token_invalid') {
        unprotected.push(`${route}: ${response.status}`);
      }
    }
    expect(unprotected).toEqual([]);
  }, 60_000);

  it('hides other organisations’ and unassigned auditors’ cases: 404, the same as a case that does not exist', async () => {
    const missing = randomUUID();
    const routes = [
      ...['', '/file', '/documents', '/calendar', '/file?asOf=2030-01-01T00:00:00Z'].map((path) => ({
        method: 'GET',
        path,
        body: undefined,
        roles: everyone,
      })),
      ...stepRoutes.map((step) => ({
        method: 'POST',
        path: `/${step.path}`,
        body: validBodies[step.type],
        roles: step.roles,
      })),
    ];
    for (const { method, path, body, roles: allowed } of routes) {
      const insider = allowed.includes('staff') ? users.staff : users[allowed[0] as UserRole];
      const absent = await api.call(insider, method, `/accreditations/${missing}${path}`, body);
      expect(absent.status, `${method} ${path} on a missing case`).toBe(404);
      for (const outsider of [strangerOrganisation, unassignedAuditor]) {
        if (!allowed.includes(outsider.role)) continue;
        const hidden = await api.call(outsider, method, `/accreditations/${accreditationId}${path}`, body);
        expect(hidden.status, `${method} ${path} as ${outsider.role}`).toBe(404);
        expect(hidden.body).toEqual(absent.body);
      }
    }
    const listed = await api.call(strangerOrganisation, 'GET', '/accreditations');
    expect(listed.body.items).toEqual([]);
    const auditorList = await api.call(unassignedAuditor, 'GET', '/accreditations');
    expect(auditorList.body.items).toEqual([]);
    const assignedList = await api.call(users.auditor, 'GET', '/accreditations');
    expect(assignedList.body.items.map((item: { id: string }) => item.id)).toEqual([accreditationId]);
  });

  it('hides documents and users the caller may not see: 404, the same as missing ones', async () => {
    const missingDocument = 'f'.repeat(64);
    for (const outsider of [strangerOrganisation, unassignedAuditor]) {
      for (const suffix of ['', '/content']) {
        const hidden = await api.call(outsider, 'GET', `/documents/${documentId}${suffix}`);
        const absent = await api.call(outsider, 'GET', `/documents/${missingDocument}${suffix}`);
        expect(hidden.status).toBe(404);
        expect(hidden.body).toEqual(absent.body);
      }
    }
    for (const reader of [users.auditor, users.decision_maker, users.organisation]) {
      const content = await api.call(reader, 'GET', `/documents/${documentId}/content`);
      expect(content.status).toBe(200);
      expect(content.contentType).toBe('application/pdf');
    }
    // Case managers manage organisation users only; an administrator is "not found" to them.
    const hidden = await api.call(users.staff, 'DELETE', `/users/${users.admin.id}/tokens`);
    const absent = await api.call(users.staff, 'DELETE', `/users/${randomUUID()}/tokens`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(absent.body);
    const escalate = await api.call(users.staff, 'POST', '/users', {
      email: 'x@example.org',
      name: 'X',
      role: 'admin',
    });
    expect(escalate.status).toBe(403);
  });
});
