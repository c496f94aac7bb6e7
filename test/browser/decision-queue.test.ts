import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserStackPerFile } from './harness';
import { CaseSetup, castOfCase, namedUser, signedInTab } from './work-cases';

const queueHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Entscheidungen' });
const section = (page: Page, id: 'mine' | 'queue' | 'taken') => page.locator(`[data-section="${id}"]`);
const decisionOf = (page: Page, where: 'mine' | 'queue' | 'taken', organisation: string) =>
  section(page, where)
    .getByRole('listitem')
    .filter({ hasText: `Akkreditierung von ${organisation}` });

/**
 * The decision queue (rule set 3) in the browser: decision makers see what waits and since when,
 * take a decision (which then stands under their own, and as taken for the others); staff give one
 * to a decision maker.
 */
describe('the decision queue, through the pages alone', { timeout: 180_000 }, () => {
  const stack = browserStackPerFile();
  let first: CaseSetup;
  let second: CaseSetup;
  let colleague: Awaited<ReturnType<typeof namedUser>>;

  beforeAll(async () => {
    const { api } = stack();
    const cast = await castOfCase(api, 'Q');
    colleague = await namedUser(api, 'decision_maker', 'Egon Entscheider Q');
    first = await new CaseSetup(api, cast).open('Warteschlange Erste GmbH');
    second = await new CaseSetup(api, cast).open('Warteschlange Zweite AG');
    for (const setup of [first, second]) {
      await setup.toDocumentReview();
      await setup.toAudit();
      await setup.toDecision();
      await setup.untilStatus('awaiting_decision');
    }
  });

  it('shows a decision maker what waits since when; taken, it stands under their own and as taken for the others', async () => {
    const tab = await signedInTab(stack(), first.cast.decisionMaker);
    const { page } = tab;
    await tab.visit('/decisions', 'decisions-queue', queueHeading);
    const waiting = decisionOf(page, 'queue', 'Warteschlange Erste GmbH');
    await waiting.waitFor();
    expect(await waiting.textContent()).toMatch(/Über die Akkreditierung entscheiden.*Wartet seit \d/);
    expect(await decisionOf(page, 'queue', 'Warteschlange Zweite AG').count()).toBe(1);
    await section(page, 'mine').getByText('Sie haben keine Entscheidung übernommen.').waitFor();

    await waiting.getByRole('button', { name: /übernehmen$/ }).click();
    const mine = decisionOf(page, 'mine', 'Warteschlange Erste GmbH');
    await tab.check('decisions-taken', mine.getByRole('link', { name: 'Akkreditierung erteilen' }));
    expect(await decisionOf(page, 'queue', 'Warteschlange Erste GmbH').count()).toBe(0);
    expect((await first.read()).timeline.at(-1).type).toBe('DecisionMakerAssigned');

    const other = await signedInTab(stack(), colleague);
    await other.visit('/decisions', 'decisions-taken-by-another', queueHeading);
    const taken = decisionOf(other.page, 'taken', 'Warteschlange Erste GmbH');
    await taken.getByText('Übernommen von Dora Entscheiderin Q').waitFor();
    expect(await taken.getByRole('button').count()).toBe(0);
    expect(await decisionOf(other.page, 'queue', 'Warteschlange Zweite AG').count()).toBe(1);
  });

  it('lets staff give a waiting decision to a decision maker', async () => {
    const tab = await signedInTab(stack(), second.cast.staff);
    const { page } = tab;
    await tab.visit('/decisions', 'decisions-staff', queueHeading);
    await decisionOf(page, 'queue', 'Warteschlange Zweite AG')
      .getByRole('link', { name: 'Entscheider zuweisen' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Entscheider zuweisen' }).waitFor();
    await page.getByRole('combobox', { name: /^Entscheiderin oder Entscheider/ }).click();
    await page.getByRole('option', { name: /Egon Entscheider Q/ }).click();
    await tab.check('step-assign-decision-maker', page.getByRole('button', { name: 'Entscheider zuweisen' }));
    await page.getByRole('button', { name: 'Entscheider zuweisen' }).click();
    await page.waitForURL(new RegExp(`/accreditations/${second.id}$`));

    await tab.visit('/decisions', 'decisions-staff-assigned', queueHeading);
    await decisionOf(page, 'taken', 'Warteschlange Zweite AG')
      .getByText('Übernommen von Egon Entscheider Q')
      .waitFor();

    const assignee = await signedInTab(stack(), colleague);
    await assignee.visit('/decisions', 'decisions-assigned-to-me', queueHeading);
    await decisionOf(assignee.page, 'mine', 'Warteschlange Zweite AG')
      .getByRole('link', { name: 'Akkreditierung erteilen' })
      .waitFor();
  });
});
