import { describe, expect, it } from 'vitest';
import { browserStackPerFile } from './harness';

/** The frame around every page: navigation, its mobile form, keyboard order. */
describe('the application shell', () => {
  const stack = browserStackPerFile();

  it('on a phone hides the navigation behind the menu button, out of the keyboard order', async () => {
    const tab = await stack().open('phone');
    const { page } = tab;
    await page.goto(`${stack().api.baseUrl}/register`);
    await page.getByRole('heading', { name: 'Öffentliches Register' }).waitFor();

    const reached: string[] = [];
    for (let step = 0; step < 12; step++) {
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      if ((await focused.getAttribute('name')) === 'q') break;
      reached.push(
        await focused.evaluate((element) => (element.closest('nav') ? 'navigation' : element.tagName)),
      );
    }
    expect(reached).not.toContain('navigation');
    expect(reached.length).toBeLessThan(12);

    const menu = page.getByRole('button', { name: 'Navigation öffnen' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    const navigation = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await tab.check('navigation-open', navigation.getByRole('link', { name: 'Anmelden' }));
    expect(
      await page.getByRole('button', { name: 'Navigation schließen' }).getAttribute('aria-expanded'),
    ).toBe('true');

    await navigation.getByRole('link', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    expect(await page.getByRole('button', { name: 'Navigation öffnen' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
  });

  it('shows someone not signed in the register and the way to sign in, the current page marked', async () => {
    const tab = await stack().open();
    await tab.visit('/register', 'navigation-signed-out', (page) =>
      page.getByRole('navigation', { name: 'Hauptnavigation' }),
    );
    const navigation = tab.page.getByRole('navigation', { name: 'Hauptnavigation' });
    expect(await navigation.getByRole('link').allTextContents()).toEqual([
      'Öffentliches Register',
      'Anmelden',
    ]);
    expect(
      await navigation.getByRole('link', { name: 'Öffentliches Register' }).getAttribute('aria-current'),
    ).toBe('page');
  });
});
