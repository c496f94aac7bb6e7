import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../domain/policy-schema';
import { eventually } from '../support/api-harness';
import { browserStackPerFile } from './harness';
import { CaseSetup, castOfCase, signedInTab } from './work-cases';

/**
 * The first Selbstbewertung due two minutes after the grant, proposed for suspension 3 s later; the
 * next one (which would propose anew) two minutes after that, long after these tests have acted.
 */
const overdueSoon: PolicyInput = {
  version: 'browser-suspension-proposals',
  auditorObjectionWindow: { seconds: 1 },
  certificateValidity: { seconds: 1200 },
  selfAssessmentInterval: { seconds: 120 },
  selfAssessmentReminderLeadTimes: [{ seconds: 2 }],
  selfAssessmentOverdueReminderAfter: { seconds: 1 },
  selfAssessmentEscalationAfter: { seconds: 2 },
  selfAssessmentSuspensionProposalAfter: { seconds: 3 },
  renewalWindow: { seconds: 30 },
};

const queueHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Entscheidungen' });
const proposalIn = (page: Page, where: 'mine' | 'queue', organisation: string) =>
  page
    .locator(`[data-section="${where}"]`)
    .getByRole('listitem')
    .filter({ hasText: `Akkreditierung von ${organisation}` })
    .filter({ hasText: 'Über den Aussetzungsvorschlag entscheiden' })
    .first();

/** Granted, its first Selbstbewertung not sent: a suspension is proposed to the decision makers. */
async function proposedForSuspension(setup: CaseSetup) {
  await setup.toDocumentReview();
  await setup.toAudit();
  await setup.toDecision();
  await setup.untilStatus('awaiting_decision');
  await setup.step(setup.cast.decisionMaker, 'grant');
}

/** The proposal open now (its task's subject), as the case file records it. */
async function openProposal(setup: CaseSetup) {
  const detail = await eventually(
    () => setup.read(),
    (body) => body.openTasks.some((task: { kind: string }) => task.kind === 'decide_suspension_proposal'),
    180_000,
  );
  const task = detail.openTasks.find(
    (candidate: { kind: string }) => candidate.kind === 'decide_suspension_proposal',
  );
  const file = await setup.api.call(setup.cast.staff, 'GET', `/accreditations/${setup.id}/file`);
  return file.body.file.suspensionProposals.find(
    (proposal: { proposalId: string }) => proposal.proposalId === task.subjectId,
  );
}

/** Takes the proposal from the decision queue and opens the step `action` under "mine". */
async function openFromQueue(page: Page, organisation: string, action: string) {
  await proposalIn(page, 'queue', organisation)
    .getByRole('button', { name: /übernehmen$/ })
    .click();
  await proposalIn(page, 'mine', organisation).getByRole('link', { name: action }).click();
}

/**
 * Rule set 3's suspension proposal through the pages alone: a decision maker sees the proposal and
 * its reason, confirms it (the case is suspended) or rejects it with reasons; a rejection without
 * reasons records nothing.
 */
describe('suspension proposals, through the pages alone', { timeout: 240_000 }, () => {
  const stack = browserStackPerFile();
  let toConfirm: CaseSetup;
  let toReject: CaseSetup;

  beforeAll(async () => {
    const { api } = stack();
    const cast = await castOfCase(api, 'S');
    toConfirm = new CaseSetup(api, cast);
    toReject = new CaseSetup(api, cast);
    // Opened one after the other (two openings at once answered 500 once; reported), then driven
    // side by side, so that both proposals come at about the same time.
    await toConfirm.open('Säumig Bestätigt GmbH', overdueSoon);
    await toReject.open('Säumig Verworfen AG', overdueSoon);
    await Promise.all([proposedForSuspension(toConfirm), proposedForSuspension(toReject)]);
    await Promise.all([openProposal(toConfirm), openProposal(toReject)]);
  }, 300_000);

  it('shows the proposal with its reason and confirms it: the accreditation is suspended', async () => {
    const tab = await signedInTab(stack(), toConfirm.cast.decisionMaker);
    const { page } = tab;
    await tab.visit('/decisions', 'suspension-proposal-queue', queueHeading);
    await openFromQueue(page, 'Säumig Bestätigt GmbH', 'Aussetzung bestätigen');
    await tab.check(
      'suspension-proposal-confirm',
      page.getByRole('heading', { level: 1, name: 'Aussetzung bestätigen' }),
    );
    const proposal = await openProposal(toConfirm);
    await page
      .locator(`[data-suspension-proposal="${proposal.proposalId}"]`)
      .getByText(/^Die Selbstbewertung ist seit .* überfällig\.$/)
      .waitFor();

    await page.getByRole('button', { name: 'Aussetzung bestätigen' }).click();
    await page.getByRole('heading', { level: 1, name: /^Akkreditierung: / }).waitFor();
    expect((await toConfirm.untilStatus('suspended')).status).toBe('suspended');
  });

  it('rejects the proposal only with reasons, and records the rejection', async () => {
    const tab = await signedInTab(stack(), toReject.cast.decisionMaker, 'phone');
    const { page } = tab;
    await tab.visit('/decisions', 'suspension-proposal-queue-phone', queueHeading);
    await openFromQueue(page, 'Säumig Verworfen AG', 'Aussetzungsvorschlag verwerfen');
    await tab.check(
      'suspension-proposal-reject',
      page.getByRole('heading', { level: 1, name: 'Aussetzungsvorschlag verwerfen' }),
    );
    const proposal = await openProposal(toReject);
    const before = (await toReject.read()).version;
    const submit = page.getByRole('button', { name: 'Vorschlag verwerfen' });
    await submit.click();
    await tab.check('suspension-proposal-reject-held-back', page.getByText('Bitte ausfüllen.'));
    const rejected = await toReject.api.db
      .selectFrom('events')
      .select('event_type')
      .where('stream_id', '=', `accreditation-${toReject.id}`)
      .where('event_type', '=', 'SuspensionProposalRejected')
      .execute();
    expect(rejected).toEqual([]);
    expect((await toReject.read()).version).toBe(before);

    await page
      .getByLabel('Begründung für das Verwerfen')
      .fill('Die Selbstbewertung ist per Post eingegangen.');
    await submit.click();
    await page.getByRole('heading', { level: 1, name: /^Akkreditierung: / }).waitFor();
    const file = await toReject.api.call(toReject.cast.staff, 'GET', `/accreditations/${toReject.id}/file`);
    const closed = file.body.file.suspensionProposals.find(
      (candidate: { proposalId: string }) => candidate.proposalId === proposal.proposalId,
    )?.closed;
    expect(closed).toMatchObject({
      how: 'rejected',
      reason: 'Die Selbstbewertung ist per Post eingegangen.',
    });
    expect(file.body.status).not.toBe('suspended');
  });
});
