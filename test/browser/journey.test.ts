import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../domain/policy-schema';
import { createAccountMailDispatcher } from '../../notifications/account-mail';
import { createDispatcher } from '../../notifications/dispatcher';
import { createSmtpMailer, type Mailer } from '../../notifications/mailer';
import { TestSmtp } from '../notifications/support';
import { eventually } from '../support/api-harness';
import { browserStackPerFile, type TestPage } from './harness';
import { dropFiles } from './organisation-cases';
import { castOfCase, level1, signedInTab, stepLink } from './work-cases';

/**
 * Seconds where the standard's periods would stand in the way: the objection to the auditor for a
 * second; the first Selbstbewertung falls due two minutes after the grant and is reminded of at once.
 */
const journeyPolicy: PolicyInput = {
  version: 'browser-journey',
  certificateValidity: { minutes: 30 },
  selfAssessmentInterval: { minutes: 2 },
  selfAssessmentReminderLeadTimes: [{ seconds: 118 }],
  selfAssessmentOverdueReminderAfter: { seconds: 10 },
  selfAssessmentEscalationAfter: { seconds: 20 },
  selfAssessmentSuspensionProposalAfter: { seconds: 30 },
  renewalWindow: { minutes: 5 },
  auditorObjectionWindow: { seconds: 1 },
};

const organisation = 'Reise durch die Seiten GmbH';
const contactEmail = 'kontakt@reise-durch-die-seiten.example';
const password = 'Ein langes Passwort der Reise';

const caseHeading = (page: Page) => level1(page, `Akkreditierung: ${organisation}`);

/** Clicks the form's button and waits for the accreditation page the recorded step leads back to. */
async function submit(page: Page, button: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await caseHeading(page).waitFor();
}

/**
 * Issue 19's journey through the pages alone: every step of the case is taken in the browser by
 * the person whose step it is. Seeded: DIM's users and their sessions (as the other browser tests
 * do); the e-mails are delivered by the dispatchers as the worker does, to a real SMTP server.
 */
describe('one accreditation from opening to the Selbstbewertung, through the pages alone', () => {
  const stack = browserStackPerFile();
  const smtp = new TestSmtp();
  let mailer: Mailer;

  beforeAll(async () => {
    await smtp.start();
    mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`);
  });
  afterAll(async () => {
    mailer?.close();
    await smtp.close();
  });

  /** Delivers the outboxes (account mails and notifications); answers the link of the contact's mail. */
  async function mailLink(path: RegExp): Promise<string> {
    const options = {
      db: stack().api.db,
      mailer,
      from: 'DIM <noreply@dim.test>',
      webUrl: stack().api.baseUrl,
    };
    const found = await eventually(
      async () => {
        await createAccountMailDispatcher(options).dispatchPending();
        await createDispatcher(options).dispatchPending();
        return smtp.received
          .filter(({ rcptTo }) => rcptTo.includes(contactEmail))
          .flatMap(({ mail }) => (mail.text ?? '').match(/https?:\/\/\S+/g) ?? [])
          .find((link) => path.test(new URL(link).pathname));
      },
      (link) => link !== undefined,
      60_000,
    );
    return found ?? '';
  }

  async function signInHere(tab: TestPage) {
    await tab.page.getByLabel('E-Mail-Adresse').fill(contactEmail);
    await tab.page.locator('input[type="password"]').fill(password);
    await tab.page.getByRole('button', { name: 'Anmelden' }).click();
  }

  it('opens, applies, reviews, audits, corrects, grants, registers and reminds', {
    timeout: 300_000,
  }, async () => {
    const { api } = stack();
    const cast = await castOfCase(api, 'R');

    // 1. Staff open the case (the policy of seconds added to the page's request).
    const staffTab = await signedInTab(stack(), cast.staff);
    const staff = staffTab.page;
    await staff.route('**/accreditations', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = JSON.parse(route.request().postData() ?? '{}');
      await route.continue({ postData: JSON.stringify({ ...body, policy: journeyPolicy }) });
    });
    await staffTab.visit('/accreditations/new', 'journey-open', (p) => level1(p, 'Akkreditierung eröffnen'));
    await staff.getByLabel('Name der Organisation').fill(organisation);
    await staff.getByLabel('Straße und Hausnummer').fill('Seitenweg 1');
    await staff.getByLabel('Postleitzahl').fill('10115');
    await staff.getByLabel(/^Ort/).fill('Berlin');
    await staff.getByLabel(/^Land/).fill('DE');
    await staff.getByLabel('E-Mail-Adresse der Kontaktperson').fill(contactEmail);
    await staff.getByLabel('Geltungsbereich').fill('Servicedesk und Rechenzentrumsbetrieb in Berlin');
    await staff.getByRole('button', { name: 'Akkreditierung eröffnen' }).click();
    await staff.waitForURL(/\/accreditations\/[0-9a-f-]{36}$/);
    const id = new URL(staff.url()).pathname.split('/').pop() ?? '';
    await staffTab.check('journey-opened', caseHeading(staff));
    const status = async () => (await api.call(cast.staff, 'GET', `/accreditations/${id}`)).body.status;

    // 2. The invitation e-mail: the contact follows its link and sets a password.
    const org = await stack().open();
    await org.page.goto(await mailLink(/^\/invitation$/));
    await org.check('journey-invitation', level1(org.page, 'Einladung annehmen'));
    await org.page.getByLabel('Neues Passwort').fill(password);
    await org.page.getByLabel('Passwort wiederholen').fill(password);
    await org.page.getByRole('button', { name: 'Passwort festlegen und anmelden' }).click();

    // 3. The Antrag with an upload, from the portal.
    await stepLink(org.page, 'Antrag einreichen').click();
    await org.check('journey-application', level1(org.page, 'Antrag einreichen'));
    await org.page.getByLabel('Stellungnahme zu APP-1').fill('Unsere Prozesse stehen im Prozesshandbuch.');
    await dropFiles(org.page, 'Dokumente zu APP-2', [{ name: 'Richtlinie.pdf', kind: 'pdf', bytes: 20_000 }]);
    await org.page
      .getByRole('list', { name: 'Hochgeladen: Dokumente zu APP-2' })
      .getByText('Richtlinie.pdf')
      .waitFor();
    await org.page.getByLabel('Stellungnahme zu APP-3').fill('Wir erklären die Einhaltung aller Vorgaben.');
    await submit(org.page, 'Antrag einreichen');
    expect(await status()).toBe('application_review');

    // 4. Staff accept the Antrag and assign the document reviewer, then (after the review) the lead auditor.
    await staffTab.visit(`/accreditations/${id}`, 'journey-review-application', caseHeading);
    await stepLink(staff, 'Antrag annehmen').click();
    await submit(staff, 'Antrag annehmen');
    const assign = async (step: string, person: string) => {
      await stepLink(staff, step).click();
      await level1(staff, step).waitFor();
      await staff.getByRole('combobox', { name: /^Auditor/ }).click();
      await staff.getByRole('option', { name: new RegExp(person) }).click();
      await staff.getByLabel('Der Auditor hat erklärt, frei von Interessenkonflikten zu sein.').check();
      await submit(staff, step);
    };
    await assign('Dokumentenprüfer zuweisen', cast.reviewer.name);

    // 5. The reviewer's Dokumentenprüfung: every requirement conforming.
    const reviewerTab = await signedInTab(stack(), cast.reviewer);
    const reviewer = reviewerTab.page;
    await reviewerTab.visit('/tasks', 'journey-reviewer-tasks', (p) => level1(p, 'Meine Aufgaben'));
    await stepLink(reviewer, 'Dokumentenprüfung durchführen').click();
    await level1(reviewer, 'Dokumentenprüfung').waitFor();
    const conforming = reviewer.getByRole('radio', { name: 'konform' });
    await expect.poll(() => conforming.count()).toBe(22);
    for (const radio of await conforming.all()) await radio.check();
    await reviewerTab.check(
      'journey-document-review',
      reviewer.getByText('22 von 22 Anforderungen bewertet'),
    );
    await submit(reviewer, 'Dokumentenprüfung abschließen');

    await staffTab.visit(`/accreditations/${id}`, 'journey-audit-planning', caseHeading);
    await assign('Leitenden Auditor zuweisen', cast.leadAuditor.name);

    // 6. The lead auditor: the audit date, then the three audit elements, one minor finding.
    const leadTab = await signedInTab(stack(), cast.leadAuditor);
    const lead = leadTab.page;
    const leadTasks = () => leadTab.visit('/tasks', 'journey-lead-tasks', (p) => level1(p, 'Meine Aufgaben'));
    await leadTasks();
    await stepLink(lead, 'Audittermin festlegen').click();
    await lead.getByLabel(/^Audittermin/).fill('2030-01-15');
    await submit(lead, 'Audittermin speichern');
    await eventually(status, (now) => now === 'audit');
    await leadTasks();
    await lead.locator('a[href*="subject=on_site_audit"]').click();
    await level1(lead, 'Auditelement berichten').waitFor();
    await lead.getByRole('button', { name: 'Feststellung hinzufügen' }).click();
    const finding = lead.getByRole('group', { name: 'Feststellung 1' });
    await finding.getByLabel('Anforderung').selectOption('OPS-3');
    await finding.getByRole('radio', { name: 'Geringfügige Abweichung' }).check();
    await finding.getByLabel('Beschreibung').fill('Eskalationswege sind nicht dokumentiert.');
    await leadTab.check('journey-audit-element', finding);
    await submit(lead, 'Auditelement berichten');
    for (const element of ['customer_satisfaction_analysis', 'it_security_check']) {
      await leadTasks();
      await lead.locator(`a[href*="subject=${element}"]`).click();
      await submit(lead, 'Auditelement berichten');
    }
    expect(await status()).toBe('corrective_actions');

    // 7. The organisation's Maßnahmenplan; the lead auditor accepts it.
    await org.visit('/', 'journey-portal-finding', (p) => stepLink(p, 'Maßnahmenplan einreichen'));
    await stepLink(org.page, 'Maßnahmenplan einreichen').click();
    await org.page.getByText('Eskalationswege sind nicht dokumentiert.').waitFor();
    await org.page
      .getByLabel('Maßnahmenplan')
      .fill('Die Eskalationswege kommen bis März ins Betriebshandbuch.');
    await submit(org.page, 'Maßnahmenplan einreichen');
    await leadTasks();
    await stepLink(lead, 'Maßnahmenplan annehmen').click();
    await lead.getByText('Die Eskalationswege kommen bis März').first().waitFor();
    await submit(lead, 'Maßnahmenplan annehmen');
    await eventually(status, (now) => now === 'awaiting_decision');

    // 8. A decision maker takes the decision from the queue and grants.
    const deciderTab = await signedInTab(stack(), cast.decisionMaker);
    const decider = deciderTab.page;
    await deciderTab.visit('/decisions', 'journey-decisions', (p) => level1(p, 'Entscheidungen'));
    const waiting = decider.getByRole('listitem').filter({ hasText: `Akkreditierung von ${organisation}` });
    await waiting.getByRole('button', { name: /übernehmen$/ }).click();
    await decider
      .locator('[data-section="mine"]')
      .getByRole('link', { name: 'Akkreditierung erteilen' })
      .click();
    await deciderTab.check('journey-grant', level1(decider, 'Über die Akkreditierung entscheiden: erteilen'));
    await submit(decider, 'Akkreditierung erteilen');
    const certificate = decider.getByRole('link', { name: /^DIM1002-/ });
    await certificate.waitFor();
    const number = (await certificate.textContent()) ?? '';

    // 9. The public register shows the certificate valid.
    const visitor = await stack().open();
    await visitor.visit(`/register?q=${encodeURIComponent(number)}`, 'journey-register', (p) =>
      p.getByRole('heading', { name: organisation }),
    );
    await expect.poll(() => visitor.page.locator('main').textContent()).toContain('gültig');

    // 10. The Selbstbewertung reminder's deep link: sign-in first, then the form.
    const link = await mailLink(/\/steps\/submit-self-assessment$/);
    const reminded = await stack().open();
    await reminded.page.goto(link);
    await reminded.check('journey-reminder-sign-in', level1(reminded.page, 'Anmelden'));
    await signInHere(reminded);
    await reminded.check('journey-self-assessment', level1(reminded.page, 'Selbstbewertung einreichen'));
    expect(reminded.page.url()).toBe(link);
    expect(new URL(link).searchParams.get('subject')).toBe('cycle-1:self-assessment-1');

    // 11. It asks what became of the minor finding: held back until that is said, then recorded.
    const form = reminded.page;
    await form.getByText('Feststellung: Eskalationswege sind nicht dokumentiert.').waitFor();
    await form.getByLabel('Ihre Selbstbewertung').fill('Alle Anforderungen sind weiter erfüllt.');
    await form.getByRole('button', { name: 'Selbstbewertung einreichen', exact: true }).click();
    await reminded.check('journey-self-assessment-finding', form.getByText('Bitte ausfüllen.'));
    const done = 'Die Eskalationswege stehen seit März im Betriebshandbuch.';
    await form.getByLabel('Umsetzung zu OPS-3').fill(done);
    await submit(form, 'Selbstbewertung einreichen');
    const file = (await api.call(cast.staff, 'GET', `/accreditations/${id}/file`)).body.file;
    expect(file.selfAssessments[0].submissions[0].findingEvidence).toEqual([
      { findingId: expect.any(String), description: done, documentIds: [] },
    ]);
  });
});
