import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxLength } from '../../domain/text-limits';
import { applicationByStatements } from '../fixtures/application';
import { browserStackPerFile } from './harness';
import { OrganisationCase, signIn } from './organisation-cases';
import { screenshotDir } from './paths';

/** One character more than the API takes in a free text: only the API knows the limit. */
const tooLong = `Antwort ${'x'.repeat(maxLength.text)}`;

/** The field's own error, as Mantine links it to the input (aria-describedby). */
async function fieldError(page: Page, label: string): Promise<string> {
  const field = page.getByLabel(label);
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  await page.screenshot({ path: join(screenshotDir, `refused-${label.split(' ')[0]}-laptop.png`) });
  return texts.join(' ');
}

/**
 * The organisation's forms the API refuses at a field: the answer to a request and the evidence of
 * a corrective action. The refusal stands at the field; nothing is recorded.
 */
describe('organisation forms the API refuses at a field', { timeout: 120_000 }, () => {
  const stack = browserStackPerFile();
  let asked: OrganisationCase;
  let audited: OrganisationCase;

  beforeAll(async () => {
    const { api } = stack();
    [asked, audited] = await Promise.all([
      OrganisationCase.open(api, 'Nachforderung Refusal GmbH'),
      OrganisationCase.open(api, 'Nachweis Refusal GmbH', {
        version: 'test-refusals',
        auditorObjectionWindow: { seconds: 1 },
      }),
    ]);
    await asked.step(asked.colleague, 'application', { items: applicationByStatements });
    await asked.step(asked.staff, 'information-requests', { questions: ['Wer leitet den Servicedesk?'] });
    const lead = await audited.toAudit();
    await audited.completeAudit(lead, [
      { requirementId: 'SEC-2', severity: 'major', description: 'Kein Penetrationstest im letzten Jahr.' },
    ]);
  });

  it('shows the refused answer to a request at its field, and records nothing', async () => {
    const tab = await stack().open();
    const { page } = tab;
    await page.goto(
      `${stack().api.baseUrl}/accreditations/${asked.id}/steps/provide-information?subject=cycle-1:request-1`,
    );
    await signIn(tab, asked.contact);
    await tab.check('request-answer-to-refuse', page.getByText('Wer leitet den Servicedesk?'));
    // Checked before: the autosized field's growth by a text filled in at once counts as layout shift.
    await page.getByLabel('Ihre Antwort').fill(tooLong);
    const before = await asked.eventCount();
    await page.getByRole('button', { name: 'Antwort senden' }).click();
    expect(await fieldError(page, 'Ihre Antwort')).toMatch(/10000|10\.000/);
    expect(await asked.eventCount()).toBe(before);
    expect((await asked.openTasks()).map((task) => task.kind)).toContain('answer_request');
  });

  it('shows the refused corrective-action evidence at its field, and records nothing', async () => {
    const tab = await stack().open();
    const { page } = tab;
    await page.goto(
      `${stack().api.baseUrl}/accreditations/${audited.id}/steps/submit-corrective-action-evidence?subject=cycle-1:finding-1`,
    );
    await signIn(tab, audited.contact);
    await tab.check('corrective-action-to-refuse', page.getByText('Kein Penetrationstest im letzten Jahr.'));
    const label = 'Beschreibung der Korrekturmaßnahme';
    await page.getByLabel(label).fill(tooLong);
    const before = await audited.eventCount();
    await page.getByRole('button', { name: 'Nachweis einreichen' }).click();
    expect(await fieldError(page, label)).toMatch(/10000|10\.000/);
    expect(await audited.eventCount()).toBe(before);
    expect((await audited.openTasks()).map((task) => task.kind)).toContain(
      'submit_corrective_action_evidence',
    );
  });
});
