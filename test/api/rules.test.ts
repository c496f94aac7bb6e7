import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { dim1002Edition2024 } from '../../domain/catalogue';
import { renderNotification } from '../../notifications/render';
import { allConforming, applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { eventually, organisationBody } from '../support/api-harness';
import { pilotPolicy } from '../support/policies';
import { useTestStack } from '../support/stack';

/**
 * Issue 20 through HTTP: the standard's limits, real auditors, steps that change nothing, gaps of
 * the document review, and the standard's terms.
 */
describe('rules of the life cycle, through HTTP', () => {
  const api = useTestStack({ api: true });
  let staff: TestUser;
  let decisionMaker: TestUser;
  let reviewer: TestUser;
  let leadAuditor: TestUser;

  beforeAll(async () => {
    staff = await api.user('staff');
    decisionMaker = await api.user('decision_maker');
    reviewer = await api.user('auditor');
    leadAuditor = await api.user('auditor');
  });
  const count = async (table: 'organisations' | 'accreditations') =>
    Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(api.db)).rows[0]?.n,
    );

  async function events(id: string) {
    const rows = await api.db
      .selectFrom('events')
      .select('event_type')
      .where('stream_id', '=', `accreditation-${id}`)
      .orderBy('stream_version')
      .execute();
    return rows.map((row) => row.event_type);
  }

  /** A case opened and its application accepted: in document review, nobody assigned. */
  async function inDocumentReview(body: Record<string, unknown> = {}) {
    const opened = await api.call(staff, 'POST', '/accreditations', {
      ...organisationBody(),
      policy: pilotPolicy,
      ...body,
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id: string = opened.body.id;
    const applicant = await api.user('organisation', { organisationId: opened.body.organisation.id });
    await step(applicant, id, 'application', { items: applicationByStatements });
    await step(staff, id, 'application/accept', {});
    return id;
  }

  async function step(user: TestUser, id: string, path: string, body: unknown) {
    const response = await api.call(user, 'POST', `/accreditations/${id}/${path}`, body);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
    return response.body;
  }

  const assignment = (auditorId: string) => ({ auditorId, conflictOfInterestDeclaredFree: true });

  describe('the standard’s limits as hard bounds', () => {
    it.each([
      ['certificateValidity', { years: 10 }],
      ['selfAssessmentInterval', { years: 2 }],
      ['maximumSuspension', { years: 3 }],
    ])(
      'refuse a policy whose %s exceeds the standard: 422 naming the field, nothing opened',
      async (field, period) => {
        const [organisations, cases] = [await count('organisations'), await count('accreditations')];
        const response = await api.call(staff, 'POST', '/accreditations', {
          ...organisationBody(),
          policy: { [field]: period },
        });
        // The schema allows it (a duration's limit spans its units): the standard refuses it.
        expect(response.status).toBe(422);
        expect(response.contentType).toContain('application/problem+json');
        expect(response.body).toMatchObject({
          type: '/problems/terms-refused',
          code: 'policy_beyond_limits',
        });
        expect(response.body.errors).toEqual([
          expect.objectContaining({
            field: `body.policy.${field}`,
            message: expect.stringContaining('at most'),
            code: 'policy_beyond_limits',
          }),
        ]);
        expect([await count('organisations'), await count('accreditations')]).toEqual([organisations, cases]);
      },
    );

    it('accept a policy that shortens them', async () => {
      const response = await api.call(staff, 'POST', '/accreditations', {
        ...organisationBody(),
        policy: { certificateValidity: { years: 2 }, selfAssessmentInterval: { months: 6 } },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    });
  });

  describe('auditors are real auditors', () => {
    it('refuse a decision maker or an unknown id as auditor, recording nothing', async () => {
      const id = await inDocumentReview();
      const before = await events(id);
      const notAuditor = await api.call(
        staff,
        'POST',
        `/accreditations/${id}/document-reviewer`,
        assignment(decisionMaker.id),
      );
      expect(notAuditor.status).toBe(400);
      expect(notAuditor.body).toMatchObject({ type: '/problems/validation-failed', code: 'not_an_auditor' });
      const unknown = await api.call(
        staff,
        'POST',
        `/accreditations/${id}/document-reviewer`,
        assignment('nobody'),
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ code: 'unknown_auditor', errors: [{ field: 'body.auditorId' }] });
      expect(await events(id)).toEqual(before);
    });

    it('assign under a policy that requires competence only auditors competent in every technical area', async () => {
      const areas = ['service_desk_support', 'security_privacy'];
      const id = await inDocumentReview({
        technicalAreas: areas,
        policy: { ...pilotPolicy, requireAuditorCompetence: true },
      });
      const auditor = await api.user('auditor');
      const refused = await api.call(
        staff,
        'POST',
        `/accreditations/${id}/document-reviewer`,
        assignment(auditor.id),
      );
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'auditor_not_competent', missing: areas });

      const competences = `/users/${auditor.id}/competences`;
      expect((await api.call(staff, 'GET', competences)).body).toEqual({
        userId: auditor.id,
        technicalAreas: [],
      });
      const partly = await api.call(staff, 'PUT', competences, { technicalAreas: ['service_desk_support'] });
      expect(partly.status).toBe(200);
      const stillRefused = await api.call(
        staff,
        'POST',
        `/accreditations/${id}/document-reviewer`,
        assignment(auditor.id),
      );
      expect(stillRefused.body).toMatchObject({
        code: 'auditor_not_competent',
        missing: ['security_privacy'],
      });

      await api.call(staff, 'PUT', competences, { technicalAreas: [...areas, 'itsm_operations'] });
      expect((await api.call(staff, 'GET', competences)).body.technicalAreas).toEqual([
        'itsm_operations',
        'security_privacy',
        'service_desk_support',
      ]);
      await step(staff, id, 'document-reviewer', assignment(auditor.id));
      expect(
        (await api.call(staff, 'PUT', `/users/${decisionMaker.id}/competences`, { technicalAreas: [] })).body,
      ).toMatchObject({ code: 'not_an_auditor' });
      const unknownArea = await api.call(staff, 'PUT', competences, { technicalAreas: ['astrology'] });
      expect(unknownArea.status).toBe(400);
    });

    it('refuse to open a case that requires competence without naming its technical areas', async () => {
      const response = await api.call(staff, 'POST', '/accreditations', {
        ...organisationBody(),
        policy: { requireAuditorCompetence: true },
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'technical_areas_missing' });
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'body.technicalAreas' })]);
    });
  });

  describe('a step that would change nothing', () => {
    const notices = (id: string) =>
      api.db
        .selectFrom('notifications')
        .select('kind')
        .where('stream_id', '=', `accreditation-${id}`)
        .where('kind', '=', 'document_reviewer_assigned')
        .execute();

    it('records nothing, sends nothing and answers with the unchanged case', async () => {
      const id = await inDocumentReview();
      const first = await step(staff, id, 'document-reviewer', assignment(reviewer.id));
      const again = await step(staff, id, 'document-reviewer', assignment(reviewer.id));
      expect(again).toEqual({ ...first, openTasks: again.openTasks });
      expect(again.version).toBe(first.version);
      expect((await events(id)).filter((type) => type === 'DocumentReviewerAssigned')).toHaveLength(1);
      expect(await notices(id)).toHaveLength(1);
    });

    it('records one assignment when two tabs send it at once', async () => {
      const id = await inDocumentReview();
      const tabs = await Promise.all(
        [1, 2].map(() =>
          api.call(staff, 'POST', `/accreditations/${id}/document-reviewer`, assignment(reviewer.id)),
        ),
      );
      expect(tabs.map((tab) => tab.status)).toEqual([200, 200]);
      expect((await events(id)).filter((type) => type === 'DocumentReviewerAssigned')).toHaveLength(1);
      expect(await notices(id)).toHaveLength(1);
    });
  });

  describe('gaps of the document review', () => {
    it('with all 22 requirements a gap and a clean audit, refuse the grant until the audit has verified them', async () => {
      const id = await inDocumentReview();
      await step(staff, id, 'document-reviewer', assignment(reviewer.id));
      const gaps = dim1002Edition2024.requirements.map(({ id: requirementId }) => ({
        requirementId,
        result: 'gap',
        comment: 'Kein Nachweis vorgelegt.',
      }));
      expect(gaps).toHaveLength(22);
      await step(reviewer, id, 'document-review', { results: gaps });
      // The organisation learns what the audit will verify.
      const referral = await api.db
        .selectFrom('notifications')
        .selectAll()
        .where('stream_id', '=', `accreditation-${id}`)
        .where('kind', '=', 'review_gaps_referred_to_audit')
        .executeTakeFirstOrThrow();
      expect(referral.recipient_role).toBe('organisation');
      const mail = renderNotification({
        notificationId: referral.notification_id,
        kind: referral.kind,
        role: referral.recipient_role,
        language: 'de',
        recipientName: '',
        payload: referral.payload,
        createdAt: referral.created_at.toISOString(),
        sequence: referral.global_position,
        webUrl: 'https://dim.example',
      });
      expect(mail.subject).toContain('offene Punkte für das Audit');
      expect(mail.text).toContain(
        '§4.1 „Eine klar definierte IT- und Service-Management-Strategie besitzen“: Kein Nachweis vorgelegt.',
      );
      await step(staff, id, 'lead-auditor', assignment(leadAuditor.id));
      await step(leadAuditor, id, 'audit-date', { auditDate: '2030-01-01' });
      const inAudit = await eventually(
        () => api.call(leadAuditor, 'GET', `/accreditations/${id}`),
        (response) => response.body.status === 'audit',
      );
      const gapTasks = inAudit.body.openTasks.filter(
        (task: { kind: string }) => task.kind === 'verify_review_gap',
      );
      expect(gapTasks).toHaveLength(22);
      expect(gapTasks[0].actions).toEqual([expect.objectContaining({ command: 'CompleteAuditElement' })]);

      for (const element of ['on_site_audit', 'customer_satisfaction_analysis']) {
        await step(leadAuditor, id, 'audit-elements', { element, findings: [] });
      }
      const lastClean = await api.call(leadAuditor, 'POST', `/accreditations/${id}/audit-elements`, {
        element: 'it_security_check',
        findings: [],
      });
      expect(lastClean.status).toBe(409);
      expect(lastClean.body).toMatchObject({ code: 'review_gaps_open' });
      const early = await api.call(decisionMaker, 'POST', `/accreditations/${id}/grant`, {});
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'review_gaps_open' });
      expect(await events(id)).not.toContain('AccreditationGranted');

      const verified = await step(leadAuditor, id, 'audit-elements', {
        element: 'it_security_check',
        findings: [],
        reviewGapsClosed: allConforming.map(({ requirementId }) => ({
          requirementId,
          comment: 'Nachweis im Audit eingesehen.',
        })),
      });
      expect(verified.status).toBe('awaiting_decision');
      const granted = await step(decisionMaker, id, 'grant', {});
      expect(granted.status).toBe('accredited');
    });
  });

  it('calls the yearly self-assessment Selbstbewertung (§5.3), and keeps Selbstauskunft for the application (§5.1)', async () => {
    const document = (await api.call(null, 'GET', '/openapi.json')).body;
    const operations = Object.values(
      document.paths as Record<string, Record<string, { operationId?: string; description?: string }>>,
    ).flatMap((item) => Object.values(item));
    const description = (operationId: string) =>
      operations.find((operation) => operation.operationId === operationId)?.description;
    expect(description('submitSelfAssessment')).toMatch(/^Jährliche Selbstbewertung einreichen/);
    expect(description('reviewSelfAssessment')).toMatch(/^Selbstbewertung prüfen/);
    expect(JSON.stringify(document)).not.toContain('Selbstauskunft');
    expect(dim1002Edition2024.applicationItems.find((item) => item.id === 'APP-3')?.text.de).toContain(
      'Selbstauskunft',
    );
  });
});
