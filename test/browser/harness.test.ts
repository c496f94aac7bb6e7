import { describe, expect, it } from 'vitest';
import { browserStackPerFile } from './harness';

/** The checks every page passes must be able to fail: each is shown a page that breaks it. */
describe('the page checks of the browser tests', () => {
  const stack = browserStackPerFile();

  const breakages: [string, string, RegExp][] = [
    [
      'an image without a text alternative',
      'document.body.append(Object.assign(document.createElement("img"), { src: "/favicon.svg" }))',
      /image-alt/,
    ],
    [
      'content wider than the screen',
      'document.querySelector("main").append(Object.assign(document.createElement("div"), { style: "width: 2000px" }))',
      /wider than the phone screen/,
    ],
    [
      'an inline style the CSP refuses',
      'document.head.append(Object.assign(document.createElement("style"), { textContent: "p{}" }))',
      /CSP violations/,
    ],
  ];

  it.each(breakages)('refuse %s', async (_, script, message) => {
    const tab = await stack().open('phone');
    await tab.page.goto(`${stack().api.baseUrl}/register`);
    const heading = tab.page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    await tab.page.evaluate(script);
    await expect(tab.check('harness-breakage', heading)).rejects.toThrow(message);
  });
});
