import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/api-harness';
import { browserStackPerFile } from './harness';
import { CaseSetup, castOfCase, level1, signedInTab, stepLink } from './work-cases';

const organisation = 'Sonderprüfung Rechenzentrum GmbH';
const extendedScope = 'Rechenzentrumsbetrieb an den Standorten Musterstadt und Beispielheim';
const caseHeading = (page: Page) => level1(page, `Akkreditierung: ${organisation}`);

async function submit(page: Page, button: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await caseHeading(page).waitFor();
}

/**
 * Issue 20, rule set 5: a Sonderaudit on an accredited case through the pages alone — scheduled by
 * the case manager with its reason, its lead auditor assigned from the case manager's task, audited
 * by the lead auditor from their tasks; it closes and the certificate stays as it was. Then (issue
 * 20 item 9) the organisation changes the certificate's scope from its case page, staff pass the
 * change to a decision and a decision maker grants it: the register states the new scope.
 */
describe('a special audit, through the pages alone', { timeout: 240_000 }, () => {
  const stack = browserStackPerFile();
  let accredited: CaseSetup;

  beforeAll(async () => {
    const { api } = stack();
    accredited = await new CaseSetup(api, await castOfCase(api, 'SA')).open(organisation);
    await accredited.toDocumentReview();
    await accredited.toAudit();
    await accredited.toDecision();
    await accredited.untilStatus('awaiting_decision');
    await accredited.step(accredited.cast.decisionMaker, 'grant');
  }, 300_000);

  it('is scheduled with a reason, planned and audited from the tasks, and closes', async () => {
    const { cast } = accredited;
    const granted = await accredited.read();
    expect(granted.status).toBe('accredited');

    const staffTab = await signedInTab(stack(), cast.staff);
    const staff = staffTab.page;
    await staffTab.visit(`/accreditations/${accredited.id}`, 'special-audit-case', caseHeading);
    await stepLink(staff, 'Sonderaudit ansetzen').click();
    await level1(staff, 'Sonderaudit ansetzen').waitFor();
    const before = (await accredited.read()).version;
    await staff.getByRole('button', { name: 'Sonderaudit ansetzen', exact: true }).click();
    await staffTab.check('special-audit-held-back', staff.getByText('Bitte ausfüllen.'));
    expect((await accredited.read()).version).toBe(before);
    await staff.getByLabel(/^Begründung/).fill('Beschwerde: Störungen wochenlang unbearbeitet.');
    await staff.getByRole('button', { name: 'Sonderaudit ansetzen', exact: true }).click();
    await staff.getByRole('dialog').getByRole('button', { name: 'Sonderaudit ansetzen' }).click();
    await caseHeading(staff).waitFor();

    await stepLink(staff, 'Leitenden Auditor zuweisen').click();
    await level1(staff, 'Leitenden Auditor zuweisen').waitFor();
    await staff.getByRole('combobox', { name: /^Auditor/ }).click();
    await staff.getByRole('option', { name: new RegExp(cast.leadAuditor.name) }).click();
    await staff.getByLabel('Der Auditor hat erklärt, frei von Interessenkonflikten zu sein.').check();
    await submit(staff, 'Leitenden Auditor zuweisen');

    const leadTab = await signedInTab(stack(), cast.leadAuditor);
    const lead = leadTab.page;
    const leadTasks = () =>
      leadTab.visit('/tasks', 'special-audit-lead-tasks', (p) => level1(p, 'Meine Aufgaben'));
    await leadTasks();
    await stepLink(lead, 'Audittermin festlegen').click();
    await lead.getByLabel(/^Audittermin/).fill('2030-03-10');
    await submit(lead, 'Audittermin speichern');
    // The objection window of a second closes before the elements are due.
    await eventually(
      () => accredited.read(),
      (body) =>
        body.openTasks.filter((task: { kind: string }) => task.kind === 'complete_audit_element').length ===
        3,
      60_000,
    );
    for (const element of ['on_site_audit', 'customer_satisfaction_analysis', 'it_security_check']) {
      await leadTasks();
      await lead.locator(`a[href*="subject=${element}"]`).click();
      await level1(lead, 'Auditelement berichten').waitFor();
      await submit(lead, 'Auditelement berichten');
    }

    const file = await eventually(
      () => stack().api.call(cast.staff, 'GET', `/accreditations/${accredited.id}/file`),
      (response) =>
        response.body.file.procedures.some(
          (procedure: { kind: string; specialAudit?: { closedAt: string | null } }) =>
            procedure.kind === 'special_audit' && procedure.specialAudit?.closedAt,
        ),
      60_000,
    );
    expect(file.body.status).toBe('accredited');
    expect((await accredited.read()).certificate).toEqual(granted.certificate);
    await staffTab.visit(`/accreditations/${accredited.id}`, 'special-audit-closed', caseHeading);
    const procedure = staff.locator('section[aria-labelledby^="procedure-"]', {
      has: staff.getByRole('heading', { name: 'Sonderaudit', exact: true }),
    });
    await procedure.getByText('Beschwerde: Störungen wochenlang unbearbeitet.').waitFor();
    expect(await procedure.getByText('Abgeschlossen', { exact: true }).count()).toBe(1);
    expect(await procedure.getByRole('heading', { name: 'Entscheidung' }).count()).toBe(0);

    // Issue 20 item 9 on the same certificate: the organisation applies to change the scope from
    // its case page; staff pass it to a decision, a decision maker grants it; the register states it.
    const orgTab = await signedInTab(stack(), accredited.applicant);
    const org = orgTab.page;
    await orgTab.visit(`/accreditations/${accredited.id}`, 'scope-change-case', caseHeading);
    await stepLink(org, 'Geltungsbereich ändern').click();
    await level1(org, 'Geltungsbereich ändern').waitFor();
    const unapplied = (await accredited.read()).version;
    await org.getByRole('button', { name: 'Änderung beantragen' }).click();
    await org
      .getByText('Das ist der heutige Geltungsbereich – bitte tragen Sie den geänderten ein.')
      .waitFor();
    await org.getByText('Bitte ausfüllen.').waitFor();
    expect((await accredited.read()).version).toBe(unapplied);
    await org.getByLabel(/^Geltungsbereich nach der Änderung/).fill(extendedScope);
    await org.getByLabel(/^Begründung/).fill('Zweiter Standort seit März in Betrieb');
    await submit(org, 'Änderung beantragen');

    await staffTab.visit(`/accreditations/${accredited.id}`, 'scope-change-staff', caseHeading);
    await stepLink(staff, 'Prüfweg festlegen').click();
    await level1(staff, 'Prüfweg festlegen').waitFor();
    await staff.getByText(extendedScope).waitFor();
    await staff.getByLabel('Ohne weitere Prüfung zur Entscheidung geben').check();
    await submit(staff, 'Prüfweg festlegen');

    const decider = await signedInTab(stack(), cast.decisionMaker);
    await decider.visit(`/accreditations/${accredited.id}`, 'scope-change-decider', caseHeading);
    await stepLink(decider.page, 'Über die Änderung des Geltungsbereichs entscheiden').click();
    await decider.page.getByLabel(/^Änderung bewilligen/).check();
    await decider.page.getByLabel(/^Begründung/).fill('Standort nachgewiesen');
    await submit(decider.page, 'Über die Änderung des Geltungsbereichs entscheiden');
    const history = decider.page.locator('section[aria-labelledby="scope-changes"]');
    await history.getByText(/^Bewilligt: Standort nachgewiesen/).waitFor();
    const entry = await stack().api.call(null, 'GET', `/register/${granted.certificate.number}`);
    expect(entry.body).toMatchObject({ status: 'valid', scope: extendedScope });
  });
});
