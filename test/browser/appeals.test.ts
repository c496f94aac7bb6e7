import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxLength } from '../../domain/text-limits';
import { applicationByStatements } from '../fixtures/application';
import { browserStackPerFile } from './harness';
import { type Api, CaseSetup, castOfCase, namedUser, signedInTab } from './work-cases';

const rejectionReason = 'Kein IT-Dienstleister im Sinne von §2 der Norm.';
const grounds = 'Wir betreiben seit 2019 einen Servicedesk für 40 Kunden (§2); siehe Leistungsbeschreibung.';

const queueHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Entscheidungen' });
const queued = (page: Page, where: 'mine' | 'queue', organisation: string) =>
  page
    .locator(`[data-section="${where}"]`)
    .getByRole('listitem')
    .filter({ hasText: `Akkreditierung von ${organisation}` })
    .filter({ hasText: 'Über den Einspruch entscheiden' });

/** A case whose Antrag staff rejected: the organisation may appeal (the standard's window, 30 days). */
async function rejectedCase(api: Api, cast: Awaited<ReturnType<typeof castOfCase>>, name: string) {
  const setup = await new CaseSetup(api, cast).open(name);
  await setup.step(setup.applicant, 'application', { items: applicationByStatements });
  await setup.step(cast.staff, 'application/reject', { reasons: [rejectionReason] });
  await setup.untilStatus('refused');
  return setup;
}

/**
 * Appeals (ISO/IEC 17021-1 §9.7) through the pages alone: the organisation lodges one against the
 * rejection of its Antrag; a decision maker not involved takes it from the decision queue and
 * decides it on a page that shows the decision, its reasons and the grounds; staff give an appeal
 * to a decision maker. Each form's refusal records nothing.
 */
describe('appeals, through the pages alone', { timeout: 180_000 }, () => {
  const stack = browserStackPerFile();
  let appealed: CaseSetup;
  let toAssign: CaseSetup;
  let handler: Awaited<ReturnType<typeof namedUser>>;

  beforeAll(async () => {
    const { api } = stack();
    const cast = await castOfCase(api, 'E');
    handler = await namedUser(api, 'decision_maker', 'Hanna Einspruch E');
    appealed = await rejectedCase(api, cast, 'Einspruchsfreudig Service GmbH');
    toAssign = await rejectedCase(api, cast, 'Zuweisung Einspruch KG');
    await toAssign.step(toAssign.applicant, 'appeals', {
      decisionId: 'cycle-1:rejection-1',
      reasons: [grounds],
      documentIds: [],
    });
  });

  it('lets the organisation lodge an appeal from its portal; an empty or too long ground records nothing', async () => {
    const tab = await signedInTab(stack(), appealed.applicant);
    const { page } = tab;
    await tab.visit('/', 'appeal-portal', (p) =>
      p.getByRole('link', { name: /^Einspruch gegen die Entscheidung \(möglich bis / }),
    );
    await page.getByRole('link', { name: /^Einspruch gegen die Entscheidung \(möglich bis / }).click();
    await tab.check('appeal-lodge', page.getByRole('heading', { level: 1, name: 'Einspruch einlegen' }));
    const decision = page.locator('[data-appealable="cycle-1:rejection-1"]');
    await decision.getByText('Entscheidung: Ablehnung des Antrags').waitFor();
    await decision.getByText(rejectionReason).waitFor();

    const before = (await appealed.read()).version;
    const submit = page.getByRole('button', { name: 'Einspruch einlegen' });
    await submit.click();
    await page.getByText('Bitte ausfüllen.').first().waitFor();
    // Too long for the API: its refusal in the page's language, at the field.
    await page.getByLabel('Begründung des Einspruchs').fill('x'.repeat(maxLength.text + 1));
    await submit.click();
    await tab.check(
      'appeal-lodge-too-long',
      page.getByText(`Höchstens ${maxLength.text} Zeichen – bitte kürzen Sie den Text.`),
    );
    expect(await page.getByText('Too big').count()).toBe(0);
    expect((await appealed.read()).version).toBe(before);

    await page.getByLabel('Begründung des Einspruchs').fill(grounds);
    await submit.click();
    await page.getByRole('heading', { level: 1, name: /^Akkreditierung: / }).waitFor();
    await page.locator('[data-appeal-grounds]').getByText(grounds).waitFor();
    const file = await appealed.api.call(appealed.applicant, 'GET', `/accreditations/${appealed.id}/file`);
    expect(file.body.file.appeals[0].appeal).toMatchObject({ reasons: [grounds], decision: null });
  });

  it('lets a decision maker take the appeal from the queue and uphold it on a page with the decision, its reasons and the grounds', async () => {
    await appealed.untilStatus('refused');
    await expect
      .poll(async () => (await appealed.read()).openTasks.map((task: { kind: string }) => task.kind))
      .toContain('decide_appeal');
    const tab = await signedInTab(stack(), appealed.cast.decisionMaker);
    const { page } = tab;
    await tab.visit('/decisions', 'appeal-queue', queueHeading);
    await queued(page, 'queue', 'Einspruchsfreudig Service GmbH')
      .getByRole('button', { name: /übernehmen$/ })
      .click();
    await queued(page, 'mine', 'Einspruchsfreudig Service GmbH')
      .getByRole('link', { name: 'Über den Einspruch entscheiden' })
      .click();
    await tab.check(
      'appeal-decide',
      page.getByRole('heading', { level: 1, name: 'Über den Einspruch entscheiden' }),
    );
    const decision = page.locator('[data-appealable="cycle-1:rejection-1"]');
    await decision.getByText(rejectionReason).waitFor();
    await decision.locator('[data-appeal-grounds]').getByText(grounds).waitFor();

    const before = (await appealed.read()).version;
    const submit = page.getByRole('button', { name: 'Über den Einspruch entscheiden' });
    await submit.click();
    await page.getByText('Bitte wählen Sie ein Ergebnis.').waitFor();
    expect((await appealed.read()).version).toBe(before);

    await page.getByLabel('Dem Einspruch stattgeben').check();
    await page
      .getByLabel('Begründung der Entscheidung über den Einspruch')
      .fill('Der Servicedesk ist eine IT-Dienstleistung im Sinne von §2.');
    await submit.click();
    await page.getByRole('heading', { level: 1, name: /^Akkreditierung: / }).waitFor();
    await page
      .locator('[data-appeal-decision]')
      .getByText(/stattgegeben/)
      .waitFor();
    expect((await appealed.untilStatus('application_review')).status).toBe('application_review');
  });

  it('lets staff give an appeal to a decision maker', async () => {
    const tab = await signedInTab(stack(), toAssign.cast.staff);
    const { page } = tab;
    await tab.visit('/decisions', 'appeal-queue-staff', queueHeading);
    await queued(page, 'queue', 'Zuweisung Einspruch KG')
      .getByRole('link', { name: 'Entscheider zuweisen' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Einspruch zuweisen' }).waitFor();
    const before = (await toAssign.read()).version;
    await page.getByRole('button', { name: 'Einspruch zuweisen' }).click();
    await page.getByText('Bitte ausfüllen.').waitFor();
    expect((await toAssign.read()).version).toBe(before);
    await page.getByRole('combobox', { name: /^Entscheiderin oder Entscheider/ }).click();
    await page.getByRole('option', { name: /Hanna Einspruch E/ }).click();
    await tab.check('appeal-assign', page.getByRole('button', { name: 'Einspruch zuweisen' }));
    await page.getByRole('button', { name: 'Einspruch zuweisen' }).click();
    await page.waitForURL(new RegExp(`/accreditations/${toAssign.id}$`));
    const file = await toAssign.api.call(toAssign.cast.staff, 'GET', `/accreditations/${toAssign.id}/file`);
    expect(file.body.file.appeals[0].appeal.handlerId).toBe(handler.id);
  });
});
