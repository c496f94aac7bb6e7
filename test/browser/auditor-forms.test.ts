import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dim1002Edition2024 } from '../../domain/catalogue';
import { pdf } from '../support/api-harness';
import { browserStackPerFile } from './harness';
import { CaseSetup, castOfCase, quickObjections, reviewResults, signedInTab } from './work-cases';

const requirementCount = dim1002Edition2024.requirements.length;
const tasksHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Meine Aufgaben' });
const reviewHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Dokumentenprüfung' });
const caseHeading = (page: Page) => page.getByRole('heading', { level: 1, name: /^Akkreditierung: / });

describe('my tasks and the auditors’ forms, through the pages alone', { timeout: 120_000 }, () => {
  const stack = browserStackPerFile();
  /** Its document review overdue (a deadline of two seconds). */
  let overdue: CaseSetup;
  /** On the standard's periods: review, audit planning, audit, findings. */
  let regular: CaseSetup;

  beforeAll(async () => {
    const { api } = stack();
    const cast = await castOfCase(api, 'B');
    overdue = await new CaseSetup(api, cast).open('Überfällig Prüfbetrieb GmbH', {
      ...quickObjections,
      version: 'browser-overdue-review',
      auditorDeadlines: {
        documentReview: { seconds: 2 },
        auditReport: { days: 30 },
        reminderLeadTime: { seconds: 1 },
      },
    });
    await overdue.toDocumentReview();
    regular = await new CaseSetup(api, cast).open('Regulär Rechenzentrum AG');
    await regular.toDocumentReview();
    // The overdue case's deadline passes.
    await new Promise((resolve) => setTimeout(resolve, 2500));
  });

  it('starts an auditor on their tasks: earliest due first, the overdue marked, each opening its form', async () => {
    const tab = await signedInTab(stack(), overdue.cast.reviewer);
    const { page } = tab;
    await tab.visit('/', 'tasks-auditor', tasksHeading);
    const items = page.getByRole('list', { name: 'Offene Aufgaben' }).locator(':scope > li');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain('Akkreditierung von Überfällig Prüfbetrieb GmbH');
    expect(await items.nth(0).textContent()).toContain('Überfällig');
    expect(await items.nth(1).textContent()).toContain('Akkreditierung von Regulär Rechenzentrum AG');
    expect(await items.nth(1).textContent()).not.toContain('Überfällig');
    await page.getByText('2 offene Aufgaben – davon 1 überfällig').waitFor();

    await items.nth(0).getByRole('link', { name: 'Dokumentenprüfung durchführen' }).click();
    await tab.check('auditor-document-review', reviewHeading(page));
    expect(new URL(page.url()).pathname).toBe(`/accreditations/${overdue.id}/steps/complete-document-review`);
    expect(await page.locator('[data-requirement]').count()).toBe(requirementCount);

    const phone = await signedInTab(stack(), overdue.cast.reviewer, 'phone');
    await phone.visit('/tasks', 'tasks-auditor', tasksHeading);
    await phone.page.getByText('EN', { exact: true }).click();
    await phone.check('tasks-auditor-en', phone.page.getByRole('heading', { level: 1, name: 'My tasks' }));
    await phone.visit(
      `/accreditations/${overdue.id}/steps/complete-document-review`,
      'auditor-document-review-en',
      (p) => p.getByRole('heading', { level: 1, name: 'Document review' }),
    );
  });

  it('takes the document review by keyboard alone, a gap without remark held back at its field', async () => {
    const tab = await signedInTab(stack(), overdue.cast.reviewer);
    const { page, keyboard } = { page: tab.page, keyboard: tab.page.keyboard };
    await tab.visit(
      `/accreditations/${overdue.id}/steps/complete-document-review`,
      'auditor-document-review',
      reviewHeading,
    );
    const before = (await overdue.read()).version;

    // Into the first row's result; from there on Tab, Space, arrows and typing only.
    await page.getByRole('radio', { name: 'konform' }).first().focus();
    for (const [index, { id }] of dim1002Edition2024.requirements.entries()) {
      if (index > 0) await keyboard.press('Tab');
      if (id === 'SEC-2') await keyboard.press('ArrowRight');
      else await keyboard.press('Space');
      await keyboard.press('Tab'); // the remark
      if (id === 'OPS-1') await keyboard.type('SLA-Bericht Q3 liegt vor.');
    }
    await page.getByText(`${requirementCount} von ${requirementCount} Anforderungen bewertet`).waitFor();
    await keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Dokumentenprüfung abschließen');
    await keyboard.press('Enter');

    const remark = page.getByRole('textbox', { name: 'Bemerkung zu SEC-2' });
    await page.getByText('Bei einer Abweichung ist eine Bemerkung Pflicht.', { exact: true }).waitFor();
    expect(await remark.getAttribute('aria-invalid')).toBe('true');
    await tab.check('auditor-document-review-held-back', remark);
    expect((await overdue.read()).version).toBe(before);

    await remark.focus();
    await keyboard.type('Das Notfallhandbuch fehlt.');
    await page.getByRole('button', { name: 'Dokumentenprüfung abschließen' }).focus();
    await keyboard.press('Enter');
    await caseHeading(page).waitFor();
    const results = page.getByTestId('document-review-results');
    const gap = results.locator('tbody tr').filter({ hasText: 'SEC-2' });
    expect(await gap.textContent()).toContain('Das Notfallhandbuch fehlt.');
    expect(await results.locator('tbody tr').filter({ hasText: 'OPS-1' }).textContent()).toContain(
      'SLA-Bericht Q3 liegt vor.',
    );
    // Recorded (with rule set 2 the gap referred to the audit is an event of its own).
    expect((await overdue.read()).version).toBeGreaterThan(before);
  });

  it('shows the API’s refusal of a review someone completed meanwhile, and changes nothing', async () => {
    const tab = await signedInTab(stack(), regular.cast.reviewer);
    const { page } = tab;
    await tab.visit(
      `/accreditations/${regular.id}/steps/complete-document-review`,
      'auditor-document-review',
      reviewHeading,
    );
    for (const radio of await page.getByRole('radio', { name: 'konform' }).all()) await radio.check();
    await regular.step(regular.cast.reviewer, 'document-review', {
      results: reviewResults({
        'SEC-2': 'Das Notfallhandbuch fehlt.',
        'QUA-1': 'Die letzte Kundenzufriedenheitsanalyse ist älter als ein Jahr.',
      }),
    });
    const before = (await regular.read()).version;
    await page.getByRole('button', { name: 'Dokumentenprüfung abschließen' }).click();
    const alert = page.getByRole('alert');
    await alert
      .getByText('Dieser Schritt ist im aktuellen Stand der Akkreditierung nicht möglich.')
      .waitFor();
    await tab.check('auditor-document-review-refused', alert);
    expect((await regular.read()).version).toBe(before);
  });

  it('sets the audit date: a day in the past refused with nothing changed, a future day saved', async () => {
    await regular.step(regular.cast.staff, 'lead-auditor', {
      auditorId: regular.cast.leadAuditor.id,
      conflictOfInterestDeclaredFree: true,
    });
    const tab = await signedInTab(stack(), regular.cast.leadAuditor);
    const { page } = tab;
    await tab.visit('/', 'tasks-lead-auditor', tasksHeading);
    await page.getByRole('link', { name: 'Audittermin festlegen' }).click();
    await tab.check(
      'auditor-audit-date',
      page.getByRole('heading', { level: 1, name: 'Audittermin festlegen' }),
    );

    const before = (await regular.read()).version;
    const date = page.getByLabel(/^Audittermin/);
    await date.fill('2020-01-15');
    await page.getByRole('button', { name: 'Audittermin speichern' }).click();
    await page
      .getByText('Der Audittermin liegt in der Vergangenheit. Bitte einen künftigen Tag wählen.')
      .waitFor();
    await tab.check(
      'auditor-audit-date-refused',
      page.getByRole('button', { name: 'Audittermin speichern' }),
    );
    expect((await regular.read()).version).toBe(before);

    await date.fill('2030-01-15');
    await page.getByRole('button', { name: 'Audittermin speichern' }).click();
    await caseHeading(page).waitFor();
    expect((await regular.untilStatus('audit')).status).toBe('audit');
  });

  it('reports an audit element with a minor and a major finding; a second report of it is refused', async () => {
    const tab = await signedInTab(stack(), regular.cast.leadAuditor);
    const { page } = tab;
    const path = `/accreditations/${regular.id}/steps/complete-audit-element?subject=on_site_audit`;
    const heading = (p: Page) => p.getByRole('heading', { level: 1, name: 'Auditelement berichten' });
    await tab.visit(path, 'auditor-audit-element', heading);
    await page.getByRole('heading', { name: 'Vor-Ort-Audit' }).waitFor();

    const finding = (number: number) => page.getByRole('group', { name: `Feststellung ${number}` });
    await page.getByRole('button', { name: 'Feststellung hinzufügen' }).click();
    await finding(1).getByLabel('Anforderung').selectOption('OPS-3');
    await finding(1).getByRole('radio', { name: 'Geringfügige Abweichung' }).check();
    await finding(1).getByLabel('Beschreibung').fill('Eskalationswege sind nicht dokumentiert.');
    await page.getByRole('button', { name: 'Feststellung hinzufügen' }).click();
    await finding(2).getByLabel('Anforderung').selectOption('SEC-2');
    await finding(2).getByRole('radio', { name: 'Schwerwiegende Abweichung' }).check();
    await finding(2).getByLabel('Beschreibung').fill('Es gibt kein Notfallhandbuch.');
    // The gaps the document review referred to the audit: QUA-1 found closed (a remark required),
    // SEC-2 taken over by the finding on it.
    const gaps = page.getByRole('group', { name: 'Abweichungen aus der Dokumentenprüfung' });
    await gaps.getByLabel('QUA-1 (§ 4.4): im Audit als behoben festgestellt').check();
    await page.getByRole('button', { name: 'Auditelement berichten' }).click();
    await gaps.getByText('Bitte ausfüllen.').waitFor();
    await gaps.getByLabel('Bemerkung zu QUA-1').fill('Analyse vom Oktober liegt vor.');
    await tab.check('auditor-audit-element-findings', finding(2));
    await page.getByRole('button', { name: 'Auditelement berichten' }).click();
    await caseHeading(page).waitFor();
    await page.getByRole('heading', { name: 'Geringfügige Abweichung zu OPS-3 (§ 4.2)' }).waitFor();
    await page.getByRole('heading', { name: 'Schwerwiegende Abweichung zu SEC-2 (§ 4.3)' }).waitFor();
    const settled = page.getByTestId('review-gaps');
    expect(await settled.locator('[data-review-gap="QUA-1"]').textContent()).toContain(
      'Festgestellt: Analyse vom Oktober liegt vor.',
    );
    expect(await settled.locator('[data-review-gap="SEC-2"]').textContent()).toContain(
      'als Feststellung übernommen',
    );

    // The same element again (an old tab): the API refuses, nothing changes.
    await tab.visit(path, 'auditor-audit-element', heading);
    const before = (await regular.read()).version;
    await page.getByRole('button', { name: 'Auditelement berichten' }).click();
    await page.getByRole('alert').getByText('Dieses Auditelement wurde bereits berichtet.').waitFor();
    expect((await regular.read()).version).toBe(before);
  });

  it('accepts the action plan and verifies the corrective action from the tasks they open', async () => {
    const { api } = stack();
    const file = await api.call(regular.cast.staff, 'GET', `/accreditations/${regular.id}/file`);
    const findings: { findingId: string; severity: string }[] = file.body.file.procedures[0].findings;
    const minor = findings.find((f) => f.severity === 'minor')?.findingId ?? '';
    const major = findings.find((f) => f.severity === 'major')?.findingId ?? '';
    await regular.step(regular.applicant, 'action-plans', {
      findingId: minor,
      plan: 'Eskalationswege werden bis März im Betriebshandbuch beschrieben.',
    });
    const upload = await api.call(
      regular.applicant,
      'POST',
      '/documents?filename=notfallhandbuch.pdf',
      pdf('n'),
      {
        'content-type': 'application/pdf',
      },
    );
    await regular.step(regular.applicant, 'corrective-actions', {
      findingId: major,
      description: 'Das Notfallhandbuch ist erstellt und freigegeben.',
      documentIds: [upload.body.id],
    });

    const tab = await signedInTab(stack(), regular.cast.leadAuditor);
    const { page } = tab;
    await tab.visit('/tasks', 'tasks-lead-auditor', tasksHeading);
    await page.getByRole('link', { name: 'Maßnahmenplan annehmen' }).click();
    await tab.check('auditor-accept-action-plan', page.getByText('Eskalationswege werden bis März').first());
    await page.getByRole('button', { name: 'Maßnahmenplan annehmen' }).click();
    await caseHeading(page).waitFor();

    await tab.visit('/tasks', 'tasks-lead-auditor', tasksHeading);
    await page.getByRole('link', { name: 'Korrekturmaßnahme verifizieren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Korrekturmaßnahme verifizieren' }).waitFor();
    await page.getByRole('button', { name: 'Ergebnis speichern' }).click();
    await tab.check('auditor-verify-held-back', page.getByText('Bitte ausfüllen.').first());
    await page.getByRole('radio', { name: 'wirksam', exact: true }).check();
    await page.getByLabel('Begründung').fill('Handbuch geprüft, Übung am 3. März protokolliert.');
    await page.getByRole('button', { name: 'Ergebnis speichern' }).click();
    await caseHeading(page).waitFor();
    const after = await api.call(regular.cast.staff, 'GET', `/accreditations/${regular.id}/file`);
    const statuses = after.body.file.procedures[0].findings.map((f: { status: string }) => f.status);
    expect(statuses).toEqual(['resolved', 'resolved']);
  });
});
