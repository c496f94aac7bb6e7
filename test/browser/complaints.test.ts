import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../notifications/dispatcher';
import { createSmtpMailer, type Mailer } from '../../notifications/mailer';
import { TestSmtp, webUrl } from '../notifications/support';
import { eventually } from '../support/api-harness';
import { grantedCertificate } from '../support/granted-case';
import { browserStackPerFile } from './harness';
import { CaseSetup, castOfCase, level1, namedUser, signedInTab, stepLink } from './work-cases';

const organisation = 'Beschwerde Gebäudereinigung GmbH';
const complainant = { name: 'Erika Beispiel', email: 'erika.beschwerde@beispiel.example' };
const text = 'Die Reinigung wird seit Wochen nicht wie vereinbart erbracht.';
const complaintHeading = (page: Page) => level1(page, `Beschwerde über ${organisation}`);
const stepSection = (page: Page, title: string) =>
  page.locator('section[data-step]', {
    has: page.getByRole('heading', { level: 3, name: title, exact: true }),
  });

/** Takes the step whose form is titled `title` and waits until the page shows the new stage. */
async function takeStep(page: Page, title: string, stage: string) {
  await stepSection(page, title).getByRole('button', { name: title, exact: true }).click();
  await page
    .getByRole('definition')
    .filter({ hasText: new RegExp(`^${stage}$`) })
    .waitFor();
}

/**
 * Issue 20 item 5 through the pages: a member of the public files a complaint about an organisation
 * with a running case (a refusal at a field first); the case manager acknowledges it and, refused
 * as involved, appoints an uninvolved colleague, who decides it; the case manager answers and
 * closes it; the complainant's two mails arrive.
 */
describe('a complaint, through the pages alone', { timeout: 240_000 }, () => {
  const stack = browserStackPerFile();
  const smtp = new TestSmtp();
  let mailer: Mailer | undefined;
  let setup: CaseSetup;
  let investigator: Awaited<ReturnType<typeof namedUser>>;

  beforeAll(async () => {
    const { api } = stack();
    await smtp.start();
    mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`);
    setup = await new CaseSetup(api, await castOfCase(api, 'BW')).open(organisation);
    investigator = await namedUser(api, 'staff', 'Ines Untersucherin BW');
  }, 120_000);
  afterAll(async () => {
    mailer?.close();
    await smtp.close();
  });

  it('is filed by the public, acknowledged, investigated by someone uninvolved, answered and closed', async () => {
    const { api } = stack();
    const { staff: caseManager } = setup.cast;
    const complaintCount = async () =>
      (await api.db.selectFrom('complaints').select('complaint_id').execute()).length;

    // The case's "Beschwerde erfassen" leads to the complaint form with the organisation filled in.
    const staffTab = await signedInTab(stack(), caseManager);
    const staff = staffTab.page;
    await staff.goto(`${api.baseUrl}/accreditations/${setup.id}`);
    await stepLink(staff, 'Beschwerde erfassen').click();
    await level1(staff, 'Beschwerde erfassen').waitFor();
    expect(await staff.getByLabel('Name der Organisation').inputValue()).toBe(organisation);

    const phone = await stack().open('phone');
    await phone.visit('/complaints/new', 'complaint-form', (p) => level1(p, 'Beschwerde einreichen'));

    const publicTab = await stack().open();
    const visitor = publicTab.page;
    await publicTab.visit('/register', 'complaint-register', (p) => level1(p, 'Öffentliches Register'));
    await visitor.getByRole('link', { name: 'Beschwerde über eine Organisation einreichen' }).click();
    await publicTab.check('complaint-form', level1(visitor, 'Beschwerde einreichen'));
    await visitor.getByRole('textbox', { name: /^Name\s*\*?$/ }).fill(complainant.name);
    const email = visitor.getByRole('textbox', { name: /^E-Mail-Adresse/ });
    await email.fill('erika.beschwerde@');
    await visitor.getByLabel('Name der Organisation').fill(organisation);
    await visitor.getByRole('textbox', { name: /^Ihre Beschwerde/ }).fill(text);
    await visitor.getByRole('button', { name: 'Beschwerde einreichen', exact: true }).click();
    await visitor.locator('input[type="email"][aria-invalid="true"]').waitFor();
    await publicTab.check('complaint-refused', visitor.locator('input[type="email"][aria-invalid="true"]'));
    expect(await complaintCount()).toBe(0);
    await email.fill(complainant.email);
    await visitor.getByRole('button', { name: 'Beschwerde einreichen', exact: true }).click();
    await publicTab.check('complaint-sent', level1(visitor, 'Ihre Beschwerde ist eingegangen'));
    const reference = (await visitor.locator('[data-reference]').textContent())?.trim() ?? '';
    await eventually(
      () => api.call(caseManager, 'GET', `/complaints/${reference}`),
      (response) => response.status === 200,
      30_000,
    );

    // The case manager: the list, the complaint page, acknowledgement and an appointment refused.
    await staffTab.visit('/complaints', 'complaint-list', (p) => level1(p, 'Beschwerden'));
    await staff.getByRole('link', { name: organisation }).first().click();
    await staffTab.check('complaint-received', complaintHeading(staff));
    const contact = staff.locator('[data-complainant]');
    await contact.getByText(complainant.name).waitFor();
    await contact.getByRole('link', { name: complainant.email }).waitFor();
    await takeStep(staff, 'Eingang bestätigen', 'Eingang bestätigt');
    const appoint = stepSection(staff, 'Untersuchung zuweisen');
    const choose = async (name: string) => {
      await appoint.getByRole('combobox', { name: /^Untersuchende Person/ }).click();
      await staff.getByRole('option', { name: new RegExp(name) }).click();
    };
    await choose(caseManager.name);
    await appoint.getByRole('button', { name: 'Untersuchung zuweisen', exact: true }).click();
    const refusal = appoint.getByText(/ist mit der Akkreditierung oder der Organisation befasst/);
    await staffTab.check('complaint-investigator-refused', refusal);
    expect((await api.call(caseManager, 'GET', `/complaints/${reference}`)).body.investigatorId).toBeNull();
    await choose(investigator.name);
    await takeStep(staff, 'Untersuchung zuweisen', 'in Untersuchung');

    // The investigator opens the complaint by its address (as from a mail) and decides it.
    const investigatorTab = await signedInTab(stack(), investigator);
    const investigating = investigatorTab.page;
    await investigatorTab.visit(`/complaints/${reference}`, 'complaint-investigation', complaintHeading);
    await investigating.getByRole('textbox', { name: /^Begründung/ }).fill('Die Mängel sind belegt.');
    await takeStep(investigating, 'Über die Beschwerde entscheiden', 'entschieden');

    // The case manager reloads the page (the same address is an API resource) and finishes.
    await staff.reload();
    await complaintHeading(staff).waitFor();
    await takeStep(staff, 'Antwort senden', 'beantwortet');
    await takeStep(staff, 'Beschwerde abschließen', 'abgeschlossen');
    await staffTab.check('complaint-closed', staff.getByText('Die Beschwerde ist begründet.'));
    await staff.locator('[data-event="closed"]').waitFor();

    const dispatcher = createDispatcher({
      db: api.db,
      mailer: mailer as Mailer,
      from: 'DIM Akkreditierung <akkreditierung@dim.example>',
      webUrl,
      retry: { baseDelayMs: 60_000 },
    });
    const toComplainant = await eventually(
      async () => {
        await dispatcher.dispatchPending();
        return smtp.received.filter(({ rcptTo }) => rcptTo.includes(complainant.email));
      },
      (mails) => mails.length >= 2,
      30_000,
    );
    expect(toComplainant.map(({ mail }) => mail.subject)).toEqual([
      '[DIM] Ihre Beschwerde ist beim DIM eingegangen',
      '[DIM] Ihre Beschwerde: das Ergebnis',
    ]);
    expect(toComplainant[1]?.mail.text).toContain('Die Mängel sind belegt.');
  });

  it('shows staff what became of its special audit on the case; administrators see no complainant', async () => {
    const { api } = stack();
    const about = 'Beschwerde Sonderaudit GmbH';
    const { certificateNumber } = await grantedCertificate(api, about);
    const lodged = await api.call(null, 'POST', '/complaints', { ...complainant, text, certificateNumber });
    const reference: string = lodged.body.reference;
    for (const [user, path, body] of [
      [setup.cast.staff, 'acknowledgement', {}],
      [setup.cast.staff, 'investigator', { investigatorId: investigator.id }],
      [investigator, 'decision', { outcome: 'upheld', reasons: 'Belegt.', followUp: 'special_audit' }],
    ] as const) {
      const response = await api.call(user, 'POST', `/complaints/${reference}/${path}`, body);
      expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
    }
    const heading = (page: Page) => level1(page, `Beschwerde über ${about}`);
    const staffTab = await signedInTab(stack(), setup.cast.staff);
    await staffTab.visit(`/complaints/${reference}`, 'complaint-case-follow-up', heading);
    await staffTab.page
      .locator('[data-case-follow-up="special_audit"]')
      .getByText('Sonderaudit angesetzt; der Audittermin steht noch nicht fest.')
      .waitFor();

    const adminTab = await signedInTab(stack(), await namedUser(api, 'admin', 'Ada Admin BW'));
    await adminTab.visit(`/complaints/${reference}`, 'complaint-as-admin', heading);
    await adminTab.page.getByText(/^Name und E-Mail-Adresse sieht die Geschäftsstelle/).waitFor();
    expect(await adminTab.page.locator('[data-complainant]').count()).toBe(0);
    expect(await adminTab.page.getByText(complainant.email).count()).toBe(0);
  });
});
