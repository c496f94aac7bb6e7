import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../domain/policy-schema';
import { applicationByStatements } from '../fixtures/application';
import { eventually } from '../support/api-harness';
import { browserStackPerFile, type TestPage } from './harness';
import {
  chooseFileByKeyboard,
  dropFiles,
  OrganisationCase,
  organisationMail,
  signIn,
  tabTo,
} from './organisation-cases';
import { screenshotDir } from './paths';

/**
 * A certificate of 30 minutes with a Selbstbewertung every 30 seconds, each shown from 28 seconds
 * before it falls due: the first is due (and soon overdue) while the tests run; renewal may be
 * applied for from a minute after the grant.
 */
const selfAssessmentPolicy: PolicyInput = {
  version: 'test-portal',
  certificateValidity: { minutes: 30 },
  selfAssessmentInterval: { seconds: 30 },
  selfAssessmentReminderLeadTimes: [{ seconds: 28 }],
  selfAssessmentOverdueReminderAfter: { seconds: 5 },
  selfAssessmentEscalationAfter: { seconds: 10 },
  selfAssessmentSuspensionProposalAfter: { seconds: 20 },
  renewalWindow: { minutes: 29 },
  auditorObjectionWindow: { seconds: 1 },
};
const quickPlanning: PolicyInput = {
  version: 'test-portal-planning',
  auditorObjectionWindow: { seconds: 1 },
};

const findings = [
  { requirementId: 'ORG-1', severity: 'minor', description: 'Die Rollenbeschreibungen sind veraltet.' },
  { requirementId: 'ORG-2', severity: 'minor', description: 'Das Schulungsverzeichnis ist unvollständig.' },
  { requirementId: 'SEC-2', severity: 'major', description: 'Kein Penetrationstest im letzten Jahr.' },
];

/** The portal of a signed-in contact, once its lists have loaded. */
const portalShown = (page: Page) => page.getByRole('heading', { name: 'Ihre Akkreditierungen', level: 2 });

/** Submits the form the page shows and waits for the page that follows a recorded step. */
async function submitAndLeave(tab: TestPage, button: string, accreditationId: string) {
  await tab.page.getByRole('button', { name: button }).click();
  await tab.page.waitForURL((url) => url.pathname === `/accreditations/${accreditationId}`);
}

// Each test is a person's whole errand through several pages: more time than one page check.
describe('the organisation portal, through the pages alone', { timeout: 120_000 }, () => {
  const stack = browserStackPerFile();
  let applicant: OrganisationCase;
  let audited: OrganisationCase;
  let planned: OrganisationCase;
  let accredited: OrganisationCase;
  let certificateNumber: string;

  beforeAll(async () => {
    const { api } = stack();
    [applicant, audited, planned, accredited] = await Promise.all([
      OrganisationCase.open(api, 'Antragsteller Rechenzentrum GmbH'),
      OrganisationCase.open(api, 'Feststellungen Service GmbH', quickPlanning),
      OrganisationCase.open(api, 'Auditplanung IT AG'),
      OrganisationCase.open(api, 'Zertifizierte Dienstleistungsgesellschaft mbH', selfAssessmentPolicy),
    ]);
    const [auditor] = await Promise.all([
      audited.toAudit(),
      (async () => {
        await planned.step(planned.colleague, 'application', { items: applicationByStatements });
        await planned.step(planned.staff, 'application/accept', {});
        await planned.assignAndReview(await api.user('auditor'));
        const lead = await api.user('auditor');
        await planned.step(planned.staff, 'lead-auditor', {
          auditorId: lead.id,
          conflictOfInterestDeclaredFree: true,
        });
      })(),
      (async () => {
        const lead = await accredited.toAudit();
        await accredited.completeAudit(lead, []);
        const granted = await api.call(
          await api.user('decision_maker'),
          'POST',
          `/accreditations/${accredited.id}/grant`,
          {},
        );
        expect(granted.status, JSON.stringify(granted.body)).toBe(200);
        certificateNumber = granted.body.certificate.number;
      })(),
    ]);
    await audited.completeAudit(auditor, findings);
  });

  it('submits the Antrag with a 5 MB PDF dropped on the page, after the API refused it incomplete', async () => {
    const tab = await stack().open();
    const { page } = tab;
    await page.goto(`${stack().api.baseUrl}/`);
    await signIn(tab, applicant.contact);
    await tab.check('portal-applicant', portalShown(page));
    await expect.poll(() => page.getByText('Eröffnet – Antrag ausstehend').count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Antrag einreichen' }).first().click();
    await tab.check('application-form', page.getByRole('heading', { name: 'Antrag einreichen', level: 1 }));
    expect(new URL(page.url()).pathname).toBe(`/accreditations/${applicant.id}/steps/submit-application`);
    await page
      .getByText('Nachweise über bestehende ITSM- und Sicherheitsrichtlinien bereitstellen.')
      .waitFor();

    // APP-2 left empty: the API refuses, the item is marked, nothing is recorded.
    await page
      .getByLabel('Stellungnahme zu APP-1')
      .fill('Unsere Prozesse sind im Prozesshandbuch beschrieben.');
    await page.getByLabel('Stellungnahme zu APP-3').fill('Wir erklären die Einhaltung aller Vorgaben.');
    const before = await applicant.eventCount();
    await page.getByRole('button', { name: 'Antrag einreichen' }).click();
    await tab.check(
      'application-refused',
      page.getByRole('alert').filter({ hasText: 'Der Antrag ist unvollständig' }),
    );
    expect(await page.getByText('Zu diesem Punkt fehlt eine Stellungnahme oder ein Dokument.').count()).toBe(
      1,
    );
    expect(await applicant.eventCount()).toBe(before);

    expect(await page.getByRole('button', { name: 'Dateien auswählen Dokumente zu APP-2' }).count()).toBe(1);
    const uploaded = page.getByRole('list', { name: 'Hochgeladen: Dokumente zu APP-2' });
    const started = performance.now();
    await dropFiles(page, 'Dokumente zu APP-2', [
      { name: 'ITSM-Richtlinie.pdf', kind: 'pdf', bytes: 5 * 1024 * 1024 },
    ]);
    await uploaded.getByText('ITSM-Richtlinie.pdf').waitFor({ timeout: 60_000 });
    console.log(
      `A 5 MB PDF dropped on the page was uploaded in ${Math.round(performance.now() - started)} ms`,
    );
    expect(await uploaded.textContent()).toContain('5,2 MB');
    // A second file on a slow line shows its progress, and is removed again before submitting.
    const network = await page.context().newCDPSession(page);
    const line = { offline: false, latency: 0, downloadThroughput: -1 };
    await network.send('Network.emulateNetworkConditions', { ...line, uploadThroughput: 256 * 1024 });
    await dropFiles(page, 'Dokumente zu APP-2', [{ name: 'Entwurf.pdf', kind: 'pdf', bytes: 1024 * 1024 }]);
    await page.getByRole('progressbar', { name: 'Hochladen von Entwurf.pdf' }).waitFor();
    await uploaded.getByText('Entwurf.pdf').waitFor({ timeout: 60_000 });
    await network.send('Network.emulateNetworkConditions', { ...line, uploadThroughput: -1 });
    await page.getByRole('button', { name: 'Entwurf.pdf entfernen' }).click();
    await tab.check('application-uploaded', uploaded.getByText('ITSM-Richtlinie.pdf'));
    expect(await uploaded.getByRole('listitem').count()).toBe(1);

    await submitAndLeave(tab, 'Antrag einreichen', applicant.id);
    const { data, actorId } = await applicant.lastEvent('ApplicationSubmitted');
    expect(actorId).not.toBe(applicant.colleague.id);
    expect(data.items.map((item: { itemId: string }) => item.itemId)).toEqual(['APP-1', 'APP-2', 'APP-3']);
    const [documentId] = data.items[1].documentIds;
    const document = await stack().api.call(applicant.colleague, 'GET', `/documents/${documentId}`);
    expect(document.body).toMatchObject({ mediaType: 'application/pdf', size: 5 * 1024 * 1024 });
  });

  it('answers a request from the link of its e-mail, by keyboard alone on a phone', async () => {
    const { api } = stack();
    await applicant.step(applicant.staff, 'information-requests', {
      questions: ['Bitte reichen Sie das aktuelle Organigramm nach.'],
    });
    const mail = await organisationMail(api, applicant.id, 'information_requested');
    expect(mail.text).toContain(`Nachforderung beantworten: ${mail.link}`);

    const tab = await stack().open('phone');
    const { page } = tab;
    await page.goto(mail.link);
    await signIn(tab, applicant.contact);
    await tab.check('request-answer-form', page.getByRole('heading', { name: 'Nachforderung beantworten' }));
    expect(page.url()).toBe(mail.link);
    await page.getByText('Bitte reichen Sie das aktuelle Organigramm nach.').waitFor();

    await tabTo(page, page.getByLabel('Ihre Antwort'));
    await page.keyboard.type('Das Organigramm liegt bei.');
    await chooseFileByKeyboard(page, 'Dokumente zur Antwort', {
      name: 'Organigramm.pdf',
      kind: 'pdf',
      bytes: 40_000,
    });
    await page
      .getByRole('list', { name: 'Hochgeladen: Dokumente zur Antwort' })
      .getByText('Organigramm.pdf')
      .waitFor();
    await tabTo(page, page.getByRole('button', { name: 'Antwort senden' }));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/accreditations/${applicant.id}`);
    const { data } = await applicant.lastEvent('InformationProvided');
    expect(data).toMatchObject({ requestId: 'cycle-1:request-1', answer: 'Das Organigramm liegt bei.' });
    expect(data.documentIds).toHaveLength(1);
  });

  it('submits an action plan for a minor finding (one a colleague sent first is refused) and corrective-action evidence', async () => {
    const tab = await stack().open();
    const { page } = tab;
    await page.goto(`${stack().api.baseUrl}/`);
    await signIn(tab, audited.contact);
    await tab.check('portal-findings', portalShown(page));

    await page.getByRole('link', { name: 'Maßnahmenplan einreichen' }).first().click();
    const heading = page.getByRole('heading', { name: 'Maßnahmenplan einreichen', level: 1 });
    await tab.check('action-plan-form', heading);
    const first = new URL(page.url()).searchParams.get('subject');
    const description = (id: string | null) => findings[Number(id?.split('-').at(-1)) - 1]?.description ?? '';
    await page.getByText(description(first)).waitFor();
    await page.getByLabel('Maßnahmenplan').fill('Wir überarbeiten die Beschreibungen bis Monatsende.');
    await audited.step(audited.colleague, 'action-plans', { findingId: first, plan: 'Schon erledigt.' });
    const before = await audited.eventCount();
    await page.getByRole('button', { name: 'Maßnahmenplan einreichen' }).click();
    await tab.check(
      'action-plan-refused',
      page.getByRole('alert').filter({ hasText: 'nicht (mehr) möglich' }),
    );
    expect(await audited.eventCount()).toBe(before);

    await page.getByRole('link', { name: 'Übersicht' }).click();
    await portalShown(page).waitFor();
    await page.getByRole('link', { name: 'Maßnahmenplan einreichen' }).first().click();
    await heading.waitFor();
    const second = new URL(page.url()).searchParams.get('subject');
    expect(second).not.toBe(first);
    await page.getByText(description(second)).waitFor();
    await page.getByLabel('Maßnahmenplan').fill('Das Verzeichnis wird bis Quartalsende vervollständigt.');
    await submitAndLeave(tab, 'Maßnahmenplan einreichen', audited.id);
    expect((await audited.lastEvent('ActionPlanSubmitted')).data).toMatchObject({
      findingId: second,
      plan: 'Das Verzeichnis wird bis Quartalsende vervollständigt.',
    });

    await page.getByRole('link', { name: 'Übersicht' }).click();
    await page.getByRole('link', { name: 'Nachweis der Korrekturmaßnahme einreichen' }).first().click();
    await tab.check(
      'corrective-action-form',
      page.getByRole('heading', { name: 'Nachweis der Korrekturmaßnahme', level: 1 }),
    );
    await page.getByText('Kein Penetrationstest im letzten Jahr.').waitFor();
    await page.getByText('Nachweis fällig bis').waitFor();
    await page
      .getByLabel('Beschreibung der Korrekturmaßnahme')
      .fill('Der Penetrationstest ist durchgeführt.');
    await dropFiles(page, 'Nachweise', [{ name: 'Pentest-Bericht.pdf', kind: 'pdf', bytes: 300_000 }]);
    await page.getByText('Pentest-Bericht.pdf').waitFor();
    await submitAndLeave(tab, 'Nachweis einreichen', audited.id);
    const evidence = await audited.lastEvent('CorrectiveActionEvidenceSubmitted');
    expect(evidence.data).toMatchObject({ findingId: 'cycle-1:finding-3' });
    expect(evidence.data.documentIds).toHaveLength(1);
  });

  it('objects to the appointed auditor within the window, in English', async () => {
    const tab = await stack().open();
    const { page } = tab;
    await page.goto(`${stack().api.baseUrl}/`);
    await signIn(tab, planned.contact);
    await portalShown(page).waitFor();
    await page.getByText('EN', { exact: true }).click();
    await tab.check('portal-en', page.getByRole('heading', { name: 'Your accreditations', level: 2 }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByText('Audit planning').first().waitFor();

    await page.getByRole('link', { name: /An objection to the appointed auditor/ }).click();
    await tab.check('objection-form-en', page.getByRole('heading', { name: 'Objection to the auditor' }));
    await page.getByRole('button', { name: 'Object', exact: true }).click();
    const reason = page.getByLabel('Reason for the objection');
    await page.getByText('Please fill in.').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await reason.fill('The auditor advised us last year.');
    await submitAndLeave(tab, 'Object', planned.id);
    expect((await planned.lastEvent('AuditorObjected')).data.reason).toBe(
      'The auditor advised us last year.',
    );
  });

  it('shows an overdue Selbstbewertung and submits it; one a colleague sent first is refused', async () => {
    const { api } = stack();
    await eventually(
      () => accredited.openTasks(),
      (tasks) => tasks.some((task) => task.kind === 'submit_self_assessment' && task.overdue),
      60_000,
    );
    const reminder = await organisationMail(api, accredited.id, 'self_assessment_reminder_sent');
    const tab = await stack().open('phone');
    const { page } = tab;
    await page.goto(reminder.link);
    await signIn(tab, accredited.contact);
    const heading = page.getByRole('heading', { name: 'Selbstbewertung einreichen', level: 1 });
    await tab.check('self-assessment-form', heading);
    expect(page.url()).toBe(reminder.link);
    const selfAssessmentId = new URL(page.url()).searchParams.get('subject');
    expect(selfAssessmentId).toBe('cycle-1:self-assessment-1');

    await page.getByRole('button', { name: 'Navigation öffnen' }).click();
    await page.getByRole('link', { name: 'Übersicht' }).click();
    const task = page.getByRole('listitem').filter({ hasText: 'Selbstbewertung einreichen' });
    await tab.check('portal-accredited', task.getByText('Überfällig').first());
    await task.getByRole('link', { name: 'Selbstbewertung einreichen' }).first().click();
    await heading.waitFor();
    expect(new URL(page.url()).searchParams.get('subject')).toBe(selfAssessmentId);
    await page.getByRole('button', { name: /4\.3 Anforderungen an Sicherheit und Datenschutz/ }).click();
    await page.getByText('SEC-2', { exact: true }).waitFor();

    await page.getByLabel('Ihre Selbstbewertung').fill('Alle Anforderungen sind weiter erfüllt.');
    await accredited.step(accredited.colleague, 'self-assessments', {
      selfAssessmentId,
      statement: 'Erledigt.',
    });
    const before = await accredited.eventCount();
    await page.getByRole('button', { name: 'Selbstbewertung einreichen' }).click();
    await tab.check(
      'self-assessment-refused',
      page.getByRole('alert').filter({ hasText: 'nicht (mehr) möglich' }),
    );
    expect(await accredited.eventCount()).toBe(before);

    await accredited.step(accredited.staff, 'self-assessments/review', {
      selfAssessmentId,
      review: { outcome: 'follow_up_requested', comment: 'Bitte gehen Sie auf SEC-2 ein.' },
    });
    await page.reload();
    await page.getByText('Das DIM bittet um Ergänzung: Bitte gehen Sie auf SEC-2 ein.').waitFor();
    await page.getByLabel('Ihre Selbstbewertung').fill('SEC-2: Der Penetrationstest 2026 liegt bei.');
    await submitAndLeave(tab, 'Selbstbewertung einreichen', accredited.id);
    const { data } = await accredited.lastEvent('SelfAssessmentSubmitted');
    expect(data).toMatchObject({
      selfAssessmentId,
      statement: 'SEC-2: Der Penetrationstest 2026 liegt bei.',
    });
  });

  it('prints the certificate on one A4 page with the register link, in German and English', async () => {
    const { api } = stack();
    const tab = await stack().open();
    const { page } = tab;
    await page.goto(`${api.baseUrl}/`);
    await signIn(tab, accredited.contact);
    await page.getByRole('link', { name: `Zertifikat ${certificateNumber} anzeigen und drucken` }).click();
    await tab.check('certificate', page.getByRole('heading', { name: 'Zertifikat', level: 1 }));
    for (const text of [
      'Zertifizierte Dienstleistungsgesellschaft mbH',
      'IT-Servicedesk und Rechenzentrumsbetrieb am Standort München',
      certificateNumber,
      'DIM 1002:2024',
      `${api.baseUrl}/register/${certificateNumber}`,
    ]) {
      expect(await page.getByText(text, { exact: true }).count(), text).toBeGreaterThan(0);
    }
    // Print media reflows the page (no person's doing): a screenshot, not the page checks.
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(screenshotDir, 'certificate-print-laptop.png'), fullPage: true });
    expect(await page.getByRole('button', { name: 'Drucken' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);
    await page.emulateMedia({ media: 'screen' });

    await page.reload();
    await page.getByText('EN', { exact: true }).click();
    await tab.check('certificate-en', page.getByRole('heading', { name: 'Certificate', level: 1 }));
    expect(await page.getByRole('button', { name: 'Print' }).count()).toBe(1);
  });

  it('applies for renewal from the link of its e-mail; a second tab applying again is refused and changes nothing', async () => {
    const { api } = stack();
    const mail = await organisationMail(api, accredited.id, 'renewal_window_opened');
    const heading = (page: Page) => page.getByRole('heading', { name: 'Verlängerung beantragen', level: 1 });
    const later = await stack().open();
    await later.page.goto(mail.link);
    await signIn(later, accredited.contact);
    await heading(later.page).waitFor();

    const tab = await stack().open('phone');
    const { page } = tab;
    await page.goto(mail.link);
    await signIn(tab, accredited.contact);
    await tab.check('renewal-form', heading(page));
    expect(page.url()).toBe(mail.link);
    await dropFiles(page, 'Unterlagen zur Verlängerung (freiwillig)', [
      { name: 'Änderungen-seit-2026.pdf', kind: 'pdf', bytes: 20_000 },
    ]);
    await page.getByText('Änderungen-seit-2026.pdf').waitFor();
    await submitAndLeave(tab, 'Verlängerung beantragen', accredited.id);
    expect((await accredited.lastEvent('RenewalApplied')).data.documentIds).toHaveLength(1);

    const before = await accredited.eventCount();
    await later.page.getByRole('button', { name: 'Verlängerung beantragen' }).click();
    await later.check(
      'renewal-refused',
      later.page.getByRole('alert').filter({ hasText: 'nicht (mehr) möglich' }),
    );
    expect(await accredited.eventCount()).toBe(before);
    await page.goto(mail.link);
    await page.getByText('Sie ist bereits beantragt').waitFor();
  });
});
