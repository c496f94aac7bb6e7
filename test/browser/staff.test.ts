import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { defaultSessionConfig, sessionCookie } from '../../api/session';
import { createSession } from '../../db/sessions';
import { accreditationStreamId } from '../../workflows/messages';
import type { TestUser } from '../fixtures/users';
import { organisationBody } from '../support/api-harness';
import { type BrowserStack, browserStackPerFile, type TestPage, type Viewport } from './harness';

/** A browser tab signed in as `user` (a session of the API's own, its cookie given to the tab). */
async function signedInTab(
  stack: BrowserStack,
  user: TestUser,
  viewport: Viewport = 'laptop',
): Promise<TestPage> {
  const tab = await stack.open(viewport);
  const { sessionId } = await createSession(stack.api.db, user.id, defaultSessionConfig);
  await tab.page
    .context()
    .addCookies([
      { name: sessionCookie, value: sessionId, url: stack.api.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
  return tab;
}

async function named(stack: BrowserStack, role: 'staff' | 'admin' | 'auditor', name: string) {
  const user = await stack.api.user(role);
  await stack.api.db.updateTable('users').set({ name }).where('user_id', '=', user.id).execute();
  return { ...user, name };
}

async function openCase(stack: BrowserStack, staff: TestUser, name: string): Promise<string> {
  const opened = await stack.api.call(staff, 'POST', '/accreditations', organisationBody(name));
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  return opened.body.id;
}

/** The events recorded (of one case, or of all). */
const eventCount = async (stack: BrowserStack, accreditationId?: string) => {
  let query = stack.api.db.selectFrom('events').select((e) => e.fn.countAll<string>().as('n'));
  if (accreditationId) query = query.where('stream_id', '=', accreditationStreamId(accreditationId));
  return Number((await query.executeTakeFirstOrThrow()).n);
};

const heading = (name: string) => (page: Page) => page.getByRole('heading', { name, level: 1 });

/**
 * The staff's pages through the browser alone (cases set up through the API): the dashboard, the
 * case list with its filters and pages, opening a case, users and invitations, the staff's steps.
 */
describe('the staff pages', () => {
  const stack = browserStackPerFile();

  it('shows the dashboard, each stage a link to the filtered list, in German and English, on a laptop and a phone', async () => {
    const staff = await named(stack(), 'staff', 'Anna Fallbetreuerin');
    await openCase(stack(), staff, 'Übersichtsdienst GmbH');
    const tab = await signedInTab(stack(), staff);
    const { page } = tab;
    await tab.visit('/', 'dashboard', heading('Übersicht'));
    await page.getByText('Verlauf der letzten zwölf Monate').waitFor();
    await page.getByText('Als Tabelle anzeigen').click();
    await tab.check('dashboard-table', page.getByRole('table', { name: /Akkreditierungen im Verfahren/ }));
    const opened = page.getByRole('link', { name: /Eröffnet/ });
    expect(Number(((await opened.textContent()) ?? '').match(/\d+/)?.[0])).toBeGreaterThanOrEqual(1);
    await page.locator('label', { hasText: 'English' }).click();
    await tab.check('dashboard-en', heading('Dashboard')(page));
    await page.locator('label', { hasText: 'Deutsch' }).click();
    // By keyboard: the stage's link takes focus and Enter follows it.
    await page.getByRole('link', { name: /Eröffnet/ }).focus();
    await page.keyboard.press('Enter');
    await tab.check('accreditations-opened', page.getByRole('link', { name: 'Übersichtsdienst GmbH' }));
    expect(new URL(page.url()).searchParams.get('status')).toBe('opened');

    const phone = await signedInTab(stack(), staff, 'phone');
    await phone.visit('/', 'dashboard', heading('Übersicht'));
  });

  it('finds cases by name and status and pages through them as the API pages (keyset)', async () => {
    const staff = await named(stack(), 'staff', 'Bernd Listenführer');
    for (const suffix of ['A', 'B', 'C']) await openCase(stack(), staff, `Seitenweise ${suffix} GmbH`);
    const tab = await signedInTab(stack(), staff);
    const { page } = tab;
    await tab.visit('/accreditations?limit=2', 'accreditations', heading('Akkreditierungen'));
    await page.getByLabel('Organisation').fill('Seitenweise');
    await page.getByRole('button', { name: 'Anzeigen' }).click();
    await page.getByText('2 Akkreditierungen auf dieser Seite').waitFor();
    // The unfiltered first page (other tests' cases) also shows two: wait for the search's rows.
    const found = page.getByRole('link', { name: /Seitenweise/ });
    await expect.poll(() => found.count()).toBe(2);
    const firstPage = await page.getByRole('link', { name: /Seitenweise/ }).allInnerTexts();
    await page.getByRole('link', { name: 'Nächste Seite' }).click();
    await page.getByText('1 Akkreditierung auf dieser Seite').waitFor();
    await expect.poll(() => found.count()).toBe(1);
    const secondPage = await page.getByRole('link', { name: /Seitenweise/ }).allInnerTexts();
    expect([...firstPage, ...secondPage].sort()).toEqual([
      'Seitenweise A GmbH',
      'Seitenweise B GmbH',
      'Seitenweise C GmbH',
    ]);
    expect(await page.getByRole('link', { name: 'Nächste Seite' }).count()).toBe(0);
    await page
      .getByRole('link', { name: 'Seitenweise' + secondPage[0]?.slice('Seitenweise'.length) })
      .click();
    await page.waitForURL(/\/accreditations\/[0-9a-f-]{36}$/);

    const phone = await signedInTab(stack(), staff, 'phone');
    await phone.visit('/accreditations?organisationName=Seitenweise', 'accreditations', (p) =>
      p.getByRole('link', { name: 'Seitenweise A GmbH' }),
    );
  });

  it('opens a case: a field the API refuses is shown at the field and opens nothing', async () => {
    const staff = await named(stack(), 'staff', 'Clara Eröffnerin');
    const tab = await signedInTab(stack(), staff);
    const { page } = tab;
    await tab.visit('/accreditations/new', 'accreditation-new', heading('Akkreditierung eröffnen'));
    await page.getByLabel('Name der Organisation').fill('Neueröffnung Rechenzentrum GmbH');
    await page.getByLabel('Straße und Hausnummer').fill('Lindenallee 3');
    await page.getByLabel('Postleitzahl').fill('50667');
    await page.getByLabel(/^Ort/).fill('Köln');
    await page.getByLabel(/^Land/).fill('Deutschland');
    await page.getByLabel('E-Mail-Adresse der Kontaktperson').fill('kontakt@neueroeffnung.example');
    await page.getByLabel('Geltungsbereich').fill('Rechenzentrumsbetrieb am Standort Köln');
    await page.getByRole('checkbox', { name: 'Cloud- und Infrastruktur-Services' }).check();

    const before = await eventCount(stack());
    await page.getByRole('button', { name: 'Akkreditierung eröffnen' }).click();
    const country = page.getByLabel(/^Land/);
    await expect.poll(() => country.getAttribute('aria-invalid')).toBe('true');
    await tab.check('accreditation-new-refused', country);
    expect(await eventCount(stack())).toBe(before);
    const organisations = await stack()
      .api.db.selectFrom('organisations')
      .select('name')
      .where('name', '=', 'Neueröffnung Rechenzentrum GmbH')
      .execute();
    expect(organisations).toEqual([]);

    await country.fill('DE');
    await page.getByRole('button', { name: 'Akkreditierung eröffnen' }).click();
    await page.waitForURL(/\/accreditations\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const opened = await stack().api.call(staff, 'GET', `/accreditations/${id}`);
    expect(opened.body).toMatchObject({
      status: 'opened',
      organisation: { name: 'Neueröffnung Rechenzentrum GmbH' },
      caseManagerId: staff.id,
    });
  });

  it('invites people in the roles the inviter may give; a refused invitation shows why at the field', async () => {
    const staff = await named(stack(), 'staff', 'Dieter Einlader');
    await openCase(stack(), staff, 'Einladungsdienst GmbH');
    const tab = await signedInTab(stack(), staff);
    const { page } = tab;
    await tab.visit('/users', 'users', heading('Benutzer und Einladungen'));
    await page.getByText('Sie dürfen einladen: Organisation.').waitFor();
    await page.getByLabel(/^Name/).fill('Olga Organisation');
    await page.getByLabel(/^E-Mail-Adresse/).fill('olga@einladungsdienst.example');
    const users = async () =>
      Number(
        (
          await stack()
            .api.db.selectFrom('users')
            .select((e) => e.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await users();
    await page.getByRole('button', { name: 'Einladen', exact: true }).click();
    const organisation = page.getByRole('combobox', { name: /^Organisation/ });
    await expect.poll(() => organisation.getAttribute('aria-invalid')).toBe('true');
    await tab.check('users-refused', organisation);
    expect(await users()).toBe(before);

    await organisation.click();
    await page.getByRole('option', { name: 'Einladungsdienst GmbH' }).click();
    await page.getByRole('button', { name: 'Einladen', exact: true }).click();
    await page.getByText('olga@einladungsdienst.example ist eingeladen.').waitFor();
    await page.getByRole('cell', { name: 'olga@einladungsdienst.example' }).waitFor();
    const invited = await stack()
      .api.db.selectFrom('users')
      .select(['role', 'organisation_id'])
      .where('email', '=', 'olga@einladungsdienst.example')
      .executeTakeFirstOrThrow();
    expect(invited.role).toBe('organisation');

    const admin = await named(stack(), 'admin', 'Erika Administratorin');
    const adminTab = await signedInTab(stack(), admin, 'phone');
    await adminTab.visit('/users', 'users-admin', heading('Benutzer und Einladungen'));
    await adminTab.page
      .getByText(
        'Sie dürfen einladen: Administration, Fallbetreuung, Entscheidung, Auditierung, Organisation.',
      )
      .waitFor();
  });

  it('takes the staff steps with a required reason and a confirmation; a refused step changes nothing', async () => {
    const staff = await named(stack(), 'staff', 'Frank Fallbetreuer');
    const colleague = await named(stack(), 'staff', 'Gerda Vertretung');
    const id = await openCase(stack(), staff, 'Schrittweise GmbH');
    const tab = await signedInTab(stack(), staff);
    const { page } = tab;

    await tab.visit(
      `/accreditations/${id}/steps/reinstate`,
      'step-reinstate',
      heading('Aussetzung aufheben'),
    );
    await page.getByRole('button', { name: 'Aussetzung aufheben' }).click();
    await page.getByText('Bitte ausfüllen.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByLabel('Begründung').fill('Die Beschwerde hat sich erledigt.');
    const before = await eventCount(stack(), id);
    expect(before).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Aussetzung aufheben' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bitte bestätigen' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Aussetzung aufheben' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const refusal = page.getByRole('alert');
    await refusal
      .getByText('Dieser Schritt ist im jetzigen Stand der Akkreditierung nicht möglich.')
      .waitFor();
    await tab.check('step-reinstate-refused', refusal);
    expect(await eventCount(stack(), id)).toBe(before);

    // An old link to the in-case step opens the complaint's own form, the organisation filled in.
    await page.goto(`${stack().api.baseUrl}/accreditations/${id}/steps/receive-complaint`);
    await page.waitForURL(/\/complaints\/new\?organisation=/);
    await tab.check('step-receive-complaint', heading('Beschwerde erfassen')(page));
    expect(await page.getByLabel('Name der Organisation').inputValue()).not.toBe('');

    await tab.visit(
      `/accreditations/${id}/steps/assign-case-manager`,
      'step-assign-case-manager',
      heading('Fallverantwortung zuweisen'),
    );
    await page.getByRole('combobox', { name: /^Fallbetreuung/ }).click();
    await page.getByRole('option', { name: /Gerda Vertretung/ }).click();
    await page.getByRole('button', { name: 'Fallverantwortung zuweisen' }).click();
    await page.waitForURL(new RegExp(`/accreditations/${id}$`));

    const types = await stack()
      .api.db.selectFrom('events')
      .select('event_type')
      .where('stream_id', '=', accreditationStreamId(id))
      .orderBy('stream_version')
      .execute();
    expect(types.map(({ event_type }) => event_type)).toEqual(
      expect.arrayContaining(['CaseManagerAssigned']),
    );
    const after = await stack().api.call(staff, 'GET', `/accreditations/${id}`);
    expect(after.body.caseManagerId).toBe(colleague.id);

    const phone = await signedInTab(stack(), staff, 'phone');
    await phone.visit(
      `/accreditations/${id}/steps/withdraw`,
      'step-withdraw',
      heading('Akkreditierung entziehen'),
    );
  });
});
