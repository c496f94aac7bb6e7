import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, it } from 'vitest';
import { projectRoot } from '../../dev/paths';
import { browserStackPerFile, type TestPage } from '../browser/harness';
import { CaseSetup, castOfCase, signedInTab } from '../browser/work-cases';

/** Where the README's pictures live (committed: a few small PNGs of a laptop's screen). */
const docsDir = join(projectRoot, 'docs', 'screenshots');

/** The page's visible part once `ready` shows and the harness's checks pass. */
async function shoot(tab: TestPage, name: string, path: string, ready: Locator) {
  await tab.page.goto(`${tab.baseUrl}${path}`);
  await tab.check(`readme-${name}`, ready);
  await tab.page.screenshot({ path: join(docsDir, `${name}.png`) });
}

describe('the README’s screenshots', () => {
  const stack = browserStackPerFile();

  it('takes the staff dashboard, the organisation portal, an auditor’s form and the decision page', async () => {
    mkdirSync(docsDir, { recursive: true });
    const { api } = stack();
    const cast = await castOfCase(api, 'S');
    const reviewing = await new CaseSetup(api, cast).open('Servicedesk Nord GmbH');
    await reviewing.toDocumentReview();
    const deciding = await new CaseSetup(api, cast).open('Rechenzentrum Süd AG');
    await deciding.toDocumentReview();
    await deciding.toAudit();
    await deciding.toDecision();
    await deciding.untilStatus('awaiting_decision');
    await new CaseSetup(api, cast).open('Hosting West KG');

    const staff = await signedInTab(stack(), cast.staff);
    await shoot(staff, 'staff-dashboard', '/', staff.page.getByText('Verlauf der letzten zwölf Monate'));

    const organisation = await signedInTab(stack(), deciding.applicant);
    await shoot(
      organisation,
      'organisation-portal',
      '/',
      organisation.page.getByRole('heading', { name: 'Ihre Akkreditierungen', level: 2 }),
    );

    const reviewer = await signedInTab(stack(), cast.reviewer);
    await shoot(
      reviewer,
      'auditor-document-review',
      `/accreditations/${reviewing.id}/steps/complete-document-review`,
      reviewer.page.getByRole('radio', { name: 'konform' }).nth(21),
    );

    const decisionMaker = await signedInTab(stack(), cast.decisionMaker);
    await shoot(
      decisionMaker,
      'decision-page',
      `/accreditations/${deciding.id}/steps/grant?subject=${deciding.id}`,
      decisionMaker.page.locator('[data-dossier]'),
    );
  });
});
