import { beforeAll, describe, expect, it } from 'vitest';
import { allConforming } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { eventually, organisationBody, pdf } from '../support/api-harness';
import { caseFileViews, type Viewer } from '../support/case-file-views';
import { caseFilePolicy as policy } from '../support/policies';
import { useTestStack } from '../support/stack';

/**
 * One case through every stage over HTTP, looked at by every role after each: who gets the case
 * file at all, and what of it each one sees — and what not. Then the case as of past instants.
 */
describe('the case file through the API, role by role and stage by stage', () => {
  const api = useTestStack({
    api: { credentialLimits: { perCredential: 1000, perAddress: 1000, windowMs: 60_000 } },
  });
  const { people, current, snapshots, path, step, upload, fileOf, views, details, typesOf, snapshot } =
    caseFileViews(api);
  /** Investigates the complaint about the case (staff, as every complaint's investigator is). */
  let complaintInvestigator: TestUser;

  beforeAll(async () => {
    people.admin = await api.user('admin');
    people.staff = await api.user('staff');
    complaintInvestigator = await api.user('staff');
    people.decisionMaker = await api.user('decision_maker');
    for (const auditor of ['reviewer', 'objectedAuditor', 'leadAuditor', 'uninvolvedAuditor'] as const)
      people[auditor] = await api.user('auditor');
    people.stranger = await api.user('organisation');
  }, 60_000);

  it('shows each role what it may see, from opening to withdrawal', async () => {
    const technicalAreas = ['itsm_operations', 'service_desk_support'];
    const opened = await api.call(people.staff, 'POST', '/accreditations', {
      ...organisationBody(),
      technicalAreas,
      policy,
    });
    expect(opened.status).toBe(201);
    current.id = opened.body.id;
    people.organisation = await api.user('organisation', { organisationId: opened.body.organisation.id });
    const dim: Viewer[] = ['admin', 'staff', 'decisionMaker'];

    let seen = await views([...dim, 'organisation']);
    expect(seen.organisation.body.file.technicalAreas).toEqual(technicalAreas);
    expect(seen.organisation.body.file.procedures).toEqual([
      expect.objectContaining({ number: 1, kind: 'initial', application: null }),
    ]);
    await snapshot('opened');

    // The Antrag: its §5.1 items, documents with name, type, size and uploader, the Selbstauskunft.
    const processes = await upload('prozesse.pdf');
    const policies = await upload('richtlinien.pdf');
    await step(people.organisation, 'application', {
      items: [
        { itemId: 'APP-1', documentIds: [processes] },
        { itemId: 'APP-2', documentIds: [policies] },
        { itemId: 'APP-3', statement: 'Selbstauskunft: Qualitätsmaßnahmen nach ISO 9001.' },
      ],
    });
    await step(people.staff, 'information-requests', {
      questions: ['Wer verantwortet das Problemmanagement?'],
    });
    seen = await views([...dim, 'organisation']);
    const asked = seen.organisation.body.file.procedures[0].requests[0];
    expect(asked).toMatchObject({
      kind: 'information',
      items: ['Wer verantwortet das Problemmanagement?'],
      by: people.staff.id,
      answer: null,
    });
    expect(Date.parse(asked.respondBy)).toBeGreaterThan(Date.now());
    expect(seen.organisation.body.people).toContainEqual({
      userId: people.staff.id,
      name: expect.any(String),
      role: 'staff',
    });
    await snapshot('awaiting applicant');

    const orgChart = await upload('organigramm.pdf');
    await step(people.organisation, 'information-responses', {
      requestId: asked.requestId,
      answer: 'Die Leiterin des Servicedesks.',
      documentIds: [orgChart],
    });
    await step(people.staff, 'application/accept', {});
    await step(people.staff, 'document-reviewer', {
      auditorId: people.reviewer.id,
      conflictOfInterestDeclaredFree: true,
    });

    // The document reviewer now finds the organisation's documents, with the SHA-256 to fetch them.
    seen = await views([...dim, 'reviewer', 'organisation']);
    const documents = (await api.call(people.reviewer, 'GET', path('/documents'))).body.items;
    expect(
      documents.map((d: { name: string; uses: { kind: string }[] }) => [d.name, d.uses[0]?.kind]),
    ).toEqual([
      ['prozesse.pdf', 'application_item'],
      ['richtlinien.pdf', 'application_item'],
      ['organigramm.pdf', 'request_answer'],
    ]);
    expect(documents[0]).toMatchObject({
      id: processes,
      mediaType: 'application/pdf',
      size: pdf('prozesse.pdf').length,
      uploadedBy: people.organisation.id,
    });
    expect(seen.reviewer.body.documents).toEqual(documents);
    const download = await api.call(people.reviewer, 'GET', `/documents/${documents[0].id}/content`);
    expect(download.status).toBe(200);
    expect(seen.reviewer.body.file.procedures[0].application.items[2].statement).toContain('ISO 9001');

    await step(people.reviewer, 'document-requests', { documents: ['Notfallhandbuch'] });
    const handbook = await upload('notfallhandbuch.pdf');
    const documentRequest = (await fileOf('organisation')).body.file.procedures[0].requests[1];
    expect(documentRequest).toMatchObject({
      kind: 'documents',
      items: ['Notfallhandbuch'],
      by: people.reviewer.id,
    });
    await step(people.organisation, 'information-responses', {
      requestId: documentRequest.requestId,
      answer: 'Anbei.',
      documentIds: [handbook],
    });
    await step(people.reviewer, 'document-review', {
      results: allConforming.map((result) =>
        result.requirementId === 'OPS-2'
          ? { requirementId: 'OPS-2', result: 'gap', comment: 'Problemmanagement nur skizziert.' }
          : result,
      ),
    });
    seen = await views([...dim, 'reviewer', 'organisation']);
    const review = seen.organisation.body.file.procedures[0].documentReview;
    expect(review.results.find((r: { requirementId: string }) => r.requirementId === 'OPS-2')).toEqual({
      requirementId: 'OPS-2',
      result: 'gap',
      remark: 'Problemmanagement nur skizziert.',
    });
    expect(review.reviewerId).toBe(people.reviewer.id);
    // Rule set 2: the gap goes to the audit, and everyone who sees the case sees what is to be verified.
    const referred = {
      requirementId: 'OPS-2',
      comment: 'Problemmanagement nur skizziert.',
      referredAt: expect.any(String),
      status: 'open',
      verification: null,
    };
    for (const viewer of [...dim, 'reviewer', 'organisation'] as const)
      expect(seen[viewer].body.file.procedures[0].reviewGaps, viewer).toEqual([referred]);
    await snapshot('audit planning');

    // Audit planning: the organisation objects to the first auditor; the second one audits.
    await step(people.staff, 'lead-auditor', {
      auditorId: people.objectedAuditor.id,
      conflictOfInterestDeclaredFree: true,
    });
    await step(people.organisation, 'auditor-objection', { reason: 'War bis 2025 unser Berater.' });
    await step(people.staff, 'lead-auditor', {
      auditorId: people.leadAuditor.id,
      conflictOfInterestDeclaredFree: true,
    });
    await step(people.leadAuditor, 'audit-date', { auditDate: '2030-01-15' });
    await eventually(
      () => api.call(people.staff, 'GET', path('')),
      (response) => response.body.status === 'audit',
    );
    seen = await views([...dim, 'reviewer', 'objectedAuditor', 'leadAuditor', 'organisation']);
    const planning = seen.leadAuditor.body.file.procedures[0].auditPlanning;
    expect(
      planning.assignments.map((a: { auditorId: string; objection: { reason: string } | null }) => [
        a.auditorId,
        a.objection?.reason ?? null,
      ]),
    ).toEqual([
      [people.objectedAuditor.id, 'War bis 2025 unser Berater.'],
      [people.leadAuditor.id, null],
    ]);
    expect(planning.auditDate).toBe('2030-01-15');

    // The audit: findings per requirement with severity and text; corrective actions and plans.
    await step(people.leadAuditor, 'audit-elements', {
      element: 'on_site_audit',
      findings: [
        { requirementId: 'OPS-2', severity: 'major', description: 'Kein Problemmanagement gelebt.' },
      ],
    });
    await step(people.leadAuditor, 'audit-elements', {
      element: 'customer_satisfaction_analysis',
      findings: [{ requirementId: 'QUA-1', severity: 'minor', description: 'Umfrage nur jährlich.' }],
    });
    await step(people.leadAuditor, 'audit-elements', { element: 'it_security_check', findings: [] });
    // An auditor's competences are master data: recorded for the lead auditor, they stay out of the file.
    const competences = { technicalAreas: ['itsm_operations', 'security_privacy'] };
    expect(
      (await api.call(people.staff, 'PUT', `/users/${people.leadAuditor.id}/competences`, competences))
        .status,
    ).toBe(200);
    seen = await views([...dim, 'reviewer', 'objectedAuditor', 'leadAuditor', 'organisation']);
    const findings = seen.organisation.body.file.procedures[0].findings;
    for (const viewer of [...dim, 'leadAuditor', 'organisation'] as const) {
      expect(seen[viewer].body.file.procedures[0].reviewGaps, viewer).toEqual([
        {
          ...referred,
          status: 'finding',
          verification: {
            element: 'on_site_audit',
            auditorId: people.leadAuditor.id,
            comment: null,
            findingId: findings[0].findingId,
            at: expect.any(String),
          },
        },
      ]);
      expect(JSON.stringify(seen[viewer].body), viewer).not.toContain('security_privacy');
    }
    expect(
      findings.map((f: { requirementId: string; severity: string; text: string }) => [
        f.requirementId,
        f.severity,
        f.text,
      ]),
    ).toEqual([
      ['OPS-2', 'major', 'Kein Problemmanagement gelebt.'],
      ['QUA-1', 'minor', 'Umfrage nur jährlich.'],
    ]);
    expect(Date.parse(findings[0].correctiveActionDueBy)).toBeGreaterThan(Date.now());
    await step(people.organisation, 'action-plans', {
      findingId: findings[1].findingId,
      plan: 'Quartalsweise Umfrage.',
    });
    await step(people.leadAuditor, 'action-plans/accept', { findingId: findings[1].findingId });
    const evidence = await upload('tickets.pdf');
    await step(people.organisation, 'corrective-actions', {
      findingId: findings[0].findingId,
      description: 'Problemmanagement eingeführt.',
      documentIds: [evidence],
    });
    await step(people.leadAuditor, 'corrective-actions/verify', {
      findingId: findings[0].findingId,
      effective: true,
      comment: 'Tickets geprüft.',
    });
    seen = await views([...dim, 'reviewer', 'objectedAuditor', 'leadAuditor', 'organisation']);
    expect(seen.organisation.body.file.procedures[0].findings[0]).toMatchObject({
      status: 'resolved',
      evidence: [{ description: 'Problemmanagement eingeführt.', documentIds: [evidence] }],
      verifications: [{ effective: true, comment: 'Tickets geprüft.', by: people.leadAuditor.id }],
    });
    expect(seen.organisation.body.documents.map((d: { name: string }) => d.name)).toContain('tickets.pdf');
    await snapshot('awaiting decision');

    // The decision queue: the decision maker takes the case; only DIM learns who decides.
    await step(people.decisionMaker, 'decision-maker/take', {});
    seen = await views([...dim, 'reviewer', 'objectedAuditor', 'leadAuditor', 'organisation']);
    expect(details.decisionMaker.openTasks.map((task) => task.kind)).toContain('decide_accreditation');
    expect(details.staff.openTasks.map((task) => task.kind)).toContain('decide_accreditation');
    expect(typesOf('decisionMaker')).toContain('DecisionMakerAssigned');
    expect(typesOf('organisation')).toContain('CorrectiveActionVerified');
    expect(seen.decisionMaker.body.file.decisionMakers).toHaveLength(1);
    for (const viewer of ['leadAuditor', 'organisation'] as const) {
      expect(seen[viewer].body.file, viewer).not.toHaveProperty('decisionMakers');
    }

    // The decision: who, when, outcome; the certificate and its validity.
    const granted = await step(people.decisionMaker, 'grant', {});
    await snapshot('accredited');
    seen = await views([...dim, 'reviewer', 'objectedAuditor', 'leadAuditor', 'organisation']);
    const { file } = seen.organisation.body;
    expect(file.procedures[0].decision).toMatchObject({
      number: 1,
      outcome: 'granted',
      by: people.decisionMaker.id,
    });
    expect(file.certificates).toEqual([
      expect.objectContaining({
        certificateNumber: granted.certificate.number,
        validFrom: granted.certificate.validFrom,
        validUntil: granted.certificate.validUntil,
      }),
    ]);
    expect(file.selfAssessments.length).toBeGreaterThan(2);
    expect(
      (await api.call(null, 'GET', `/register/${encodeURIComponent(granted.certificate.number)}`)).status,
    ).toBe(200);

    // A complaint about the case, lodged as one of its own (rule set 7): staff see it in the case file, nobody else.
    const lodged = await api.call(null, 'POST', '/complaints', {
      name: 'Kundin K.',
      email: 'kundin@beispiel.example',
      language: 'de',
      text: 'Ausfall am Wochenende.',
      certificateNumber: granted.certificate.number,
    });
    expect(lodged.status, JSON.stringify(lodged.body)).toBe(202);
    const complaintId: string = lodged.body.reference;
    const complaintStep = async (user: TestUser, name: string, body: unknown = {}) => {
      const response = await api.call(user, 'POST', `/complaints/${complaintId}/${name}`, body);
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(200);
    };
    await complaintStep(people.staff, 'acknowledgement');
    await complaintStep(people.staff, 'investigator', { investigatorId: complaintInvestigator.id });
    seen = await views([...dim, 'reviewer', 'objectedAuditor', 'leadAuditor', 'organisation']);
    expect(seen.staff.body.file.complaints).toEqual([
      expect.objectContaining({
        complaintId,
        summary: 'Ausfall am Wochenende.',
        investigation: expect.objectContaining({ investigatorId: complaintInvestigator.id }),
      }),
    ]);

    // Self-assessments: what was submitted and how it was reviewed; the next one is let lapse.
    await step(people.organisation, 'self-assessments', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      statement: 'Alle Anforderungen erfüllt.',
      documentIds: [],
      findingEvidence: [{ findingId: findings[1].findingId, description: 'Umfrage seit Q2 quartalsweise.' }],
    });
    await step(people.staff, 'self-assessments/review', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      review: { outcome: 'follow_up_requested', comment: 'Bitte KPI-Bericht beilegen.' },
    });
    await step(people.organisation, 'self-assessments', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      statement: 'KPI-Bericht anbei.',
      documentIds: [evidence],
      findingEvidence: [{ findingId: findings[1].findingId, description: 'Umfrageergebnisse Q2 anbei.' }],
    });
    await step(people.staff, 'self-assessments/review', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      review: { outcome: 'accepted' },
    });
    const proposed = await eventually(
      () => fileOf('staff'),
      (response) => (response.body.file.suspensionProposals ?? []).length > 0,
      30_000,
    );
    const proposal = proposed.body.file.suspensionProposals[0];
    seen = await views([...dim, 'reviewer', 'objectedAuditor', 'leadAuditor', 'organisation']);
    expect(seen.decisionMaker.body.file.suspensionProposals).toHaveLength(1);
    expect(typesOf('decisionMaker')).toContain('SuspensionProposed');
    expect(details.decisionMaker.openTasks.map((task) => task.kind)).toContain('decide_suspension_proposal');
    // As of now, the organisation's view is the same as now.
    const asOfNow = await api.call(people.organisation, 'GET', path(`?asOf=${new Date().toISOString()}`));
    expect(asOfNow.body.timeline).toEqual(details.organisation.timeline);
    expect(asOfNow.body.openTasks.map((task: { kind: string }) => task.kind).sort()).toEqual(
      details.organisation.openTasks.map((task) => task.kind).sort(),
    );
    const mine = seen.organisation.body.file.selfAssessments[0];
    expect(mine.submissions.map((s: { statement: string }) => s.statement)).toEqual([
      'Alle Anforderungen erfüllt.',
      'KPI-Bericht anbei.',
    ]);
    expect(
      mine.reviews.map((r: { outcome: string; comment: string | null }) => [r.outcome, r.comment]),
    ).toEqual([
      ['follow_up_requested', 'Bitte KPI-Bericht beilegen.'],
      ['accepted', null],
    ]);
    expect(seen.staff.body.file.selfAssessments[1].escalatedAt).toEqual(expect.any(String));

    // Suspension on the proposal (decided by the decision maker, rule set 3), reinstatement, the complaint decided, then withdrawal: with reasons.
    await step(people.decisionMaker, 'suspension-proposals/confirm', { proposalId: proposal.proposalId });
    await step(people.staff, 'reinstate', { reason: 'Selbstbewertung nachgereicht.' });
    await complaintStep(complaintInvestigator, 'decision', {
      outcome: 'not_upheld',
      reasons: 'Wartungsfenster angekündigt.',
      followUp: 'none',
    });
    await step(people.staff, 'withdraw', { reason: 'Label trotz Aussetzung verwendet.' });
    seen = await views([...dim, 'reviewer', 'objectedAuditor', 'leadAuditor', 'organisation']);
    const last = seen.organisation.body;
    expect(last.status).toBe('withdrawn');
    expect(last.file.suspensions).toEqual([
      expect.objectContaining({
        proposalId: proposal.proposalId,
        reinstatement: expect.objectContaining({ reason: 'Selbstbewertung nachgereicht.' }),
      }),
    ]);
    expect(last.file.withdrawal).toMatchObject({
      reason: 'Label trotz Aussetzung verwendet.',
      by: people.staff.id,
    });
    expect(seen.staff.body.file.complaints[0].decision).toMatchObject({
      outcome: 'not_upheld',
      by: complaintInvestigator.id,
    });
    expect(seen.staff.body.file.suspensionProposals[0].closed).toMatchObject({ how: 'confirmed' });
  }, 120_000);

  it('answers "as of" an instant exactly as it answered at that instant', async () => {
    expect(snapshots.map((s) => s.stage)).toEqual([
      'opened',
      'awaiting applicant',
      'audit planning',
      'awaiting decision',
      'accredited',
    ]);
    for (const { at, stage, detail, file } of snapshots) {
      const query = `?asOf=${encodeURIComponent(at)}`;
      const past = await api.call(people.staff, 'GET', path(query));
      expect(past.status, stage).toBe(200);
      expect(past.body, stage).toEqual(detail);
      const pastFile = await api.call(people.staff, 'GET', path(`/file${query}`));
      expect(pastFile.status, stage).toBe(200);
      expect(pastFile.body, stage).toEqual({ ...(file as object), asOf: at });
    }
    // The organisation's view as of then, too: filtered the same way.
    const first = snapshots[1] as (typeof snapshots)[number];
    const orgPast = await api.call(
      people.organisation,
      'GET',
      path(`/file?asOf=${encodeURIComponent(first.at)}`),
    );
    expect(orgPast.body.status).toBe('awaiting_applicant');
    expect(orgPast.body.file).not.toHaveProperty('complaints');
    // Before the case existed there is nothing; a malformed instant is a 400.
    const before = await api.call(people.staff, 'GET', path('/file?asOf=2000-01-01T00:00:00Z'));
    expect(before.status).toBe(404);
    expect(before.contentType).toContain('application/problem+json');
    const malformed = await api.call(people.staff, 'GET', path('?asOf=yesterday'));
    expect(malformed.status).toBe(400);
  });
});
