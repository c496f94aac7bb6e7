import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { revokeTokens } from '../../db/identity';
import { applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { type ApiResponse, organisationBody, pdf } from '../support/api-harness';
import { useTestStack } from '../support/stack';

/**
 * Bad input of every kind, as each role that may send it: each answer is a 4xx problem+json with a
 * stable `type`, and nothing changed (no event, no outbox row, no account mail, no document).
 */
describe('bad input changes nothing', () => {
  const api = useTestStack({ api: true });
  let staff: TestUser;
  let admin: TestUser;
  let applicant: TestUser;
  let caseId: string;

  beforeAll(async () => {
    [staff, admin] = await Promise.all([api.user('staff'), api.user('admin')]);
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody('Eingaben GmbH'));
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    caseId = opened.body.id;
    applicant = await api.user('organisation', { organisationId: opened.body.organisation.id });
  });

  const counts = async () =>
    (
      await sql<Record<string, string>>`SELECT
        (SELECT count(*) FROM events) AS events,
        (SELECT count(*) FROM notifications) AS notifications,
        (SELECT count(*) FROM account_mails) AS account_mails,
        (SELECT count(*) FROM documents) AS documents,
        (SELECT count(*) FROM users) AS users,
        (SELECT count(*) FROM organisations) AS organisations`.execute(api.db)
    ).rows[0];

  /** Sends each request, and checks its answer and that the counts did not move. */
  async function refused(
    requests: [what: string, send: () => Promise<ApiResponse>][],
    status: number,
    type: string,
  ): Promise<void> {
    const before = await counts();
    for (const [what, send] of requests) {
      const answer = await send();
      expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(status);
      expect(answer.contentType, what).toContain('application/problem+json');
      expect(answer.body.type, what).toBe(type);
    }
    expect(await counts()).toEqual(before);
  }

  const step = (user: TestUser | null, path: string, body: unknown, headers: Record<string, string> = {}) =>
    api.call(user, 'POST', `/accreditations/${caseId}/${path}`, body, headers);
  const rawJson = (user: TestUser, path: string, text: string, contentType = 'application/json') =>
    api.call(user, 'POST', path, Buffer.from(text), { 'content-type': contentType });

  it('refuses oversized bodies with 413', async () => {
    const huge = 'x'.repeat(2 * 1024 * 1024);
    await refused(
      [
        [
          'opening as staff',
          () => api.call(staff, 'POST', '/accreditations', { ...organisationBody(), scope: huge }),
        ],
        ['application as organisation', () => step(applicant, 'application', { items: [], padding: huge })],
        ['complaint as staff', () => step(staff, 'complaints', { complainant: 'A', summary: huge })],
      ],
      413,
      '/problems/payload-too-large',
    );
  });

  it('refuses wrong content types with 415 and malformed JSON with 400', async () => {
    const opening = JSON.stringify(organisationBody());
    await refused(
      [
        [
          'form as organisation',
          () =>
            rawJson(
              applicant,
              `/accreditations/${caseId}/application`,
              'items=1',
              'application/x-www-form-urlencoded',
            ),
        ],
        ['xml as admin', () => rawJson(admin, '/users', '<user/>', 'application/xml')],
      ],
      415,
      '/problems/unsupported-media-type',
    );
    await refused(
      [
        // text/plain reaches the schema as a string (Fastify's parser), which refuses it.
        ['text/plain as staff', () => rawJson(staff, '/accreditations', opening, 'text/plain')],
        ['truncated as staff', () => rawJson(staff, '/accreditations', opening.slice(0, -3))],
        [
          'trailing comma as organisation',
          () => rawJson(applicant, `/accreditations/${caseId}/application`, '{"items":[],}'),
        ],
        ['single quotes as admin', () => rawJson(admin, '/users', "{'email':'a@b.example'}")],
        [
          'not an object as staff',
          () => rawJson(staff, `/accreditations/${caseId}/complaints`, '"Beschwerde"'),
        ],
      ],
      400,
      '/problems/validation-failed',
    );
  });

  it('refuses unknown fields, impossible dates and SQL in ids with 400', async () => {
    const application = { items: applicationByStatements };
    await refused(
      [
        [
          'unknown field in the opening',
          () => api.call(staff, 'POST', '/accreditations', { ...organisationBody(), status: 'granted' }),
        ],
        [
          'unknown field in the organisation',
          () =>
            api.call(staff, 'POST', '/accreditations', {
              ...organisationBody(),
              organisation: { ...organisationBody().organisation, verified: true },
            }),
        ],
        [
          'unknown field in the application',
          () => step(applicant, 'application', { ...application, approved: true }),
        ],
        [
          'unknown field in a complaint',
          () => step(staff, 'complaints', { complainant: 'A', summary: 'B', severity: 'x' }),
        ],
        ...[
          '2030-02-30',
          '2030-13-01',
          '99999-01-01',
          '+275760-09-13',
          '2030-1-1',
          '2030-01-01T00:00:00Z; DROP TABLE events',
        ].map((auditDate): [string, () => Promise<ApiResponse>] => [
          `audit date ${auditDate}`,
          () => step(staff, 'audit-date', { auditDate }),
        ]),
        [
          'SQL in a case id',
          () => api.call(staff, 'GET', `/accreditations/${encodeURIComponent("1' OR '1'='1")}`),
        ],
        [
          'SQL in a document id',
          () =>
            api.call(applicant, 'GET', `/documents/${encodeURIComponent("x'; DROP TABLE documents; --")}`),
        ],
      ],
      400,
      '/problems/validation-failed',
    );
  });

  it('keeps SQL-looking text as text', async () => {
    const name = "Robert'); DROP TABLE events; -- GmbH";
    const opened = await api.call(staff, 'POST', '/accreditations', organisationBody(name));
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const read = await api.call(staff, 'GET', `/accreditations/${opened.body.id}`);
    expect(read.body.organisation.name).toBe(name);
    expect(Number((await counts())?.events)).toBeGreaterThan(0);
  });

  it('refuses paths as document names and CR/LF in names bound for e-mail headers and calendar files', async () => {
    const upload = (filename: string) => () =>
      api.call(applicant, 'POST', `/documents?filename=${encodeURIComponent(filename)}`, pdf(filename), {
        'content-type': 'application/pdf',
      });
    const base64 = (filename: string) => () =>
      api.call(applicant, 'POST', '/documents', {
        mediaType: 'application/pdf',
        filename,
        contentBase64: pdf(filename).toString('base64'),
      });
    await refused(
      [
        ...[
          '../../etc/passwd',
          '..\\..\\boot.ini',
          '/etc/shadow',
          '..',
          'a\r\nContent-Type: text/html',
        ].flatMap((name): [string, () => Promise<ApiResponse>][] => [
          [`upload named ${JSON.stringify(name)}`, upload(name)],
          [`base64 upload named ${JSON.stringify(name)}`, base64(name)],
        ]),
        [
          'user name with CR/LF',
          () =>
            api.call(admin, 'POST', '/users', {
              email: 'neu@dim.example',
              name: 'Neu\r\nBcc: x@evil.example',
              role: 'staff',
            }),
        ],
        [
          'contact e-mail with CR/LF',
          () =>
            api.call(staff, 'POST', '/accreditations', {
              ...organisationBody(),
              organisation: {
                ...organisationBody().organisation,
                contactEmail: 'a@b.example\r\nBcc: x@evil.example',
              },
            }),
        ],
        [
          'ics summary through the city',
          () =>
            api.call(staff, 'POST', '/accreditations', {
              ...organisationBody(),
              organisation: {
                ...organisationBody().organisation,
                address: { ...organisationBody().organisation.address, city: 'München\nEND:VEVENT' },
              },
            }),
        ],
      ],
      400,
      '/problems/validation-failed',
    );
  });

  it('refuses expired, revoked and forged tokens with 401', async () => {
    const [expired, revoked] = await Promise.all([
      api.user('staff'),
      api.user('organisation', { organisationId: applicant.organisationId ?? undefined }),
    ]);
    await api.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1_000) })
      .where('user_id', '=', expired.id)
      .execute();
    await revokeTokens(api.db, revoked.id);
    const forged = { headers: { authorization: `Bearer dim_${randomBytes(32).toString('base64url')}` } };
    const borrowed = { headers: { authorization: `Bearer ${staff.token.slice(0, -2)}xx` } };
    const jwt = { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.' } };
    await refused(
      [
        ['expired token, opening', () => api.call(expired, 'POST', '/accreditations', organisationBody())],
        [
          'revoked token, application',
          () => step(revoked, 'application', { items: applicationByStatements }),
        ],
        [
          'forged token, complaint',
          () =>
            api.call(forged as TestUser, 'POST', `/accreditations/${caseId}/complaints`, {
              complainant: 'A',
              summary: 'B',
            }),
        ],
        [
          'altered token, opening',
          () => api.call(borrowed as TestUser, 'POST', '/accreditations', organisationBody()),
        ],
        [
          'unsigned JWT, new user',
          () =>
            api.call(jwt as TestUser, 'POST', '/users', {
              email: 'jwt@dim.example',
              name: 'J',
              role: 'admin',
            }),
        ],
        ['no token, read', () => api.call(null, 'GET', `/accreditations/${caseId}`)],
      ],
      401,
      '/problems/unauthorised',
    );
  });
});
