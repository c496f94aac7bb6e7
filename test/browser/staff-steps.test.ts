import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readStream } from '../../db/event-store';
import type { PolicyInput } from '../../domain/policy-schema';
import { accreditationStreamId } from '../../workflows/messages';
import { eventually } from '../support/api-harness';
import { type BrowserStack, browserStackPerFile, type TestPage } from './harness';
import { CaseSetup, castOfCase, namedUser, quickObjections, signedInTab } from './work-cases';

/** An information request lapses three seconds after it is asked: a lapse proposal follows. */
const quickLapse: PolicyInput = {
  ...quickObjections,
  version: 'browser-quick-lapse',
  informationRequestResponseDeadline: { seconds: 3 },
  informationRequestReminderLeadTime: { seconds: 1 },
};

/** The first Selbstbewertung may be submitted two seconds after the grant. */
const earlySelfAssessment: PolicyInput = {
  ...quickObjections,
  version: 'browser-early-self-assessment',
  certificateValidity: { minutes: 60 },
  selfAssessmentInterval: { minutes: 10 },
  selfAssessmentReminderLeadTimes: [{ seconds: 598 }],
  selfAssessmentOverdueReminderAfter: { minutes: 1 },
  selfAssessmentEscalationAfter: { minutes: 2 },
  selfAssessmentSuspensionProposalAfter: { minutes: 3 },
  renewalWindow: { minutes: 30 },
};

const heading = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { name, level: 1 });
const caseHeading = heading(/^Akkreditierung: /);

/** The event types of one case, in order. */
async function eventTypes(stack: BrowserStack, accreditationId: string): Promise<string[]> {
  const rows = await stack.api.db
    .selectFrom('events')
    .select('event_type')
    .where('stream_id', '=', accreditationStreamId(accreditationId))
    .orderBy('stream_version')
    .execute();
  return rows.map(({ event_type }) => event_type);
}

/** The case's first event of `type`, as the store reads it (free texts opened). */
async function firstEventOf(stack: BrowserStack, accreditationId: string, type: string) {
  const events = await readStream(stack.api.db, accreditationStreamId(accreditationId));
  const event = events.find((recorded) => recorded.type === type);
  if (!event) throw new Error(`No ${type} in the case`);
  return event;
}

/** Submits the form and waits for the case page that follows a recorded step. */
async function submitAndLeave(tab: TestPage, button: string, accreditationId: string) {
  await tab.page.getByRole('button', { name: button, exact: true }).click();
  await tab.page.waitForURL((url) => url.pathname === `/accreditations/${accreditationId}`);
  await caseHeading(tab.page).waitFor();
}

/** Submits the form, which the API refuses: the refusal shown at the top, the case unchanged. */
async function submitRefused(
  tab: TestPage,
  setup: CaseSetup,
  button: string,
  reason: string | RegExp,
  name: string,
) {
  const before = (await setup.read()).version;
  await tab.page.getByRole('button', { name: button, exact: true }).click();
  const refusal = tab.page.getByRole('alert');
  await refusal.getByText(reason).waitFor();
  await tab.check(name, refusal);
  expect((await setup.read()).version).toBe(before);
}

/** Waits until the case has an open task of `kind`, and answers it. */
async function openTask(setup: CaseSetup, kind: string) {
  const found = await eventually(
    () => setup.read(),
    (body) => body.openTasks.some((task: { kind: string }) => task.kind === kind),
    60_000,
  );
  return found.openTasks.find((task: { kind: string }) => task.kind === kind) as { subjectId: string };
}

describe('the remaining steps of staff and decision makers, through their pages', {
  timeout: 120_000,
}, () => {
  const stack = browserStackPerFile();
  let cast: Awaited<ReturnType<typeof castOfCase>>;

  beforeAll(async () => {
    cast = await castOfCase(stack().api, 'S');
  });

  it('asks for information and rejects the Antrag from the case’s task; a step another took first is refused', async () => {
    // One after the other: two organisations with the same contact address opened at once race in
    // inviteOrganisationContact (its lock is per organisation, the address unique per user): a 500.
    const asked = await (
      await new CaseSetup(stack().api, cast).open('Antragsprüfung Hosting GmbH')
    ).submitApplication();
    const rejected = await (
      await new CaseSetup(stack().api, cast).open('Antragsablehnung Hosting GmbH')
    ).submitApplication();
    const tab = await signedInTab(stack(), cast.staff);
    const { page } = tab;

    await tab.visit(`/accreditations/${asked.id}`, 'step-case-review', caseHeading);
    const tasks = page.getByRole('list', { name: 'Offene Aufgaben' });
    await tasks.getByRole('link', { name: 'Nachforderung stellen' }).click();
    await tab.check('step-request-information', heading('Nachforderung stellen')(page));
    expect(new URL(page.url()).pathname).toBe(`/accreditations/${asked.id}/steps/request-information`);
    // The Antrag is shown to decide on.
    await page.getByRole('heading', { name: 'Antrag', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Nachforderung stellen', exact: true }).click();
    await page.getByText('Bitte ausfüllen.').waitFor();
    await page.getByRole('textbox', { name: 'Frage 1' }).fill('Welche Standorte umfasst der Betrieb?');
    await page.getByRole('button', { name: 'Weitere Frage' }).click();
    await page
      .getByRole('textbox', { name: 'Frage 2' })
      .fill('Wer ist für die Informationssicherheit verantwortlich?');
    await submitAndLeave(tab, 'Nachforderung stellen', asked.id);
    const requested = await firstEventOf(stack(), asked.id, 'InformationRequested');
    expect((requested.data as { questions: string[] }).questions).toEqual([
      'Welche Standorte umfasst der Betrieb?',
      'Wer ist für die Informationssicherheit verantwortlich?',
    ]);
    // With the request open, the page says why there is nothing to ask now.
    await tab.visit(
      `/accreditations/${asked.id}/steps/request-information`,
      'step-request-information-open',
      (p) => p.getByText('Der Antrag wartet nicht auf Ihre Prüfung', { exact: false }),
    );

    // The other case: its Antrag rejected in another tab while this one still shows the form.
    await tab.visit(
      `/accreditations/${rejected.id}/steps/reject-application`,
      'step-reject-application',
      heading('Antrag ablehnen'),
    );
    await page
      .getByRole('textbox', { name: 'Begründung 1' })
      .fill('Der Geltungsbereich ist nicht zertifizierbar.');
    await rejected.step(cast.staff, 'application/reject', { reasons: ['Aus einem anderen Tab abgelehnt.'] });
    await submitRefused(tab, rejected, 'Antrag ablehnen', /nicht möglich/, 'step-reject-application-refused');

    // The first case, awaiting the applicant's answer, may still be rejected.
    await tab.visit(
      `/accreditations/${asked.id}/steps/reject-application`,
      'step-reject-application',
      heading('Antrag ablehnen'),
    );
    await page.getByText('Welche Standorte umfasst der Betrieb?').waitFor();
    await page
      .getByRole('textbox', { name: 'Begründung 1' })
      .fill('Der Geltungsbereich ist nicht zertifizierbar.');
    await page.getByRole('button', { name: 'Weitere Begründung' }).click();
    await page.getByRole('textbox', { name: 'Begründung 2' }).fill('Die Nachweise fehlen.');
    await submitAndLeave(tab, 'Antrag ablehnen', asked.id);
    const rejection = await firstEventOf(stack(), asked.id, 'ApplicationRejected');
    expect((rejection.data as { reasons: string[] }).reasons).toEqual([
      'Der Geltungsbereich ist nicht zertifizierbar.',
      'Die Nachweise fehlen.',
    ]);

    // Asking while another asked first: refused, nothing recorded.
    const late = await (
      await new CaseSetup(stack().api, cast).open('Nachforderung Doppelt GmbH')
    ).submitApplication();
    await tab.visit(
      `/accreditations/${late.id}/steps/request-information`,
      'step-request-information',
      heading('Nachforderung stellen'),
    );
    await page.getByRole('textbox', { name: 'Frage 1' }).fill('Wo ist das Organigramm?');
    await late.step(cast.staff, 'information-requests', { questions: ['Aus einem anderen Tab gefragt.'] });
    await submitRefused(
      tab,
      late,
      'Nachforderung stellen',
      'Dieser Schritt ist im jetzigen Stand der Akkreditierung nicht möglich.',
      'step-request-information-refused',
    );
  });

  it('extends a running deadline and lets the document reviewer ask for documents, each list item its own field', async () => {
    const setup = await new CaseSetup(stack().api, cast).open('Nachforderung Unterlagen GmbH');
    await setup.submitApplication();
    await setup.step(cast.staff, 'information-requests', { questions: ['Wo ist das Organigramm?'] });
    const staffTab = await signedInTab(stack(), cast.staff);
    await staffTab.visit(
      `/accreditations/${setup.id}/steps/extend-deadline?subject=${setup.id}`,
      'step-extend-deadline',
      heading('Frist verlängern'),
    );
    await staffTab.page.getByRole('combobox', { name: /^Frist/ }).click();
    await staffTab.page.getByRole('option', { name: /Nachforderung beantworten/ }).click();
    await staffTab.page.getByLabel(/^Neue Frist/).fill('2030-06-28T12:00');
    await staffTab.page.getByLabel(/^Begründung/).fill('Die Kontaktperson ist im Urlaub.');
    await submitAndLeave(staffTab, 'Frist verlängern', setup.id);
    const extension = await firstEventOf(stack(), setup.id, 'DeadlineExtended');
    expect(extension.data).toMatchObject({
      target: { kind: 'information_request' },
      newDueAt: new Date('2030-06-28T12:00+02:00').toISOString(),
    });

    const reviewed = await new CaseSetup(stack().api, cast).open('Dokumentenprüfung Nachforderung AG');
    await reviewed.toDocumentReview();
    const reviewerTab = await signedInTab(stack(), cast.reviewer);
    const { page } = reviewerTab;
    await reviewerTab.visit(
      `/accreditations/${reviewed.id}/steps/request-documents`,
      'step-request-documents',
      heading('Unterlagen nachfordern'),
    );
    await page.getByRole('textbox', { name: 'Geforderte Unterlage 1' }).fill('Das Notfallhandbuch');
    await page.getByRole('button', { name: 'Weitere Unterlage' }).click();
    await page.getByRole('textbox', { name: 'Geforderte Unterlage 2' }).fill('Der letzte Penetrationstest');
    await submitAndLeave(reviewerTab, 'Nachforderung senden', reviewed.id);
    const requested = await firstEventOf(stack(), reviewed.id, 'DocumentsRequested');
    expect((requested.data as { documents: string[] }).documents).toEqual([
      'Das Notfallhandbuch',
      'Der letzte Penetrationstest',
    ]);
  });

  it('reviews a submitted Selbstbewertung from the task list: a follow-up needs a comment', async () => {
    const setup = await new CaseSetup(stack().api, cast).open(
      'Selbstbewertung Service GmbH',
      earlySelfAssessment,
    );
    await setup.toDocumentReview();
    await setup.toAudit();
    await setup.toDecision();
    await setup.step(cast.decisionMaker, 'grant');
    const selfAssessmentId = 'cycle-1:self-assessment-1';
    await eventually(
      () =>
        stack().api.call(setup.applicant, 'POST', `/accreditations/${setup.id}/self-assessments`, {
          selfAssessmentId,
          statement: 'Alle Anforderungen sind weiterhin erfüllt; das Handbuch wurde überarbeitet.',
          documentIds: [],
        }),
      (response) => response.status === 200,
      30_000,
    );
    const tab = await signedInTab(stack(), cast.staff);
    const { page } = tab;
    await tab.visit('/tasks', 'step-tasks-staff', heading('Meine Aufgaben'));
    const task = page
      .getByRole('list', { name: 'Offene Aufgaben' })
      .locator(':scope > li', { hasText: 'Selbstbewertung Service GmbH' })
      .filter({ has: page.getByRole('link', { name: 'Selbstbewertung prüfen' }) });
    await task.getByRole('link', { name: 'Selbstbewertung prüfen' }).click();
    await tab.check('step-review-self-assessment', heading('Selbstbewertung prüfen')(page));
    expect(new URL(page.url()).searchParams.get('subject')).toBe(selfAssessmentId);
    await page.getByText('das Handbuch wurde überarbeitet', { exact: false }).waitFor();

    await page.getByRole('radio', { name: 'Nachbesserung verlangen' }).check();
    await page.getByRole('button', { name: 'Selbstbewertung prüfen', exact: true }).click();
    await page.getByText('Bitte schreiben Sie, was nachzubessern ist.').waitFor();
    await page.getByLabel('Bemerkung').fill('Bitte das überarbeitete Handbuch beifügen.');
    await submitAndLeave(tab, 'Selbstbewertung prüfen', setup.id);
    expect(await eventTypes(stack(), setup.id)).toContain('SelfAssessmentFollowUpRequested');

    // Reviewed: the page says the Selbstbewertung waits for the organisation.
    const reviewPage = `/accreditations/${setup.id}/steps/review-self-assessment?subject=${selfAssessmentId}`;
    await tab.visit(reviewPage, 'step-review-self-assessment-done', (p) =>
      p.getByText('Diese Selbstbewertung wartet nicht auf eine Prüfung', { exact: false }),
    );
    // Submitted again, and accepted in another tab while this one shows the form.
    await setup.step(setup.applicant, 'self-assessments', {
      selfAssessmentId,
      statement: 'Das überarbeitete Handbuch liegt bei.',
      documentIds: [],
    });
    await tab.visit(reviewPage, 'step-review-self-assessment', heading('Selbstbewertung prüfen'));
    await page.getByRole('radio', { name: 'Annehmen' }).check();
    await setup.step(cast.staff, 'self-assessments/review', {
      selfAssessmentId,
      review: { outcome: 'accepted' },
    });
    await submitRefused(
      tab,
      setup,
      'Selbstbewertung prüfen',
      'Dieser Schritt ist im jetzigen Stand der Akkreditierung nicht möglich.',
      'step-review-self-assessment-refused',
    );
  });

  it('decides on a missed deadline: extends it (an earlier date refused), or confirms the rejection', async () => {
    const extended = await new CaseSetup(stack().api, cast).open('Fristverlängerung GmbH', quickLapse);
    const confirmed = await new CaseSetup(stack().api, cast).open('Fristablauf GmbH', quickLapse);
    for (const setup of [extended, confirmed]) {
      await setup.submitApplication();
      await setup.step(cast.staff, 'information-requests', { questions: ['Wo ist das Organigramm?'] });
    }
    const [extendTask, confirmTask] = await Promise.all([
      openTask(extended, 'decide_lapse'),
      openTask(confirmed, 'decide_lapse'),
    ]);
    const tab = await signedInTab(stack(), cast.decisionMaker);
    const { page } = tab;

    await tab.visit(`/accreditations/${extended.id}`, 'step-case-lapse', caseHeading);
    await page
      .getByRole('list', { name: 'Offene Aufgaben' })
      .getByRole('link', { name: 'Versäumte Frist verlängern' })
      .click();
    await tab.check('step-extend-lapsed-deadline', heading('Versäumte Frist verlängern')(page));
    expect(new URL(page.url()).searchParams.get('subject')).toBe(extendTask.subjectId);
    await page.getByText('Der Antrag wird abgelehnt.').waitFor();
    await page.getByText('Wo ist das Organigramm?').waitFor();
    await page.getByLabel(/^Neue Frist/).fill('2020-01-15T12:00');
    await page.getByLabel(/^Begründung/).fill('Die Organisation hat um Aufschub gebeten.');
    await submitRefused(
      tab,
      extended,
      'Versäumte Frist verlängern',
      'Die neue Frist muss nach der bisherigen liegen.',
      'step-extend-lapsed-deadline-refused',
    );
    await page.getByLabel(/^Neue Frist/).fill('2030-06-28T12:00');
    await submitAndLeave(tab, 'Versäumte Frist verlängern', extended.id);
    expect(await eventTypes(stack(), extended.id)).toContain('DeadlineExtended');
    expect((await extended.read()).status).not.toBe('refused');
    await tab.visit(
      `/accreditations/${extended.id}/steps/confirm-lapse?subject=${extendTask.subjectId}`,
      'step-confirm-lapse-decided',
      (p) => p.getByText('Über diese versäumte Frist ist bereits entschieden.'),
    );

    // Another decision maker has taken the other case's decision: refused, nothing recorded.
    const colleague = await namedUser(stack().api, 'decision_maker', 'Egon Entscheider S');
    await confirmed.step(colleague, 'decision-maker/take');
    await tab.visit(
      `/accreditations/${confirmed.id}/steps/confirm-lapse?subject=${confirmTask.subjectId}`,
      'step-confirm-lapse',
      heading('Folge der versäumten Frist bestätigen'),
    );
    // What lapsed, in the page's language (the recorded reason is the system's English).
    await page.getByText(/^Eine Nachforderung wurde nicht bis .+ beantwortet\.$/).waitFor();
    await page.getByRole('button', { name: 'Folge der versäumten Frist bestätigen', exact: true }).click();
    await page.getByText('Bitte bestätigen Sie die Folge.').waitFor();
    await page.getByRole('checkbox', { name: /Ich bestätige die Ablehnung des Antrags/ }).check();
    await submitRefused(
      tab,
      confirmed,
      'Folge der versäumten Frist bestätigen',
      'Dieser Schritt ist einer anderen Person zugewiesen.',
      'step-confirm-lapse-refused',
    );

    const holder = await signedInTab(stack(), colleague, 'phone');
    await holder.visit(
      `/accreditations/${confirmed.id}/steps/confirm-lapse?subject=${confirmTask.subjectId}`,
      'step-confirm-lapse',
      heading('Folge der versäumten Frist bestätigen'),
    );
    await holder.page.getByRole('checkbox', { name: /Ich bestätige die Ablehnung des Antrags/ }).check();
    await submitAndLeave(holder, 'Folge der versäumten Frist bestätigen', confirmed.id);
    expect(await eventTypes(stack(), confirmed.id)).toContain('ApplicationRejected');
    expect((await confirmed.read()).status).toBe('refused');
  });
});
