import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/program';
import { allConforming, completeApplication } from '../fixtures/application';
import { eventually, pdf } from '../support/api-harness';
import { pilotPolicy } from '../support/policies';
import { refusedCase } from '../support/refused-case';
import { useTestStack } from '../support/stack';

const run = promisify(execFile);

/** The CLI drives the same life cycle as the HTTP end-to-end test, each step with its user's token. */
describe('the staff CLI', () => {
  const api = useTestStack({ api: true });
  let adminToken: string;
  const scratch = mkdtempSync(join(tmpdir(), 'dim-cli-'));

  beforeAll(async () => {
    adminToken = (await api.user('admin')).token;
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Runs the CLI in-process; returns the exit code, stdout and stderr. */
  async function dim(token: string | null, ...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--api', api.baseUrl, ...(token ? ['--token', token] : []), ...args], {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      env: { DATABASE_URL: api.database.url, DATA_DIR: scratch },
    });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }
  async function dimJson(token: string | null, ...args: string[]) {
    const result = await dim(token, '--json', ...args);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return JSON.parse(result.stdout);
  }
  const createUser = async (by: string, role: string, organisation?: string) =>
    (
      await dimJson(
        by,
        'users',
        'create',
        '--email',
        `${role}-${Math.random().toString(36).slice(2)}@example.org`,
        '--name',
        role,
        '--role',
        role,
        ...(organisation ? ['--organisation', organisation] : []),
      )
    ).token.token as string;

  it('opens, lists, shows, completes every step to the certificate, verifies events and rebuilds projections', async () => {
    const staff = await createUser(adminToken, 'staff');
    const decisionMaker = await createUser(adminToken, 'decision_maker');
    const auditor = await createUser(adminToken, 'auditor');
    const auditorId = (
      await api.call({ headers: { authorization: `Bearer ${auditor}` } } as never, 'GET', '/me')
    ).body.id;

    const policyFile = join(scratch, 'policy.json');
    writeFileSync(policyFile, JSON.stringify(pilotPolicy));
    const opened = await dimJson(
      staff,
      'open',
      '--name',
      'Kommandozeile AG',
      '--street',
      'Weg 1',
      '--postal-code',
      '10115',
      '--city',
      'Berlin',
      '--email',
      'info@kommandozeile.example',
      '--scope',
      'IT-Betrieb',
      '--technical-areas',
      'itsm_operations, service_desk_support',
      '--policy',
      `@${policyFile}`,
    );
    const id: string = opened.id;
    const { areas } = await api.db
      .selectFrom('accreditations')
      .select(sql<string[]>`state -> 'technicalAreas'`.as('areas'))
      .where('accreditation_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(areas).toEqual(['itsm_operations', 'service_desk_support']);
    const applicant = await createUser(staff, 'organisation', opened.organisation.id);

    const evidence = join(scratch, 'nachweis.pdf');
    writeFileSync(evidence, pdf('cli'));
    const documentId = (await dim(applicant, 'upload', evidence)).stdout.trim();
    expect(documentId).toMatch(/^[0-9a-f]{64}$/);

    const complete = async (token: string, step: string, data: unknown = {}) => {
      const result = await dim(token, 'complete', id, step, '--data', JSON.stringify(data));
      expect(result.code, `${step}: ${result.stderr}`).toBe(0);
      return result.stdout;
    };
    const items = completeApplication.map((item) =>
      item.documentIds ? { ...item, documentIds: [documentId] } : item,
    );
    expect(await complete(applicant, 'SubmitApplication', { items })).toContain('application_review');
    await complete(staff, 'application/accept');
    await complete(staff, 'AssignDocumentReviewer', { auditorId, conflictOfInterestDeclaredFree: true });
    expect((await dim(auditor, 'tasks')).stdout).toContain('complete_document_review');
    await complete(auditor, 'document-review', { results: allConforming });
    await complete(staff, 'AssignLeadAuditor', { auditorId, conflictOfInterestDeclaredFree: true });
    await complete(auditor, 'SetAuditDate', { auditDate: '2030-01-01' });
    await eventually(
      () => dimJson(staff, 'show', id),
      (detail) => detail.status === 'audit',
    );
    for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check']) {
      await complete(auditor, 'CompleteAuditElement', { element, findings: [] });
    }
    // A refused step: exit code 1 with the problem on stderr.
    const refused = await dim(auditor, 'complete', id, 'Grant');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('403');
    expect(await complete(decisionMaker, 'Grant')).toContain('accredited');

    const shown = await dim(staff, 'show', id);
    expect(shown.stdout).toContain('Kommandozeile AG — accredited');
    expect(shown.stdout).toMatch(/AccreditationGranted\s+by decision_maker/);
    const listed = await dimJson(staff, 'list', '--status', 'accredited', '--all-pages');
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(id);
    const certificate = (await dimJson(staff, 'show', id)).certificate.number;
    expect((await dimJson(null, 'register', '--certificate', certificate)).items[0].status).toBe('valid');
    const registered = await dim(null, 'register', '--organisation', 'Kommandozeile');
    expect(registered.stdout).toContain(`${certificate}  valid     Kommandozeile AG`);
    expect(registered.stdout).toContain('scope: IT-Betrieb');

    await complete(applicant, 'self-assessments', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      statement: 'Alle Anforderungen erfüllt.',
    });
    await complete(staff, 'ReviewSelfAssessment', {
      selfAssessmentId: 'cycle-1:self-assessment-1',
      review: { outcome: 'accepted' },
    });

    const verified = await dimJson(null, 'events', 'verify');
    expect(verified).toMatchObject({ ok: true });
    const rebuilt = await dimJson(null, 'projections', 'rebuild');
    expect(rebuilt.events).toBeGreaterThan(10);
    expect((await dimJson(staff, 'show', id)).status).toBe('accredited');
  }, 60_000);

  it('sends a user a new invitation: users invite <id>', async () => {
    const staff = await api.user('staff');
    const invited = await dimJson(adminToken, 'users', 'invite', staff.id);
    expect(invited).toEqual({ userId: staff.id, invited: true });
    const mails = await api.database.db
      .selectFrom('account_mails')
      .select(['kind', 'status'])
      .where('user_id', '=', staff.id)
      .execute();
    expect(mails).toEqual([{ kind: 'invitation', status: 'pending' }]);
    const unknown = await dim(adminToken, 'users', 'invite', 'no-such-user');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('/problems/not-found');
  });

  it('erases an organisation on its request: organisations erase <id> --yes, refused while its case runs', async () => {
    const staff = await api.user('staff');
    const auditor = await api.user('auditor');
    const decisionMaker = await api.user('decision_maker');
    const { id } = await refusedCase(api, staff, auditor, decisionMaker, 'Löschantrag Kommandozeile GmbH');
    const organisationId = (await api.call(staff, 'GET', `/accreditations/${id}`)).body.organisation.id;
    const unconfirmed = await dim(adminToken, 'organisations', 'erase', organisationId);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');
    expect((await dim(staff.token, 'organisations', 'erase', organisationId, '--yes')).code).toBe(1);
    // Refused while the appeal window (2 s) runs, then done.
    const erase = () => dim(adminToken, '--json', 'organisations', 'erase', organisationId, '--yes');
    const done = await eventually(erase, (result) => {
      if (result.code !== 0) expect(result.stderr).toContain('organisation_has_running_cases');
      return result.code === 0;
    });
    const erased = JSON.parse(done.stdout);
    expect(erased).toMatchObject({ organisationId, cases: [id] });
    expect(erased.accounts).toBeGreaterThan(0);
    const again = await dim(adminToken, 'organisations', 'erase', organisationId, '--yes');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The organisation’s data is erased already.');
  }, 60_000);

  it('reports usage errors with exit code 2 and an unreachable API with 3', async () => {
    expect((await dim(adminToken, 'complete', 'x', 'NoSuchStep')).code).toBe(2);
    expect((await dim(adminToken, 'list', '--limit', 'many')).code).toBe(2);
    const unreachable = await runCli(['--api', 'http://127.0.0.1:1', '--token', adminToken, 'tasks'], {
      out: () => {},
      err: () => {},
      env: {},
    });
    expect(unreachable).toBe(3);
  });

  it('runs as a process: --help, and exit code 1 with the problem for a missing case', async () => {
    const cli = ['--import', 'tsx', join(import.meta.dirname, '..', '..', 'cli', 'main.ts')];
    const help = await run(process.execPath, [...cli, '--help']);
    expect(help.stdout).toContain('Exit codes');
    const missing = await run(process.execPath, [
      ...cli,
      '--api',
      api.baseUrl,
      '--token',
      adminToken,
      'show',
      '00000000-0000-4000-8000-000000000000',
    ]).catch((error) => error);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('/problems/not-found');
  }, 30_000);
});
