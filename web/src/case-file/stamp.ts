import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoment } from '../app/format';
import { currentLanguage } from '../i18n';
import { useCaseLookup } from './lookup';

/** "when – who" of a step, and deadlines with their zone, in the page's language. */
export function useStamps() {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  const language = currentLanguage();
  return {
    stamp: (at: string, by: string | null) =>
      t('stamp', { date: formatDateTime(at, language), person: lookup.person(by) }),
    moment: (at: string) => formatMoment(at, language),
  };
}
