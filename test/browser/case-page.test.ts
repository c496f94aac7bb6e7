import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserStackPerFile } from './harness';
import { CaseSetup, castOfCase, reviewResults, signedInTab } from './work-cases';

const organisationName = 'Rechenzentrumsdienstleistungsgesellschaft Überlingen mbH';
const heading = (page: Page) =>
  page.getByRole('heading', { level: 1, name: `Akkreditierung: ${organisationName}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `instant` as a datetime-local input in Berlin (the browser's zone in these tests) reads it. */
function berlinLocal(instant: Date): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(instant);
  return parts.replace(' ', 'T');
}

describe('the accreditation page, through the pages alone', () => {
  const stack = browserStackPerFile();
  let setup: CaseSetup;
  let findingId: string;
  /** After the document review, before the audit planning. */
  let between: Date;

  beforeAll(async () => {
    const { api } = stack();
    setup = await new CaseSetup(api, await castOfCase(api, 'A')).open(organisationName);
    await setup.toDocumentReview();
    await setup.step(setup.cast.reviewer, 'document-review', {
      results: reviewResults({ 'SEC-2': 'Das Notfallhandbuch fehlt.' }),
    });
    // The as-of picker takes seconds: a moment clear of the events on both sides.
    await sleep(1100);
    between = new Date();
    await sleep(1100);
    await setup.step(setup.cast.staff, 'lead-auditor', {
      auditorId: setup.cast.leadAuditor.id,
      conflictOfInterestDeclaredFree: true,
    });
    await setup.step(setup.cast.leadAuditor, 'audit-date', { auditDate: '2030-01-15' });
    await setup.untilStatus('audit');
    await setup.step(setup.cast.leadAuditor, 'audit-elements', {
      element: 'on_site_audit',
      findings: [
        {
          requirementId: 'OPS-3',
          severity: 'minor',
          description: 'Eskalationswege sind nicht dokumentiert.',
        },
      ],
    });
    const lodged = await api.call(null, 'POST', '/complaints', {
      name: 'Kundin Beate Beispiel',
      email: 'beate@beispiel.example',
      language: 'de',
      text: 'Das DIM-Zeichen wird auf einer Website ohne gültiges Zertifikat verwendet.',
      organisationName,
    });
    expect(lodged.status, JSON.stringify(lodged.body)).toBe(202);
    const file = await api.call(setup.cast.staff, 'GET', `/accreditations/${setup.id}/file`);
    findingId = file.body.file.procedures[0].findings[0].findingId;
  });

  it('shows staff the whole case: file, findings, complaints, timeline in words, actions and the workflow', async () => {
    const tab = await signedInTab(stack(), setup.cast.staff);
    const { page } = tab;
    await tab.visit(`/accreditations/${setup.id}`, 'case-page-staff', heading);

    const review = page.getByTestId('document-review-results');
    expect(await review.locator('tbody tr').count()).toBe(22);
    const gapRow = review.locator('tbody tr').filter({ hasText: 'SEC-2' });
    expect(await gapRow.textContent()).toContain('Abweichung');
    expect(await gapRow.textContent()).toContain('Das Notfallhandbuch fehlt.');
    await page.getByRole('heading', { name: 'Geringfügige Abweichung zu OPS-3 (§ 4.2)' }).waitFor();
    await page.getByRole('heading', { name: 'Beschwerde von Kundin Beate Beispiel' }).waitFor();

    const timeline = page.getByTestId('timeline');
    const timelineText = await timeline.textContent();
    expect(timelineText).toContain('Dokumentenprüfung abgeschlossen');
    expect(timelineText).toContain(`Rita Prüferin A (Auditor)`);
    expect(timelineText).not.toMatch(/DocumentReviewCompleted|AuditElementCompleted/);

    const complaint = page.getByRole('link', { name: 'Beschwerde erfassen' });
    expect(await complaint.getAttribute('href')).toMatch(/^\/complaints\/new\?organisation=/);
    const temporal = page.getByRole('link', { name: 'Workflow in der Temporal-Oberfläche öffnen' });
    expect(await temporal.getAttribute('href')).toBe(
      `http://127.0.0.1:8233/namespaces/default/workflows/accreditation-${setup.id}`,
    );

    // The download link is the API's own route: the tab's session may read the document.
    const download = page.getByRole('link', { name: 'prozessbeschreibung.pdf herunterladen' }).first();
    const href = (await download.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/documents\/[0-9a-f]{64}\/content$/);
    expect((await page.request.get(`${stack().api.baseUrl}${href}`)).status()).toBe(200);
    await page.getByRole('heading', { level: 2, name: 'Fristen und Termine' }).waitFor();
  });

  it('shows the organisation its case without DIM’s internal matters, and its own task to act on', async () => {
    const tab = await signedInTab(stack(), setup.applicant);
    const { page } = tab;
    await tab.visit(`/accreditations/${setup.id}`, 'case-page-organisation', heading);
    const text = (await page.locator('main').textContent()) ?? '';
    // (The catalogue's IMP-4 speaks of a "Beschwerde- und Eskalationsmanagement": not a complaint.)
    expect(text).not.toContain('Beschwerde eingegangen');
    expect(text).not.toContain('Eingang der Beschwerde');
    expect(text).not.toContain('Kundin Beate Beispiel');
    expect(text).not.toContain('Aktionen der Fallbetreuung');
    expect(await page.getByRole('link', { name: /Temporal/ }).count()).toBe(0);
    const plan = page.getByRole('link', { name: 'Maßnahmenplan einreichen' });
    expect(await plan.getAttribute('href')).toBe(
      `/accreditations/${setup.id}/steps/submit-action-plan?subject=${encodeURIComponent(findingId)}`,
    );
    // The auditor's tasks are listed, but without buttons for the organisation.
    expect(await page.getByRole('link', { name: 'Auditelement berichten' }).count()).toBe(0);
  });

  it('shows the lead auditor the case with the elements left to report', async () => {
    const tab = await signedInTab(stack(), setup.cast.leadAuditor);
    const { page } = tab;
    await tab.visit(`/accreditations/${setup.id}`, 'case-page-auditor', heading);
    // Two elements left, and the gap SEC-2 the document review referred to the audit.
    expect(await page.getByRole('link', { name: 'Auditelement berichten' }).count()).toBe(3);
    expect(
      await page.getByTestId('review-gaps').locator('[data-review-gap="SEC-2"]').textContent(),
    ).toContain('offen');
    expect((await page.locator('main').textContent()) ?? '').not.toContain('Kundin Beate Beispiel');
  });

  it('shows the case as it stood at an earlier moment, picked on the page', async () => {
    const tab = await signedInTab(stack(), setup.cast.staff);
    const { page } = tab;
    await tab.visit(`/accreditations/${setup.id}`, 'case-page-staff', heading);
    const now = await page.getByTestId('timeline').locator('tbody tr').count();

    await page.getByRole('textbox', { name: 'Stand zu einem Zeitpunkt' }).fill(berlinLocal(between));
    await page.getByRole('button', { name: 'Stand anzeigen' }).click();
    const banner = page.locator('[data-as-of]');
    await tab.check('case-page-as-of', banner);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(
      new Date(Math.floor(between.getTime() / 1000) * 1000).toISOString(),
    );
    const earlier = await page.getByTestId('timeline').locator('tbody tr').count();
    expect(earlier).toBeLessThan(now);
    expect(await banner.textContent()).toContain(`${earlier} Ereignisse`);
    expect((await page.locator('main').textContent()) ?? '').toContain('Auditplanung');
    expect(await page.getByRole('heading', { name: /Geringfügige Abweichung/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Beschwerde erfassen' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Aktueller Stand' }).click();
    await page.getByRole('heading', { name: 'Geringfügige Abweichung zu OPS-3 (§ 4.2)' }).waitFor();
  });

  it('fits a phone, the long name wrapping', async () => {
    const tab = await signedInTab(stack(), setup.applicant, 'phone');
    await tab.visit(`/accreditations/${setup.id}`, 'case-page-organisation', heading);
  });

  it('says so when the accreditation is not there to see', async () => {
    const tab = await signedInTab(stack(), setup.applicant);
    await tab.visit(`/accreditations/${crypto.randomUUID()}`, 'case-page-not-found', (page) =>
      page.getByText('Diese Akkreditierung gibt es nicht, oder Sie dürfen sie nicht sehen.'),
    );
  });
});
