import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserStackPerFile } from './harness';
import { CaseSetup, castOfCase, namedUser, signedInTab } from './work-cases';

const caseHeading = (page: Page) => page.getByRole('heading', { level: 1, name: /^Akkreditierung: / });
const grantHeading = (page: Page) =>
  page.getByRole('heading', { level: 1, name: 'Über die Akkreditierung entscheiden: erteilen' });

describe('the decision page, through the pages alone', { timeout: 120_000 }, () => {
  const stack = browserStackPerFile();
  /** Audited without findings, awaiting the decision. */
  let toGrant: CaseSetup;
  /** Its document reviewer has since become a decision maker. */
  let toRefuse: CaseSetup;
  let formerAuditor: Awaited<ReturnType<typeof namedUser>>;

  beforeAll(async () => {
    const { api } = stack();
    const cast = await castOfCase(api, 'D');
    toGrant = await new CaseSetup(api, cast).open('Entscheidungsreif Systemhaus GmbH');
    await toGrant.toDocumentReview();
    await toGrant.toAudit();
    await toGrant.toDecision();

    formerAuditor = await namedUser(api, 'auditor', 'Petra Wechsel');
    toRefuse = await new CaseSetup(api, { ...cast, reviewer: formerAuditor }).open('Versagt Hosting KG');
    await toRefuse.toDocumentReview();
    await toRefuse.toAudit();
    await toRefuse.toDecision();
    // Promoted after auditing: one role per user.
    await api.db
      .updateTable('users')
      .set({ role: 'decision_maker' })
      .where('user_id', '=', formerAuditor.id)
      .execute();
    await toGrant.untilStatus('awaiting_decision');
    await toRefuse.untilStatus('awaiting_decision');
  });

  it('shows the dossier on one page and grants; the public register then shows the certificate valid', async () => {
    const tab = await signedInTab(stack(), toGrant.cast.decisionMaker);
    const { page } = tab;
    await tab.visit('/tasks', 'tasks-decision-maker', (p) =>
      p.getByRole('heading', { level: 1, name: 'Meine Aufgaben' }),
    );
    const task = page
      .getByRole('listitem')
      .filter({ hasText: 'Akkreditierung von Entscheidungsreif Systemhaus GmbH' });
    await task.getByRole('link', { name: 'Akkreditierung erteilen' }).click();
    await tab.check('decision-grant', grantHeading(page));
    const dossier = page.locator('[data-dossier]');
    const text = (await dossier.textContent()) ?? '';
    expect(text).toContain('Rita Prüferin D, Lars Leitauditor D');
    expect(text).toContain('Vor-Ort-Audit');
    expect(await dossier.getByTestId('document-review-results').locator('tbody tr').count()).toBe(22);
    expect(await page.locator('[data-four-eyes]').count()).toBe(0);

    await page.getByRole('button', { name: 'Akkreditierung erteilen' }).click();
    await caseHeading(page).waitFor();
    const certificate = page.getByRole('link', { name: /^DIM1002-/ });
    await certificate.waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('akkreditiert');
    const number = (await certificate.textContent()) ?? '';

    const visitor = await stack().open();
    await visitor.visit(`/register?q=${number}`, 'register-after-grant', (p) =>
      p.getByRole('heading', { name: 'Entscheidungsreif Systemhaus GmbH' }),
    );
    await expect.poll(() => visitor.page.locator('main').textContent()).toContain('gültig');
  });

  it('tells a decision maker who audited the case why they may not decide, and the API refuses', async () => {
    const tab = await signedInTab(stack(), formerAuditor);
    const { page } = tab;
    await tab.visit(
      `/accreditations/${toRefuse.id}/steps/grant?subject=${toRefuse.id}`,
      'decision-four-eyes',
      (p) => p.locator('[data-four-eyes]'),
    );
    expect(await page.locator('[data-four-eyes]').textContent()).toContain(
      'Sie haben in diesem Verfahren selbst auditiert.',
    );
    const before = (await toRefuse.read()).version;
    await page.getByRole('button', { name: 'Akkreditierung erteilen' }).click();
    const alert = page
      .getByRole('alert')
      .filter({ hasText: 'Vier-Augen-Prinzip nicht über sie entscheiden' });
    await tab.check('decision-four-eyes-refused', alert);
    expect((await toRefuse.read()).version).toBe(before);
    expect((await toRefuse.read()).status).toBe('awaiting_decision');
  });

  it('refuses with reasons, held back until a reason is given and the refusal confirmed', async () => {
    const tab = await signedInTab(stack(), toRefuse.cast.decisionMaker, 'phone');
    const { page } = tab;
    await tab.visit(
      `/accreditations/${toRefuse.id}/steps/refuse?subject=${toRefuse.id}`,
      'decision-refuse',
      (p) => p.getByRole('heading', { level: 1, name: 'Über die Akkreditierung entscheiden: versagen' }),
    );
    const before = (await toRefuse.read()).version;
    await page.getByRole('button', { name: 'Akkreditierung versagen' }).click();
    await page.getByText('Bitte bestätigen Sie die Versagung.').waitFor();
    await tab.check('decision-refuse-held-back', page.getByText('Bitte ausfüllen.'));
    expect((await toRefuse.read()).version).toBe(before);

    await page
      .getByRole('textbox', { name: 'Begründung 1' })
      .fill('Die Organisation hat den Geltungsbereich nicht nachgewiesen.');
    await page.getByRole('button', { name: 'Weitere Begründung' }).click();
    await page
      .getByRole('textbox', { name: 'Begründung 2' })
      .fill('Das Rechenzentrum am zweiten Standort wurde nicht auditiert.');
    await page.getByLabel('Ich versage die Akkreditierung mit dieser Begründung.').check();
    await page.getByRole('button', { name: 'Akkreditierung versagen' }).click();
    await caseHeading(page).waitFor();
    expect((await toRefuse.untilStatus('refused')).status).toBe('refused');
    await page.getByText('Das Rechenzentrum am zweiten Standort wurde nicht auditiert.').first().waitFor();
  });
});
