/**
 * Case states for the browser tests of the accreditation page, the auditors' forms and the
 * decision page, set up through the API (the pages under test then act alone), and a signed-in
 * browser tab for a user (a session of the API's own, its cookie given to the tab).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { defaultSessionConfig, sessionCookie } from '../../api/session';
import type { UserRole } from '../../db/database';
import { createSession } from '../../db/sessions';
import { dim1002Edition2024 } from '../../domain/catalogue';
import type { PolicyInput } from '../../domain/policy-schema';
import { completeApplication } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { eventually, organisationBody, pdf } from '../support/api-harness';
import type { TestStack } from '../support/stack';
import type { BrowserStack, TestPage, Viewport } from './harness';

/** Objections to the auditor possible for a second only; everything else the standard's periods. */
export const quickObjections: PolicyInput = {
  version: 'browser-quick-objections',
  auditorObjectionWindow: { seconds: 1 },
};

export type Api = Pick<TestStack, 'user' | 'call' | 'db'>;

/** A user with a person's name (as the pages show it). */
export async function namedUser(
  api: Api,
  role: UserRole,
  name: string,
  options: { organisationId?: string } = {},
): Promise<TestUser & { name: string }> {
  const user = await api.user(role, options);
  await api.db.updateTable('users').set({ name }).where('user_id', '=', user.id).execute();
  return { ...user, name };
}

/** A browser tab signed in as `user`. */
export async function signedInTab(
  stack: BrowserStack,
  user: TestUser,
  viewport: Viewport = 'laptop',
): Promise<TestPage> {
  const tab = await stack.open(viewport);
  const { sessionId } = await createSession(stack.api.db, user.id, defaultSessionConfig);
  await tab.page
    .context()
    .addCookies([
      { name: sessionCookie, value: sessionId, url: stack.api.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
  return tab;
}

/** Every requirement conforming but the given ones, which are gaps with a remark. */
export function reviewResults(gaps: Record<string, string> = {}) {
  return dim1002Edition2024.requirements.map(({ id }) =>
    gaps[id]
      ? { requirementId: id, result: 'gap' as const, comment: gaps[id] }
      : { requirementId: id, result: 'conforming' as const },
  );
}

export const auditElements = [
  'on_site_audit',
  'customer_satisfaction_analysis',
  'it_security_check',
] as const;

/** The people of a case. */
export async function castOfCase(api: Api, suffix: string) {
  const [staff, decisionMaker, reviewer, leadAuditor] = await Promise.all([
    namedUser(api, 'staff', `Anna Fallbetreuerin ${suffix}`),
    namedUser(api, 'decision_maker', `Dora Entscheiderin ${suffix}`),
    namedUser(api, 'auditor', `Rita Prüferin ${suffix}`),
    namedUser(api, 'auditor', `Lars Leitauditor ${suffix}`),
  ]);
  return { staff, decisionMaker, reviewer, leadAuditor };
}
export type Cast = Awaited<ReturnType<typeof castOfCase>>;

export const level1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
/** The first link of the page that opens this step (a task's button). */
export const stepLink = (page: Page, name: string) => page.getByRole('link', { name, exact: true }).first();

/** One accreditation driven through the API, step by step, by the users of its cast. */
export class CaseSetup {
  id = '';
  applicant!: TestUser & { name: string };

  constructor(
    readonly api: Api,
    readonly cast: Cast,
  ) {}

  async open(organisationName: string, policy: PolicyInput = quickObjections): Promise<this> {
    const opened = await this.api.call(this.cast.staff, 'POST', '/accreditations', {
      ...organisationBody(organisationName),
      policy,
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    this.id = opened.body.id;
    this.applicant = await namedUser(this.api, 'organisation', `Olga Antragstellerin`, {
      organisationId: opened.body.organisation.id,
    });
    return this;
  }

  async step(user: TestUser, path: string, body: unknown = {}) {
    const response = await this.api.call(user, 'POST', `/accreditations/${this.id}/${path}`, body);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
    return response.body;
  }

  /** The case as the API shows it (`version`: its number of events). */
  async read(user: TestUser = this.cast.staff) {
    const response = await this.api.call(user, 'GET', `/accreditations/${this.id}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async untilStatus(status: string) {
    return eventually(
      () => this.read(),
      (body) => body.status === status,
    );
  }

  /** The application with an uploaded PDF submitted: the case manager reviews it. */
  async submitApplication(): Promise<this> {
    const upload = await this.api.call(
      this.applicant,
      'POST',
      '/documents?filename=prozessbeschreibung.pdf',
      pdf(this.id),
      {
        'content-type': 'application/pdf',
      },
    );
    expect(upload.status).toBe(201);
    const items = completeApplication.map((item) =>
      item.documentIds ? { ...item, documentIds: [upload.body.id] } : item,
    );
    await this.step(this.applicant, 'application', { items });
    return this;
  }

  /** The application with an uploaded PDF, accepted; the document reviewer assigned. */
  async toDocumentReview(): Promise<this> {
    await this.submitApplication();
    await this.step(this.cast.staff, 'application/accept');
    await this.step(this.cast.staff, 'document-reviewer', {
      auditorId: this.cast.reviewer.id,
      conflictOfInterestDeclaredFree: true,
    });
    return this;
  }

  /** The document review completed, the lead auditor assigned, the date set, objections over. */
  async toAudit(gaps: Record<string, string> = {}): Promise<this> {
    await this.step(this.cast.reviewer, 'document-review', { results: reviewResults(gaps) });
    await this.step(this.cast.staff, 'lead-auditor', {
      auditorId: this.cast.leadAuditor.id,
      conflictOfInterestDeclaredFree: true,
    });
    await this.step(this.cast.leadAuditor, 'audit-date', { auditDate: '2030-01-15' });
    await this.untilStatus('audit');
    return this;
  }

  /** Every audit element reported without findings: awaiting the decision. */
  async toDecision(): Promise<this> {
    for (const element of auditElements) {
      await this.step(this.cast.leadAuditor, 'audit-elements', { element, findings: [] });
    }
    return this;
  }
}
