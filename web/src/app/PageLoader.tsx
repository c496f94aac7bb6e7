import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A loading state that holds the place of the page (no jump when it arrives). */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih={240} role="status" aria-live="polite">
      <Loader aria-label={t('loading')} />
    </Center>
  );
}
