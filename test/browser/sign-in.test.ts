import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { browserStackPerFile } from './harness';

/**
 * The sign-in pages (CONTRACT-signin.md) as someone not signed in meets them, and the deep links of
 * the e-mails (notifications/templates.ts: `/tasks`, `/accreditations/{id}`; the invitation and
 * password-reset links). Signing in itself is tested once the API has its sign-in routes.
 */
describe('signing in, through the pages alone', () => {
  const stack = browserStackPerFile();

  it.each([
    ['my tasks', '/tasks'],
    ['an accreditation', `/accreditations/${randomUUID()}`],
  ])('sends a deep link to %s to the sign-in page, and back there after it', async (_, path) => {
    const tab = await stack().open();
    await tab.visit(path, 'sign-in', (page) => page.getByRole('heading', { name: 'Anmelden' }));
    const url = new URL(tab.page.url());
    expect(url.pathname).toBe('/sign-in');
    expect(url.searchParams.get('next')).toBe(path);
  });

  it('shows what is missing at the fields and moves focus there', async () => {
    const tab = await stack().open('phone');
    const { page } = tab;
    await tab.visit('/sign-in', 'sign-in', (p) => p.getByRole('heading', { name: 'Anmelden' }));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const email = page.getByLabel('E-Mail-Adresse');
    await tab.check('sign-in-incomplete', page.getByText('Bitte ausfüllen.'));
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(':focus').getAttribute('type')).toBe('email');
    expect(await page.getByText('Bitte geben Sie eine E-Mail-Adresse an.').count()).toBe(1);
  });

  it('opens the invitation link: a password form, its repetition checked', async () => {
    const tab = await stack().open('phone');
    const { page } = tab;
    await tab.visit('/invitation?token=abc', 'invitation', (p) =>
      p.getByRole('heading', { name: 'Einladung annehmen' }),
    );
    await page.getByLabel('Neues Passwort').fill('ein langes Passwort');
    await page.getByLabel('Passwort wiederholen').fill('ein anderes Passwort');
    await page.getByRole('button', { name: 'Passwort festlegen und anmelden' }).click();
    await tab.check('invitation-mismatch', page.getByText('Die Passwörter stimmen nicht überein.'));
  });

  it('says so when the invitation link has no token', async () => {
    const tab = await stack().open();
    await tab.visit('/invitation', 'invitation-without-token', (page) =>
      page.getByRole('alert').filter({ hasText: 'Der Link ist unvollständig.' }),
    );
  });

  it('opens the password reset: asking for a link, and setting a password with one', async () => {
    const tab = await stack().open();
    await tab.visit('/password-reset', 'password-reset-request', (page) =>
      page.getByRole('button', { name: 'Link anfordern' }),
    );
    await tab.visit('/password-reset?token=abc', 'password-reset-confirm', (page) =>
      page.getByRole('button', { name: 'Passwort speichern und anmelden' }),
    );
    await tab.page.getByRole('link', { name: 'Neuen Link anfordern' }).click();
    await tab.check('password-reset-request-again', tab.page.getByRole('button', { name: 'Link anfordern' }));
  });

  it('answers an address that is no page', async () => {
    const tab = await stack().open();
    await tab.visit('/gibt-es-nicht', 'not-found', (page) =>
      page.getByRole('heading', { name: 'Seite nicht gefunden' }),
    );
  });
});
