import { beforeAll, describe, expect, it } from 'vitest';
import { allConforming, completeApplication } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { eventually, organisationBody } from '../support/api-harness';
import { useTestStack } from '../support/stack';

interface Item {
  category: string;
  kind: string;
  at: string;
  assigneeRole: string | null;
}

/** The catalogue, the calendar of a case over its whole validity, and personal iCalendar feeds. */
describe('catalogue, calendar and calendar feeds', () => {
  const api = useTestStack({ api: { authRateLimit: { max: 1000, windowMs: 60_000 } } });
  let staff: TestUser;
  let decisionMaker: TestUser;
  let auditor: TestUser;
  let organisation: TestUser;
  let id: string;

  beforeAll(async () => {
    staff = await api.user('staff');
    decisionMaker = await api.user('decision_maker');
    auditor = await api.user('auditor');
    // The name carries a bare CR and iCalendar's special characters: the feed must stay well-formed.
    const opened = await api.call(staff, 'POST', '/accreditations', {
      ...organisationBody('Muster\rDienst; Nord, GmbH'),
      policy: { auditorObjectionWindow: { seconds: 1 } },
    });
    expect(opened.status).toBe(201);
    id = opened.body.id;
    organisation = await api.user('organisation', { organisationId: opened.body.organisation.id });
  }, 60_000);

  const step = async (user: TestUser, name: string, body: unknown) => {
    const response = await api.call(user, 'POST', `/accreditations/${id}/${name}`, body);
    expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(200);
  };
  const calendar = async (user: TestUser) => {
    const response = await api.call(user, 'GET', `/accreditations/${id}/calendar`);
    expect(response.status).toBe(200);
    return response.body.items as Item[];
  };
  const kinds = (items: Item[], category: string) =>
    items.filter((item) => item.category === category).map((item) => item.kind);

  it('serves the catalogue to anyone: requirements, §5.1 items and §5.2 elements in German and English', async () => {
    const all = await api.call(null, 'GET', '/catalogue');
    expect(all.status).toBe(200);
    expect(all.body.currentEdition).toBe('DIM 1002:2024');
    const [edition] = all.body.editions;
    expect(edition.current).toBe(true);
    expect(edition.requirements).toHaveLength(22);
    expect(edition.requirements[0]).toEqual({
      id: 'ORG-1',
      section: '4.1',
      text: {
        de: 'Eine klar definierte IT- und Service-Management-Strategie besitzen.',
        en: 'Have a clearly defined IT and service management strategy.',
      },
    });
    expect(edition.applicationItems.map((item: { id: string }) => item.id)).toEqual([
      'APP-1',
      'APP-2',
      'APP-3',
    ]);
    expect(edition.auditElements.map((element: { id: string; phase: string }) => element.phase)).toEqual([
      'document_review',
      'audit',
      'audit',
      'audit',
    ]);
    const one = await api.call(null, 'GET', `/catalogue/${encodeURIComponent('DIM 1002:2024')}`);
    expect(one.body).toEqual(edition);
    const unknown = await api.call(null, 'GET', '/catalogue/DIM%201002%3A2031');
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
  });

  it('lists the deadlines of an open request, then the whole validity after the grant', async () => {
    await step(organisation, 'application', { items: completeApplication });
    await step(staff, 'information-requests', { questions: ['Organigramm?'] });
    const asked = await calendar(organisation);
    expect(kinds(asked, 'deadline')).toEqual(['answer_request']);
    expect(kinds(asked, 'timer')).toEqual(['information_request_reminder', 'information_request_deadline']);
    await step(organisation, 'information-responses', { requestId: 'cycle-1:request-1', answer: 'Anbei.' });
    await step(staff, 'application/accept', {});
    await step(staff, 'document-reviewer', { auditorId: auditor.id, conflictOfInterestDeclaredFree: true });
    // The reviewer's due date is theirs; the organisation has none now.
    expect(kinds(await calendar(auditor), 'deadline')).toEqual(['complete_document_review']);
    expect(kinds(await calendar(organisation), 'deadline')).toEqual([]);
    await step(auditor, 'document-review', { results: allConforming });
    await step(staff, 'lead-auditor', { auditorId: auditor.id, conflictOfInterestDeclaredFree: true });
    await step(auditor, 'audit-date', { auditDate: '2030-01-15' });
    await eventually(
      () => api.call(staff, 'GET', `/accreditations/${id}`),
      (response) => response.body.status === 'audit',
    );
    for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check'])
      await step(auditor, 'audit-elements', { element, findings: [] });
    await step(decisionMaker, 'grant', {});

    const granted = await calendar(organisation);
    // Both self-assessments of the three years, the renewal window and the expiry.
    expect(kinds(granted, 'deadline')).toEqual(['submit_self_assessment', 'submit_self_assessment']);
    const timers = kinds(granted, 'timer');
    expect(timers).toContain('renewal_window');
    expect(timers[timers.length - 1]).toBe('certificate_expiry');
    expect(timers).not.toContain('self_assessment_escalation');
    const years = granted.map((item) => new Date(item.at).getUTCFullYear() - new Date().getUTCFullYear());
    expect(Math.max(...years)).toBe(3);
    const times = granted.map((item) => item.at);
    expect(times).toEqual([...times].sort());
    // DIM's staff see the internal steps too.
    expect(kinds(await calendar(staff), 'timer')).toContain('self_assessment_escalation');
  }, 60_000);

  it('feeds a person’s deadlines to their calendar by a secret URL, until revoked', async () => {
    const created = await api.call(organisation, 'POST', '/calendar-feeds', { label: 'Outlook' });
    expect(created.status).toBe(201);
    const { url, webcalUrl } = created.body;
    expect(webcalUrl).toMatch(/^webcal:\/\/127\.0\.0\.1:\d+\/calendar\/[\w-]{43}\.ics$/);
    expect(url).toBe(webcalUrl.replace('webcal://', 'http://'));
    const feedPath = new URL(url).pathname;

    const feed = await api.call(null, 'GET', feedPath);
    expect(feed.status).toBe(200);
    expect(feed.contentType).toContain('text/calendar');
    const text: string = feed.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded.match(/^SUMMARY:Frist: Selbstbewertung einreichen.*$/gm)).toHaveLength(2);
    expect(unfolded).toContain('Muster\\nDienst\\; Nord\\, GmbH');
    // Every line ends in CRLF, none is longer than 75 octets, no CR or LF stands alone.
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    for (const line of lines) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    }

    // Someone else cannot revoke it; its owner can, and the URL stops working.
    const listed = await api.call(organisation, 'GET', '/calendar-feeds');
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.body.id, revokedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(feedPath.slice(10, 40));
    const foreign = await api.call(staff, 'DELETE', `/calendar-feeds/${created.body.id}`);
    expect(foreign.status).toBe(404);
    expect((await api.call(null, 'GET', feedPath)).status).toBe(200);
    const revoked = await api.call(organisation, 'DELETE', `/calendar-feeds/${created.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const gone = await api.call(null, 'GET', feedPath);
    expect(gone.status).toBe(404);
    expect(gone.contentType).toContain('application/problem+json');
  });

  it('feeds an auditor the due dates of their own tasks', async () => {
    const other = await api.call(staff, 'POST', '/accreditations', organisationBody('Zweite GmbH'));
    const otherId = other.body.id;
    const applicant = await api.user('organisation', { organisationId: other.body.organisation.id });
    for (const [user, name, body] of [
      [applicant, 'application', { items: completeApplication }],
      [staff, 'application/accept', {}],
      [staff, 'document-reviewer', { auditorId: auditor.id, conflictOfInterestDeclaredFree: true }],
    ] as const) {
      expect((await api.call(user, 'POST', `/accreditations/${otherId}/${name}`, body)).status).toBe(200);
    }
    const created = await api.call(auditor, 'POST', '/calendar-feeds', {});
    const text: string = (await api.call(null, 'GET', new URL(created.body.url).pathname)).body;
    const summaries = text.replace(/\r\n /g, '').match(/^SUMMARY:.*$/gm);
    expect(summaries).toEqual(['SUMMARY:Frist: Dokumentenprüfung abschließen – Zweite GmbH']);
  });
});
