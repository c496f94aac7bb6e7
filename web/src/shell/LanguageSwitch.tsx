import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language, languages } from '../i18n';

/** DE | EN; the choice is kept in the browser (see i18n/index.ts). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={currentLanguage()}
      onChange={(language) => void i18n.changeLanguage(language)}
      data={languages.map((language: Language) => ({
        value: language,
        label: (
          <>
            <span aria-hidden="true">{language.toUpperCase()}</span>
            <VisuallyHidden lang={language}>{t(`language.${language}`)}</VisuallyHidden>
          </>
        ),
      }))}
    />
  );
}
