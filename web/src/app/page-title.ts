import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title of a page: "<page> – DIM Akkreditierung". */
export function usePageTitle(title: string) {
  const { t } = useTranslation();
  const appName = t('appName');
  useEffect(() => {
    document.title = `${title} – ${appName}`;
  }, [title, appName]);
}
