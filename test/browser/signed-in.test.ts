import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sendInvitation } from '../../db/account-tokens';
import { browserStackPerFile } from './harness';

/**
 * Signing in for real, through the pages and the API's sign-in routes: the invitation link of an
 * e-mail (its token read from the account-mail outbox, where the e-mail takes it from), the session
 * cookie the browser keeps, signing out and in again.
 */
describe('an invited person in the browser', () => {
  const stack = browserStackPerFile();

  it('sets a password from the invitation link, is signed in, signs out and signs in again', async () => {
    const { api } = stack();
    const { db } = api.database;
    const person = await api.user('auditor');
    const email = `erika-${person.id.slice(0, 8)}@dim.test`;
    await db
      .updateTable('users')
      .set({ email, name: 'Erika Mustermann' })
      .where('user_id', '=', person.id)
      .execute();
    await sendInvitation(db, person.id, { id: 'system', role: 'system' });
    const { token } = await db
      .selectFrom('account_mails')
      .select('token')
      .where('user_id', '=', person.id)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();

    const tab = await stack().open();
    const { page } = tab;
    await tab.visit(`/invitation?token=${token}`, 'invitation-real', (p) =>
      p.getByRole('heading', { name: 'Einladung annehmen' }),
    );
    const password = 'Erikas langes Passwort';
    await page.getByLabel('Neues Passwort').fill(password);
    await page.getByLabel('Passwort wiederholen').fill(password);
    await page.getByRole('button', { name: 'Passwort festlegen und anmelden' }).click();
    const userMenu = page.getByRole('button', { name: 'Benutzermenü von Erika Mustermann' });
    await tab.check('invitation-accepted', userMenu);

    const [cookie] = (await page.context().cookies()).filter(({ name }) => name === 'dim_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // HttpOnly: the page's scripts cannot read it.
    expect(await page.evaluate('document.cookie')).not.toContain('dim_session');

    // Everything held about her, from the user menu (DSGVO Art. 15).
    const download = page.waitForEvent('download');
    await userMenu.click();
    await page.getByRole('menuitem', { name: 'Meine Daten herunterladen' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`personal-data-${person.id}.json`);
    const exported = JSON.parse(await readFile(await file.path(), 'utf8'));
    expect(exported.account).toMatchObject({ id: person.id, name: 'Erika Mustermann', email });
    expect(exported.sessions).toHaveLength(1);

    await userMenu.click();
    await page.getByRole('menuitem', { name: 'Abmelden' }).click();
    await tab.check('signed-out', page.getByRole('heading', { name: 'Anmelden' }));
    const sessions = await db
      .selectFrom('sessions')
      .select('user_id')
      .where('user_id', '=', person.id)
      .execute();
    expect(sessions).toEqual([]);

    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.locator('input[type="password"]').fill(password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await tab.check('signed-in-again', userMenu);
  });
});
