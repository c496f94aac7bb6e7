import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { organisationBody } from '../support/api-harness';
import { grantedCertificate } from '../support/granted-case';
import { browserStackPerFile } from './harness';

/** A long German name: it must wrap on a phone rather than widen the page. */
const organisationName = 'Rechenzentrumsdienstleistungsgesellschaft Überlingen mbH';
const { scope } = organisationBody(organisationName);

/** The search result of the organisation: an item of the result list, headed by its name. */
const result = (page: Page) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: organisationName }) });

describe('the public register, through the pages alone', () => {
  const stack = browserStackPerFile();
  let certificateNumber: string;

  beforeAll(async () => {
    ({ certificateNumber } = await grantedCertificate(stack().api, organisationName));
  });

  it('finds a granted certificate by its number, as typed, and opens its stable link', async () => {
    const tab = await stack().open();
    const { page } = tab;
    await tab.visit('/register', 'register', (p) =>
      p.getByRole('heading', { name: 'Öffentliches Register' }),
    );

    // Typed in lower case: still read as the certificate number.
    await page.getByLabel('Zertifikatsnummer oder Organisation').fill(certificateNumber.toLowerCase());
    await page.getByRole('button', { name: 'Suchen' }).click();
    const row = result(page);
    await tab.check('register-found-by-number', row);
    expect(page.url()).toContain(`/register?q=${certificateNumber.toLowerCase()}`);
    await expect.poll(() => row.textContent()).toContain('gültig');
    await expect.poll(() => page.getByText('1 Eintrag gefunden.').count()).toBe(1);

    await row.getByRole('link', { name: certificateNumber }).click();
    await tab.check('certificate', page.getByRole('heading', { name: organisationName }));
    expect(new URL(page.url()).pathname).toBe(`/register/${certificateNumber}`);
    await expect
      .poll(() => page.getByText('Die Akkreditierung ist gültig.', { exact: false }).count())
      .toBe(1);
    await expect
      .poll(() => page.getByText(`${stack().api.baseUrl}/register/${certificateNumber}`).count())
      .toBe(1);
  });

  it('finds it by part of the organisation name', async () => {
    const tab = await stack().open();
    await tab.visit('/register?q=dienstleistungsgesellschaft', 'register-found-by-name', (p) => result(p));
    await expect.poll(() => tab.page.getByRole('link', { name: certificateNumber }).count()).toBe(1);
    await expect.poll(() => result(tab.page).textContent()).toContain(`Geltungsbereich: ${scope}`);
  });

  it('says so when a search finds nothing', async () => {
    const tab = await stack().open();
    await tab.visit('/register?q=Gibt%20es%20nicht%20GmbH', 'register-nothing-found', (p) =>
      p.getByText('Kein Eintrag gefunden für „Gibt es nicht GmbH“.'),
    );
    expect(await tab.page.getByRole('listitem').count()).toBe(0);
  });

  it("shows the API's refusal of a search at the top of the page", async () => {
    const tab = await stack().open();
    await tab.visit(`/register?q=${'x'.repeat(201)}`, 'register-refused', (page) =>
      page.getByRole('alert').filter({ hasText: 'Das hat nicht geklappt' }),
    );
    expect(await tab.page.getByRole('alert').textContent()).toContain('querystring.organisation');
  });

  it('opens the stable link directly on a phone, the long name wrapping', async () => {
    const tab = await stack().open('phone');
    await tab.visit(`/register/${certificateNumber}`, 'certificate', (p) =>
      p.getByRole('heading', { name: organisationName }),
    );
  });

  it('answers a number that is not in the register', async () => {
    const tab = await stack().open();
    await tab.visit('/register/DIM1002-2026-00000000', 'certificate-not-found', (p) =>
      p.getByText('Im Register gibt es kein Zertifikat mit der Nummer DIM1002-2026-00000000.'),
    );
  });

  it('switches to English and keeps the choice after a reload', async () => {
    const tab = await stack().open('phone');
    const { page } = tab;
    await tab.visit(`/register?q=${certificateNumber}`, 'register-de', (p) =>
      p.getByRole('heading', { name: 'Öffentliches Register' }),
    );
    await page.getByText('EN', { exact: true }).click();
    await tab.check('register-en', page.getByRole('heading', { name: 'Public register' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => result(page).textContent()).toContain('valid');

    await page.reload();
    await tab.check('register-en-reloaded', page.getByRole('heading', { name: 'Public register' }));
    await page.getByText('DE', { exact: true }).click();
    await page.getByRole('heading', { name: 'Öffentliches Register' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
  });

  it('is usable by keyboard: the skip link first, then the search', async () => {
    const tab = await stack().open();
    const { page } = tab;
    await page.goto(`${stack().api.baseUrl}/register`);
    await page.getByRole('heading', { name: 'Öffentliches Register' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Zum Inhalt springen');
    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').getAttribute('id')).toBe('main');

    // From the main region on: the search field comes before anything else of the page.
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').getAttribute('name')).toBe('q');
    await page.keyboard.type('Überlingen');
    await page.keyboard.press('Enter');
    await tab.check('register-keyboard', result(page));
  });
});
