import { describe, expect, it } from 'vitest';
import { defaultPublicRateLimits } from '../../api/rate-limits';
import { csrfTokenFor, defaultSessionConfig } from '../../api/session';
import { erasedComplainantName } from '../../db/complainants';
import { createSession } from '../../db/sessions';
import type { ApiCall } from '../fixtures/api-call';
import type { TestUser } from '../fixtures/users';
import { useMailStack } from '../notifications/support';
import { eventually, organisationBody } from '../support/api-harness';
import { grantedCertificate } from '../support/granted-case';
import { refusedCase } from '../support/refused-case';

/**
 * Issue 20 item 5 through the API: complaints lodged by anyone (or recorded by staff) about an
 * organisation with a running case, one whose case was refused, and one DIM never knew; the life
 * cycle with its mails to the complainant in German; bad input refused with nothing recorded; the
 * complainant's data exported and erased by an administrator.
 */
describe('complaints', () => {
  // This file lodges 11 complaints from one address within a minute; the form allows 10 by default.
  const {
    stack: api,
    smtp,
    dispatcher,
  } = useMailStack({
    api: { publicRateLimits: { ...defaultPublicRateLimits, complaints: 20 } },
  });
  const lodge = (user: Parameters<ApiCall>[0], body: Record<string, unknown>) =>
    api.call(user, 'POST', '/complaints', body);
  const complainant = { name: 'Erika Beispiel', email: 'erika@beispiel.example', language: 'de' };
  const counts = async () => ({
    complaints: (await api.db.selectFrom('complaints').select('complaint_id').execute()).length,
    complainants: (await api.db.selectFrom('complainants').select('complainant_id').execute()).length,
    notifications: (
      await api.db
        .selectFrom('notifications')
        .select('notification_id')
        .where('stream_id', 'like', 'complaint-%')
        .execute()
    ).length,
  });

  it('refuses bad input with a problem naming the field, recording nothing and mailing no one', async () => {
    const text = 'Das Zeichen wird ohne Akkreditierung geführt.';
    const bad = [
      { ...complainant, email: undefined, text },
      { ...complainant, name: 'Erika\r\nBcc: x@evil.example', text },
      { ...complainant, text: 'x'.repeat(10_001) },
      { ...complainant, text, organisationName: 'A'.repeat(201) },
    ];
    for (const body of bad) {
      const response = await lodge(null, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body.type).toBe('/problems/validation-failed');
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
    expect(await counts()).toEqual({ complaints: 0, complainants: 0, notifications: 0 });
  });

  it('takes complaints about a running case, a refused one and an unknown organisation; the complainant hears in German', async () => {
    const [staff, investigator, auditor, decisionMaker, admin] = await Promise.all([
      api.user('staff'),
      api.user('staff'),
      api.user('auditor'),
      api.user('decision_maker'),
      api.user('admin'),
    ]);
    const running = await api.call(staff, 'POST', '/accreditations', organisationBody('Laufend GmbH'));
    expect(running.status).toBe(201);
    const refused = await refusedCase(api, staff, auditor, decisionMaker, 'Versagt GmbH');

    const text = 'Störungen bleiben wochenlang unbearbeitet.';
    const { sessionId } = await createSession(api.db, staff.id, defaultSessionConfig);
    const cookie = `dim_session=${sessionId}`;
    const staffSession = { headers: { cookie, 'x-csrf-token': csrfTokenFor(sessionId) } };
    const lodged = await Promise.all([
      lodge(null, { ...complainant, text, organisationName: 'laufend gmbh' }),
      // A staff session's cookie without its CSRF token (as a forged request from another site sends it).
      lodge(
        { headers: { cookie } },
        { ...complainant, email: 'max@beispiel.example', text, organisationName: 'Versagt GmbH' },
      ),
      lodge(staff, {
        ...complainant,
        text: 'Per Brief: Zeichen missbraucht.',
        organisationName: 'Nie Gehört AG',
      }),
    ]);
    for (const response of lodged) {
      expect(response.status, JSON.stringify(response.body)).toBe(202);
      expect(Object.keys(response.body)).toEqual(['reference']);
    }
    const [aboutRunning, aboutRefused, aboutUnknown] = await Promise.all(
      lodged.map(
        async (response) => (await api.call(staff, 'GET', `/complaints/${response.body.reference}`)).body,
      ),
    );
    expect(aboutRunning).toMatchObject({
      status: 'received',
      channel: 'public',
      accreditationId: running.body.id,
      organisationName: 'Laufend GmbH',
    });
    expect(aboutRefused).toMatchObject({
      channel: 'public',
      accreditationId: refused.id,
      organisationName: 'Versagt GmbH',
    });
    expect(aboutUnknown).toMatchObject({
      channel: 'staff',
      accreditationId: null,
      organisationId: null,
      organisationName: 'Nie Gehört AG',
    });
    const listed = await api.call(staff, 'GET', '/complaints?status=received');
    expect(listed.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
      [aboutRunning.id, aboutRefused.id, aboutUnknown.id].sort(),
    );

    // Staff signed in by session cookie record it as staff (without the CSRF token it was anyone's, above).
    const bySession = await lodge(staffSession, {
      ...complainant,
      text: 'Per Telefon: Zeichen missbraucht.',
      organisationName: 'Nie Gehört AG',
    });
    expect((await api.call(staff, 'GET', `/complaints/${bySession.body.reference}`)).body.channel).toBe(
      'staff',
    );

    const step = (user: TestUser, id: string, path: string, body: unknown = {}) =>
      api.call(user, 'POST', `/complaints/${id}/${path}`, body);
    expect((await step(staff, aboutRunning.id, 'acknowledgement')).body.status).toBe('acknowledged');
    // The compliance report judges the complaints of the complaints table beside the in-case ones.
    const acknowledgedInTime = async (accreditationId: string) =>
      (await api.call(staff, 'GET', `/accreditations/${accreditationId}/compliance`)).body.rules.find(
        (rule: { rule: string }) => rule.rule === 'complaint_acknowledged_in_time',
      );
    expect(await acknowledgedInTime(running.body.id)).toMatchObject({
      status: 'held',
      instances: [{ subjectId: aboutRunning.id, status: 'held', detail: 'acknowledged_in_time' }],
    });
    expect(await acknowledgedInTime(refused.id)).toMatchObject({
      status: 'pending',
      instances: [{ subjectId: aboutRefused.id, status: 'pending', detail: 'not_yet_due' }],
    });
    // The case manager is involved; an auditor is no staff member; only the investigator decides.
    const involved = await step(staff, aboutRunning.id, 'investigator', { investigatorId: staff.id });
    expect([involved.status, involved.body.code]).toEqual([409, 'investigator_not_independent']);
    const notStaff = await step(staff, aboutRunning.id, 'investigator', { investigatorId: auditor.id });
    expect([notStaff.status, notStaff.body.code]).toEqual([400, 'unknown_investigator']);
    await step(staff, aboutRunning.id, 'investigator', { investigatorId: investigator.id });
    const decision = { outcome: 'upheld', reasons: 'Die Störungen sind belegt.', followUp: 'none' };
    const byOther = await step(staff, aboutRunning.id, 'decision', decision);
    expect([byOther.status, byOther.body.code]).toEqual([403, 'not_authorised']);
    expect((await step(investigator, aboutRunning.id, 'decision', decision)).body).toMatchObject({
      status: 'decided',
      outcome: 'upheld',
      decidedAt: expect.any(String),
    });
    const early = await step(staff, aboutRefused.id, 'answer');
    expect([early.status, early.body.code]).toEqual([409, 'invalid_transition']);
    await step(staff, aboutRunning.id, 'answer');
    expect((await step(staff, aboutRunning.id, 'close')).body.status).toBe('closed');
    // The case file's complaints section shows it, folded from the complaint's own stream.
    const fileComplaints = async (user: TestUser) =>
      (await api.call(user, 'GET', `/accreditations/${running.body.id}/file`)).body.file.complaints;
    const filed = {
      complaintId: aboutRunning.id,
      complainant: complainant.name,
      summary: text,
      acknowledgedAt: expect.any(String),
      investigation: { investigatorId: investigator.id, by: staff.id },
      decision: { outcome: 'upheld', reasoning: 'Die Störungen sind belegt.', followUp: 'none' },
      closedAt: expect.any(String),
    };
    expect(await fileComplaints(staff)).toMatchObject([filed]);
    expect(await fileComplaints(investigator)).toMatchObject([filed]);
    expect(await fileComplaints(decisionMaker)).toBeUndefined();

    await eventually(
      async () => {
        await dispatcher().dispatchPending();
        return smtp.received.filter(({ rcptTo }) => rcptTo.includes(complainant.email));
      },
      (mails) => mails.length >= 2,
    );
    const toComplainant = smtp.received.filter(({ rcptTo }) => rcptTo.includes(complainant.email));
    expect(toComplainant.map(({ mail }) => mail.subject)).toEqual([
      '[DIM] Ihre Beschwerde ist beim DIM eingegangen',
      '[DIM] Ihre Beschwerde: das Ergebnis',
    ]);
    expect(toComplainant[1]?.mail.text).toContain('Die Beschwerde ist begründet');
    expect(toComplainant[1]?.mail.text).toContain('Die Störungen sind belegt.');

    // Export and erasure of the complainant's contact, by an administrator only.
    const refusedExport = await api.call(
      staff,
      'GET',
      `/complainants/${aboutRunning.complainantId}/personal-data`,
    );
    expect(refusedExport.status).toBe(403);
    const exported = await api.call(
      admin,
      'GET',
      `/complainants/${aboutRunning.complainantId}/personal-data`,
    );
    expect(exported.body).toMatchObject({
      contact: { name: complainant.name, email: complainant.email, erasedAt: null },
      complaints: [{ id: aboutRunning.id, text }],
    });
    const erased = await api.call(
      admin,
      'DELETE',
      `/complainants/${aboutRunning.complainantId}/personal-data`,
    );
    expect(erased.status).toBe(204);
    const after = await api.call(admin, 'GET', `/complainants/${aboutRunning.complainantId}/personal-data`);
    expect(after.body.contact).toMatchObject({ name: erasedComplainantName, erasedAt: expect.any(String) });
    expect(JSON.stringify(after.body)).not.toContain(complainant.email);
    expect((await api.call(staff, 'GET', `/complaints/${aboutRunning.id}`)).body.status).toBe('closed');
  }, 120_000);

  it('acts on the granted case: a special audit scheduled, a suspension proposed to the decision makers; the complaint shows what became of them', async () => {
    const [staff, investigator, leadAuditor, decisionMaker, admin] = await Promise.all([
      api.user('staff'),
      api.user('staff'),
      api.user('auditor'),
      api.user('decision_maker'),
      api.user('admin'),
    ]);
    const { accreditationId, certificateNumber } = await grantedCertificate(api, 'Gewährt GmbH');
    const decided = async (followUp: string) => {
      const text = `Beschwerde mit Folge ${followUp}`;
      const { body } = await lodge(null, { ...complainant, text, certificateNumber });
      const id: string = body.reference;
      for (const [user, path, data] of [
        [staff, 'acknowledgement', {}],
        [staff, 'investigator', { investigatorId: investigator.id }],
        [investigator, 'decision', { outcome: 'upheld', reasons: 'Belegt.', followUp }],
      ] as const) {
        const response = await api.call(user, 'POST', `/complaints/${id}/${path}`, data);
        expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
      }
      return (await api.call(staff, 'GET', `/complaints/${id}`)).body;
    };
    const audit = await decided('special_audit');
    expect(audit).toMatchObject({ accreditationId, followUpStatus: 'awaiting_special_audit' });
    const suspension = await decided('suspension');
    expect(suspension).toMatchObject({ followUpStatus: 'proposed_to_case' });

    const caseEvents = await api.db
      .selectFrom('events')
      .select(['event_type', 'data', 'metadata'])
      .where('stream_id', '=', `accreditation-${accreditationId}`)
      .where('event_type', 'in', ['SpecialAuditScheduled', 'SuspensionProposed'])
      .orderBy('stream_version')
      .execute();
    expect(caseEvents).toMatchObject([
      {
        event_type: 'SpecialAuditScheduled',
        data: { complaintId: audit.id },
        metadata: { actorId: investigator.id },
      },
      {
        event_type: 'SuspensionProposed',
        data: { complaintId: suspension.id, recipient: { role: 'decision_maker' } },
      },
    ]);
    const tasks = await api.db
      .selectFrom('tasks')
      .select(['kind', 'assignee_role'])
      .where('accreditation_id', '=', accreditationId)
      .where('kind', '=', 'decide_suspension_proposal')
      .execute();
    expect(tasks).toEqual([{ kind: 'decide_suspension_proposal', assignee_role: 'decision_maker' }]);

    // What became of them, read from the case on each GET of the complaint.
    const followUpOf = async (id: string) =>
      (await api.call(staff, 'GET', `/complaints/${id}`)).body.caseFollowUp;
    const none = { major: 0, minor: 0, observation: 0 };
    expect(audit.caseFollowUp).toMatchObject({
      kind: 'special_audit',
      status: 'scheduled',
      auditDate: null,
      closedAt: null,
    });
    const caseStep = async (user: TestUser, path: string, body: unknown) => {
      const response = await api.call(user, 'POST', `/accreditations/${accreditationId}/${path}`, body);
      expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
    };
    await caseStep(staff, 'lead-auditor', {
      auditorId: leadAuditor.id,
      conflictOfInterestDeclaredFree: true,
    });
    await caseStep(leadAuditor, 'audit-date', { auditDate: '2030-03-10' });
    expect(await followUpOf(audit.id)).toMatchObject({
      status: 'audit_date_set',
      auditDate: '2030-03-10',
      findings: none,
    });
    await eventually(
      () => api.call(leadAuditor, 'GET', `/accreditations/${accreditationId}`),
      (response) =>
        response.body.openTasks.filter((task: { kind: string }) => task.kind === 'complete_audit_element')
          .length === 3,
    );
    const observation = { requirementId: 'QUA-1', severity: 'observation', description: 'Umfrage jährlich.' };
    await caseStep(leadAuditor, 'audit-elements', { element: 'on_site_audit', findings: [observation] });
    for (const element of ['customer_satisfaction_analysis', 'it_security_check']) {
      await caseStep(leadAuditor, 'audit-elements', { element, findings: [] });
    }
    expect(await followUpOf(audit.id)).toMatchObject({
      status: 'closed',
      closedAt: expect.any(String),
      findings: { ...none, observation: 1 },
    });

    expect(suspension.caseFollowUp).toMatchObject({
      kind: 'suspension',
      status: 'proposed',
      decidedAt: null,
      rejectionReason: null,
    });
    const { proposalId } = suspension.caseFollowUp;
    await caseStep(decisionMaker, 'suspension-proposals/reject', {
      proposalId,
      reason: 'Nicht verhältnismäßig.',
    });
    expect(await followUpOf(suspension.id)).toMatchObject({
      status: 'rejected',
      decidedAt: expect.any(String),
      rejectionReason: 'Nicht verhältnismäßig.',
      reinstateBy: null,
    });
    const confirmed = await decided('suspension');
    await caseStep(decisionMaker, 'suspension-proposals/confirm', {
      proposalId: confirmed.caseFollowUp.proposalId,
    });
    expect(await followUpOf(confirmed.id)).toMatchObject({
      kind: 'suspension',
      status: 'confirmed',
      reinstateBy: expect.any(String),
      suspensionEndedAt: null,
    });
    // The other complaint's outcome stays its own.
    expect((await followUpOf(suspension.id)).status).toBe('rejected');

    // The complainant's contact: staff see it, administrators do not; after the erasure it reads as erased.
    expect(audit.complainant).toEqual({ ...complainant, erasedAt: null });
    const asAdmin = await api.call(admin, 'GET', `/complaints/${audit.id}`);
    expect(asAdmin.body).toMatchObject({ id: audit.id, complainant: null });
    expect(JSON.stringify(asAdmin.body)).not.toContain(complainant.email);
    expect(JSON.stringify(asAdmin.body)).not.toContain(complainant.name);
    const listed = await api.call(staff, 'GET', '/complaints');
    expect(JSON.stringify(listed.body)).not.toContain(complainant.email);
    await api.call(admin, 'DELETE', `/complainants/${audit.complainantId}/personal-data`);
    expect((await api.call(staff, 'GET', `/complaints/${audit.id}`)).body.complainant).toEqual({
      name: erasedComplainantName,
      email: null,
      language: 'de',
      erasedAt: expect.any(String),
    });
  }, 180_000);
});
