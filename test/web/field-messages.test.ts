import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { fieldErrorMessage } from '../../web/src/forms/problem-message';
import { common } from '../../web/src/i18n/common';

describe("a field error in the page's language", () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({
      resources: { de: { common: common.de }, en: { common: common.en } },
      lng: 'de',
      defaultNS: 'common',
      interpolation: { escapeValue: false },
    });
  });
  const say = (language: 'de' | 'en', error: Parameters<typeof fieldErrorMessage>[1]) =>
    fieldErrorMessage(i18n.getFixedT(language, 'common') as TFunction<'common'>, error);
  const field = 'body.name';

  it("says what is wrong in German and English from the issue's terms, not the API's English words", () => {
    const cases = [
      [
        { code: 'invalid_format', format: 'email', message: 'Invalid email address' },
        common.de.problems.field.format.email,
      ],
      [
        { code: 'invalid_format', format: 'regex', message: 'Control characters …' },
        common.de.problems.field.format.characters,
      ],
      [
        { code: 'invalid_format', format: 'date', message: 'Invalid ISO date' },
        common.de.problems.field.format.date,
      ],
      [
        { code: 'invalid_type', message: 'Invalid input: expected string, received undefined' },
        common.de.problems.field.required,
      ],
      [
        { code: 'invalid_value', message: 'Invalid option: expected one of "de"|"en"' },
        common.de.problems.field.choose,
      ],
      [
        { code: 'too_big', limit: 200, origin: 'string', message: 'Too big' },
        'Höchstens 200 Zeichen – bitte kürzen Sie den Text.',
      ],
    ] as const;
    for (const [terms, german] of cases) expect(say('de', { field, ...terms })).toBe(german);
    expect(say('en', { field, code: 'invalid_format', format: 'email', message: 'x' })).toBe(
      common.en.problems.field.format.email,
    );
  });

  it("keeps the API's words where the terms name nothing it can say better", () => {
    expect(say('de', { field, code: 'invalid_format', format: 'uuid', message: 'Invalid UUID' })).toBe(
      'Invalid UUID',
    );
    expect(say('de', { field, code: 'custom', message: 'not an auditor' })).toBe('not an auditor');
    expect(say('de', { field, message: 'no code at all' })).toBe('no code at all');
  });
});
