import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allConforming, applicationByStatements } from '../fixtures/application';
import type { TestUser } from '../fixtures/users';
import { organisationBody } from '../support/api-harness';
import { grantedCertificate } from '../support/granted-case';
import { type BrowserStack, browserStackPerFile } from './harness';
import { signedInTab } from './work-cases';

/** A case whose lead auditor was just appointed: it waits for the standard's 14-day objection window. */
async function inObjectionWindow(stack: BrowserStack, staff: TestUser, name: string): Promise<string> {
  const { api } = stack;
  const opened = await api.call(staff, 'POST', '/accreditations', organisationBody(name));
  const id: string = opened.body.id;
  const applicant = await api.user('organisation', { organisationId: opened.body.organisation.id });
  const [reviewer, lead] = [await api.user('auditor'), await api.user('auditor')];
  const steps: [TestUser, string, unknown][] = [
    [applicant, 'application', { items: applicationByStatements }],
    [staff, 'application/accept', {}],
    [staff, 'document-reviewer', { auditorId: reviewer.id, conflictOfInterestDeclaredFree: true }],
    [reviewer, 'document-review', { results: allConforming }],
    [staff, 'lead-auditor', { auditorId: lead.id, conflictOfInterestDeclaredFree: true }],
  ];
  for (const [user, path, body] of steps) {
    const response = await api.call(user, 'POST', `/accreditations/${id}/${path}`, body);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
  }
  return id;
}

const heading = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { name, level: 1 });

/** Issue 20, items 13 and 15, through the pages alone: what a case waits for, and its timing rules. */
describe('waiting and the timing rules in the web application', () => {
  const stack = browserStackPerFile();

  it('shows what a case waits for until when (case page, list, dashboard) and the timing rules (case, register)', async () => {
    const staff = await stack().api.user('staff');
    const waiting = await inObjectionWindow(stack(), staff, 'Einspruchsfrist GmbH');
    const { accreditationId: granted } = await grantedCertificate(stack().api, 'Fristtreu AG');
    const tab = await signedInTab(stack(), staff);
    const { page } = tab;

    await tab.visit(`/accreditations/${waiting}`, 'case-waiting', heading(/Einspruchsfrist GmbH/));
    const wait = page.locator('[data-waiting-for="objection_window"]');
    expect(await wait.textContent()).toMatch(
      /^Einspruchsfrist gegen den Auditor – bis \d+\. \w+ \d{4} um \d{2}:\d{2} MES?Z$/,
    );
    await page.locator('label', { hasText: 'English' }).click();
    await page.getByText(/^Objection window for the auditor – until .* CES?T$/).waitFor();
    await page.locator('label', { hasText: 'Deutsch' }).click();

    await tab.visit(
      '/accreditations?organisationName=Einspruchsfrist',
      'list-waiting',
      heading('Akkreditierungen'),
    );
    await page.getByRole('link', { name: 'Einspruchsfrist GmbH' }).waitFor();
    expect(await page.locator('[data-waiting-for="objection_window"]').textContent()).toMatch(
      /^Einspruchsfrist gegen den Auditor – bis /,
    );

    await tab.visit('/', 'dashboard-waits', heading('Übersicht'));
    const waits = page.getByRole('region', { name: 'Fristen, die als Nächstes ablaufen' });
    await waits.getByRole('link', { name: 'Einspruchsfrist GmbH' }).waitFor();

    await tab.visit(`/accreditations/${granted}`, 'case-compliance', heading(/Fristtreu AG/));
    const rules = page.getByRole('table', { name: 'Fristregeln der Akkreditierung' });
    const afterAudit = rules.getByRole('row').filter({ hasText: 'Entscheidung nach dem Audit' });
    await afterAudit.getByText('eingehalten').first().waitFor();
    expect(await afterAudit.textContent()).toContain('nach dem Audit erteilt');
    await expect
      .poll(async () => rules.getByRole('row').filter({ hasText: 'Jährliche Selbstbewertung' }).textContent())
      .toContain('offen');

    await tab.visit('/compliance', 'compliance-report', heading('Fristeneinhaltung aller Akkreditierungen'));
    await page.getByRole('link', { name: 'Fristtreu AG' }).waitFor();
    const phone = await signedInTab(stack(), staff, 'phone');
    await phone.visit(
      '/compliance',
      'compliance-report',
      heading('Fristeneinhaltung aller Akkreditierungen'),
    );
  });
});
